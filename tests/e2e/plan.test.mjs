// End-to-end: a taper plan made on the Plan screen, doses on three plan days, the Taper chart
// and schedule, a step back that survives a restart, and the Progress charts.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startDisplay, Profile, stopAll, APP } from './harness.mjs';

const ENTER = '\uE007';

function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Screenshots can lag a resize or a scroll by a frame or two: let the window settle first. */
async function shot(app, name) {
  await app.exec(`return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(true), 250))));`);
  await app.screenshot(name);
}

async function shownDay(app) {
  return app.exec(`return document.querySelector('#day-picker').value`);
}

/** The chart's <svg> in `frame`: its accessible name, and whether it looks whole. */
async function chartIn(app, frame) {
  return app.exec(`
    const svg = document.querySelector(arguments[0] + ' > svg');
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    return { label: svg.getAttribute('aria-label'), role: svg.getAttribute('role'),
             nan: svg.outerHTML.includes('NaN'), width: box.width, height: box.height,
             frame: document.querySelector(arguments[0]).clientWidth };`, frame);
}

/** The short message shown instead of an empty chart in `frame`, or null. */
async function chartNote(app, frame) {
  return app.exec(`
    const frame = document.querySelector(arguments[0]);
    const p = frame && !frame.hasAttribute('aria-busy') && frame.querySelector(':scope > .chart-message.muted');
    if (!p || !p.textContent) return null;
    const card = document.querySelector(arguments[0]).closest('.chart-card');
    const actions = card ? [...card.querySelectorAll('.chart-actions')] : [];
    return { text: p.textContent, height: document.querySelector(arguments[0]).getBoundingClientRect().height,
             saveShown: actions.some((a) => !a.hidden && a.getClientRects().length > 0) };`, frame);
}

async function waitChart(app, frame, what = (c) => c, timeout = 15000) {
  return app.until(`chart in ${frame}`, async () => {
    const c = await chartIn(app, frame);
    return c && what(c) ? c : null;
  }, timeout);
}

/** Scrolls the content so `css` is at the top (for screenshots of long screens). */
async function scrollTo(app, css) {
  await app.exec(`document.querySelector(arguments[0]).scrollIntoView({block: 'start'});`, css);
}

async function scheduleLength(app) {
  return app.count('#plan-schedule tbody tr');
}

describe('Taper plan', () => {
  // Where the save dialog's stand-in puts saved charts.
  const saved = mkdtempSync(join(tmpdir(), 'taper-e2e-saved-'));
  const profile = new Profile(undefined, { TAPER_TEST_DIALOG_DIR: saved });
  let app;
  let today;

  before(async () => {
    await startDisplay();
    app = await profile.launch();
    await app.setSize(1200, 800);
    today = await shownDay(app);
  });

  after(async () => {
    await app?.quit();
    profile.stop();
    stopAll();
  });

  it('offers a plan from Today and from an empty Taper screen', async () => {
    await app.waitFor('#plan-a-taper');
    await app.click('#nav-taper');
    await app.waitFor('#taper-empty');
    assert.match(await app.text('#taper-empty'), /don't have a taper plan yet/);
    // Nothing to chart: a short message, not a large blank chart with Save buttons.
    const note = await app.until('empty chart message', () => chartNote(app, '#taper-chart'));
    assert.equal(note.text, 'Nothing to chart yet. Log a dose or start a plan.');
    assert.ok(note.height < 200, `the message is short (${note.height} px)`);
    assert.equal(note.saveShown, false, 'no Save buttons for an empty chart');
    assert.equal(await chartIn(app, '#taper-chart'), null);
    await shot(app, '39-taper-empty');
  });

  it('creates a 7-day detox plan that started two days ago, with a live preview', async () => {
    await app.click('#taper-create-plan');
    await app.waitFor('#screen-plan');
    assert.equal(await app.exec(`return document.querySelector('#plan-start').value`), today, 'starts today by default');
    assert.ok(await app.exec(`return document.querySelector('#plan-shape-detox_week').checked`), 'detox week chosen');

    // A figure the backend refuses is shown under its field.
    await app.type('#plan-start-g', '0');
    await app.until('start_g refused', async () => (await app.text('#plan-start-g-error'))?.length > 0);

    await app.type('#plan-start-g', '6');
    await app.setValue('#plan-start', addDays(today, -2));
    const preview = await waitChart(app, '#plan-preview', (c) => /^7 days from 6 g/.test(c.label));
    assert.equal(preview.nan, false);
    assert.match(await app.text('#plan-preview-end'), /· 7 days$/);
    assert.equal(await app.text('#plan-start-g-error'), '');

    // The other shapes show their own fields, then back to detox.
    await app.click('#plan-shape-percentage');
    await app.waitFor('#plan-percent');
    await waitChart(app, '#plan-preview', (c) => !/^7 days/.test(c.label));
    await app.click('#plan-shape-detox_week');
    await app.waitGone('#plan-percent');
    await waitChart(app, '#plan-preview', (c) => /^7 days from 6 g/.test(c.label));
    await shot(app, '40-plan');
    await scrollTo(app, '#plan-step3-title');
    await shot(app, '40-plan-details');

    await app.click('#plan-save');
    await app.waitFor('#screen-taper');
    await app.until('schedule of 7 days', async () => (await scheduleLength(app)) === 7);
    assert.equal(profile.sql('SELECT count(*) FROM plan')[0][0], '1');
  });

  it('logs doses on three plan days and shows them on the Taper chart', async () => {
    await app.click('#nav-today');
    await app.waitFor('#plan-card');
    for (const [back, amount] of [[2, '5.5'], [1, '4'], [0, '1.5']]) {
      await app.setValue('#day-picker', addDays(today, -back));
      await app.until('day shown', async () => (await shownDay(app)) === addDays(today, -back));
      await app.logDose(amount);
      await app.until('dose listed', async () => (await app.count('#dose-list li.dose-row')) === 1);
    }
    await app.until('back on today', async () => (await shownDay(app)) === today);

    assert.match(await app.text('#plan-card-text'), /^Day 3 of 7 · target \d+(\.\d)? g$/);
    const progress = await app.text('#plan-card-progress');
    assert.match(progress, /left today|On target|Over by/);
    assert.match(await app.text('#dose-summary'), /^1\.5 g taken · \d+(\.\d)? g planned · /);
    // The plan's sparkline, drawn by the backend, today marked; not on a past day.
    await app.waitFor('#plan-card-spark svg[role=img]');
    assert.match(await app.exec(`return document.querySelector('#plan-card-spark svg').getAttribute('aria-label')`), /^The plan's daily targets, today marked: Day 3 of 7/);
    assert.ok(await app.count('#plan-card-spark svg circle') >= 1, 'today is marked');
    await shot(app, '43-today-plan');
    await app.setValue('#day-picker', addDays(today, -1));
    await app.until('yesterday shown', async () => (await shownDay(app)) === addDays(today, -1));
    assert.equal(await app.count('#plan-card-spark svg'), 0, 'no sparkline on a past day');
    await app.setValue('#day-picker', today);
    await app.until('today again', async () => (await shownDay(app)) === today);

    await app.click('#plan-card-open');
    await app.waitFor('#screen-taper');
    const chart = await waitChart(app, '#taper-chart', (c) => /3 logged days/.test(c.label));
    assert.equal(chart.role, 'img');
    assert.equal(chart.nan, false);
    assert.ok(chart.height > 150 && chart.width > 500, `chart is large (${chart.width}x${chart.height})`);
    assert.ok(chart.width <= chart.frame + 1, 'chart fits its card');
    assert.match(await app.text('#taper-today-text'), /^Day 3 of 7 · target/);
    assert.equal(await app.text('#taper-today-progress'), progress);
    assert.equal(await app.count('#plan-schedule tr.today'), 1);
    assert.equal(await app.text('#plan-schedule tr.today td:first-child'), '3');
    assert.match(await app.text('#plan-history'), /^Plan started/);
    await shot(app, '41-taper');
    await scrollTo(app, '#taper-today');
    await shot(app, '41-taper-below');
    await scrollTo(app, '#taper-heading');
  });

  it('saves the Taper chart as PNG and SVG, drawn light', async () => {
    await app.click('#taper-save-png');
    await app.until('the PNG file', async () => readdirSync(saved).find((f) => f.endsWith('.png')) ?? null);
    await app.click('#taper-save-svg');
    await app.until('the SVG file', async () => readdirSync(saved).find((f) => f.endsWith('.svg')) ?? null);
    const files = readdirSync(saved);
    const png = files.find((f) => f.endsWith('.png'));
    const svg = files.find((f) => f.endsWith('.svg'));
    assert.match(png, /^taper-taper-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.png$/);
    const bytes = readFileSync(join(saved, png));
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    const width = bytes.readUInt32BE(16);
    assert.ok(width >= 1200, `a PNG at twice the size, got ${width} px`);
    const text = readFileSync(join(saved, svg), 'utf8');
    assert.ok(text.startsWith('<svg'));
    assert.ok(text.includes('Day 1') && !text.includes('NaN'));
    assert.ok(text.includes('#FFFFFF'), 'files are drawn in the light theme');
  });

  it('switches the range of the Taper chart', async () => {
    await app.click('#taper-range-last14');
    await waitChart(app, '#taper-chart', (c) => /3 logged days/.test(c.label) && c.label !== null);
    assert.equal(await app.exec(`return document.querySelector('#taper-range-last14').getAttribute('aria-checked')`), 'true');
    await app.click('#taper-range-plan');
    await waitChart(app, '#taper-chart', (c) => /3 logged days/.test(c.label));
  });

  it('steps back two days: the schedule grows from 7 to 9 days', async () => {
    const endBefore = await app.text('#plan-end');
    await app.click('#step-back');
    await app.waitFor('#step-back-dialog[open]');
    assert.match(await app.text('#step-back-text'), /Repeat yesterday's amount for a few days, then carry on/);
    assert.equal(await app.exec(`return document.querySelector('#step-back-days').value`), '2');
    await shot(app, '44-step-back-dialog');
    await app.keys(ENTER);
    await app.waitGone('#step-back-dialog[open]');
    await app.until('schedule of 9 days', async () => (await scheduleLength(app)) === 9);
    assert.notEqual(await app.text('#plan-end'), endBefore);
    assert.match(await app.text('#plan-end'), /· 9 days$/);
    assert.match(await app.text('#plan-history'), /Step back on [A-Z][a-z]{2} (\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2}): 2 days repeated/);
    assert.match(await app.text('#taper-today-text'), /^Day 3 of 9 · target/);
    await waitChart(app, '#taper-chart', (c) => /3 logged days/.test(c.label));
  });

  it('keeps the plan and the step back after a restart', async () => {
    await app.quit();
    app = await profile.launch();
    await app.setSize(1200, 800);
    assert.match(await app.text('#plan-card-text'), /^Day 3 of 9 · target/);
    await app.click('#nav-taper');
    await app.until('schedule of 9 days', async () => (await scheduleLength(app)) === 9);
    assert.match(await app.text('#plan-history'), /2 days repeated/);
    await waitChart(app, '#taper-chart', (c) => /3 logged days/.test(c.label));
  });

  it('shows all four Progress charts, for each range', async () => {
    await app.click('#nav-progress');
    await app.waitFor('#screen-progress');
    // Three days of doses and no check-in: the taper chart is drawn from the first dose (no
    // weeks of "No dose logged" before it), with its grams written on the bars; the charts
    // with nothing to show (symptoms, craving and sleep, and the weekly averages with one or
    // two part weeks) are short messages in words, without Save buttons.
    const taper = await waitChart(app, '#progress-chart-taper', (c) => /3 logged days/.test(c.label));
    assert.equal(taper.nan, false);
    const svgText = await app.exec(`return document.querySelector('#progress-chart-taper svg').textContent`);
    assert.ok(!svgText.includes('No dose logged'), svgText);
    assert.ok(svgText.includes('5.5') && svgText.includes('1.5'), `labelled values: ${svgText}`);
    assert.ok(!(await chartNote(app, '#progress-chart-taper')));
    for (const [kind, words] of [['symptoms', /^No check-ins/], ['sleep', /craving|sleep/i]]) {
      const note = await app.until(`${kind} message`, () => chartNote(app, `#progress-chart-${kind}`));
      assert.match(note.text, words);
      assert.equal(note.saveShown, false, `${kind}: no Save buttons`);
      assert.ok(note.height < 200, `${kind}: short (${note.height} px)`);
    }
    const weekly = await app.until('weekly chart or message', async () =>
      (await chartNote(app, '#progress-chart-progress')) ?? (await chartIn(app, '#progress-chart-progress')));
    if (weekly.text !== undefined) assert.match(weekly.text, /^Not enough weeks yet/);
    const shownSave = await app.exec(`return [...document.querySelectorAll('#screen-progress button[id$="-save-png"]')].filter((b) => b.getClientRects().length > 0).length`);
    assert.equal(shownSave, weekly.text === undefined ? 2 : 1, 'Save buttons only for drawn charts');
    await shot(app, '42-progress');
    await scrollTo(app, '#progress-chart-symptoms');
    await shot(app, '42-progress-2');
    await scrollTo(app, '#progress-chart-progress');
    await shot(app, '42-progress-3');
    await scrollTo(app, '#progress-heading');

    // The range is one tab stop; the arrow keys move and choose.
    await app.exec(`document.querySelector('#progress-range-month').focus()`);
    await app.keys('\uE014');
    await app.until('3 months chosen', async () =>
      (await app.exec(`return document.activeElement.id + ' ' + document.activeElement.getAttribute('aria-checked')`)) === 'progress-range-quarter true');
    await waitChart(app, '#progress-chart-taper', (c) => /3 logged days/.test(c.label));
    await shot(app, '42-progress-range-focus');

    await app.click('#progress-range-week');
    // Three days make one ISO week or two: with one the weekly chart says so in words.
    const few = await app.until('weekly chart or message', async () =>
      (await chartNote(app, '#progress-chart-progress')) ?? (await chartIn(app, '#progress-chart-progress')));
    if (few.text !== undefined) assert.match(few.text, /^Not enough weeks yet/);
    else assert.equal(few.nan, false);
    await app.click('#progress-range-all');
    await waitChart(app, '#progress-chart-taper', (c) => /3 logged days/.test(c.label));
  });

  it('moves between screens with Ctrl+1, Ctrl+2 and Ctrl+3', async () => {
    const press = (key) => app.exec(
      `document.body.dispatchEvent(new KeyboardEvent('keydown', {key: arguments[0], ctrlKey: true, bubbles: true, cancelable: true}));`, key);
    const shown = () => app.exec(`return [...document.querySelectorAll('main > .screen')].filter((e) => !e.hidden).map((e) => e.id).join()`);
    await press('2');
    await app.until('Taper shown', async () => (await shown()) === 'screen-taper');
    assert.equal(await app.exec(`return document.querySelector('#nav-taper').getAttribute('aria-current')`), 'page');
    await press('3');
    await app.until('Progress shown', async () => (await shown()) === 'screen-progress');
    await press('1');
    await app.until('Today shown', async () => (await shown()) === 'screen-today');
    await app.click('#nav-help');
    assert.match(await app.text('#shortcut-list'), /Ctrl\+2 ?Taper screen/);
  });

  it('looks right in dark mode and at the smallest window', async () => {
    await app.click('#nav-settings');
    await app.setValue('#settings-theme', 'dark');
    await app.until('dark theme', async () =>
      (await app.exec(`return document.documentElement.dataset.theme`)) === 'dark');
    await app.click('#nav-taper');
    await waitChart(app, '#taper-chart', (c) => /3 logged days/.test(c.label));
    await shot(app, '45-taper-dark');
    await scrollTo(app, '#taper-today');
    await shot(app, '45-taper-dark-below');
    await app.click('#nav-progress');
    await waitChart(app, '#progress-chart-taper', (c) => /3 logged days/.test(c.label));
    await app.until('empty charts say so', () => chartNote(app, '#progress-chart-symptoms'));
    await shot(app, '46-progress-dark');
    await app.click('#nav-taper');
    await app.click('#taper-new-plan');
    await app.waitFor('#screen-plan');
    await waitChart(app, '#plan-preview');
    await shot(app, '47-plan-dark');
    await app.click('#plan-cancel');
    await app.waitFor('#screen-taper');

    await app.setSize(900, 600);
    await app.until('window at 900x600', async () => (await app.exec(`return window.innerWidth`)) <= 900);
    await waitChart(app, '#taper-chart');
    const overflow = await app.exec(`const c = document.querySelector('#content'); return c.scrollWidth - c.clientWidth;`);
    assert.ok(overflow <= 0, `nothing sticks out sideways at 900x600 (${overflow}px)`);
    await shot(app, '48-taper-dark-900x600');
    await app.click('#nav-today');
    await app.waitFor('#plan-card');
    await shot(app, '49-today-plan-dark-900x600');
    await app.click('#nav-progress');
    await waitChart(app, '#progress-chart-taper');
    await shot(app, '49-progress-dark-900x600');
    await app.click('#nav-settings');
    await app.setValue('#settings-theme', 'system');
    await app.setSize(1200, 800);
  });
});

describe('A plan still to come', () => {
  const profile = new Profile();
  before(startDisplay);
  after(() => {
    profile.stop();
    stopAll();
  });

  it('says on the Taper screen when it starts, and offers no step back', async () => {
    const app = await profile.launch();
    const today = await shownDay(app);
    const start = addDays(today, 11);
    execFileSync(join(APP, '..', 'taper'), ['plan', 'create', '--shape', 'detox', '--amount', '5', '--start', start], {
      env: { ...process.env, TAPER_DATA_DIR: profile.dataDir },
    });
    await app.click('#nav-taper');
    await app.until('start said', async () => /^This plan starts on .*, in 11 days\.$/.test((await app.text('#taper-today-text')) ?? ''), 10000);
    assert.equal(await app.exec('return document.querySelector("#step-back").disabled;'), true);
    await app.quit();
  });
});
