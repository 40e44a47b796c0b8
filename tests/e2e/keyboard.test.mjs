// End-to-end: the keyboard alone (shared/design/ui.md, "Keyboard"). Every shortcut does what it
// says, and nothing while typing or while a dialog is open; Esc closes each dialog without
// saving, Enter saves the dose and check-in forms (read back from the diary file); a whole Today
// session with keys only; the Tab order of Today's main controls; a visible focus indicator on
// every control of every screen and of the dose and check-in dialogs; and each chart's text
// alternative saying what it shows, with its numbers. Keys go in as WebDriver key input to the
// focused element, as a keyboard would send them.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDisplay, Profile, stopAll } from './harness.mjs';
import { seedDiary } from './seed.mjs';

const ENTER = '\uE007';
const ESC = '\uE00C';
const TAB = '\uE004';
const SHIFT = '\uE008';
const CTRL = '\uE009';
const LEFT = '\uE012';
const RIGHT = '\uE014';

const doses = (p) => Number(p.sql('SELECT count(*) FROM dose WHERE deleted_at IS NULL')[0][0]);
const checkins = (p) => Number(p.sql('SELECT count(*) FROM checkin WHERE deleted_at IS NULL')[0][0]);

/**
 * Sends keys to the focused element, again if the page re-rendered it between finding it and
 * typing (a refresh after a save can replace the focused row).
 */
async function press(app, text) {
  for (let i = 0; ; i++) {
    try {
      await app.keys(text);
      return;
    } catch (e) {
      if (i >= 3 || !/stale element/.test(e.message)) throw e;
    }
  }
}

/** The focused element, as "#id" or "tag.class" (and its words for a button without an id). */
async function focused(app) {
  return app.exec(`const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    if (e.id) return '#' + e.id;
    return e.localName + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');`);
}

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `css`; the stops. */
async function tabTo(app, css, { back = false, max = 60 } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await press(app, back ? `${SHIFT}${TAB}${SHIFT}` : TAB);
    stops.push(await focused(app));
    if (await app.exec(`return !!document.activeElement && document.activeElement.matches(arguments[0])`, css)) return stops;
  }
  throw new Error(`Tab never reached ${css}: ${stops.join(' ')}`);
}

/** The diary day Today shows. */
const shownDay = (app) => app.exec(`return document.querySelector('#day-picker').value`);

/** The day `n` days after `day` ("YYYY-MM-DD"). */
function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Walks `scope` with Tab as a person would (from its first control, round to where it leaves
 * `scope` or comes back) and returns the stops whose focus cannot be seen: no outline or
 * box-shadow when focused, or the same as when not focused.
 */
async function invisibleFocus(app, scope) {
  const first = await app.exec(`
    const sel = 'button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])';
    const look = (e) => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
    document.activeElement && document.activeElement.blur && document.activeElement.blur();
    window.__unfocused = new WeakMap();
    const all = [...document.querySelector(arguments[0]).querySelectorAll(sel)]
      .filter((e) => !e.disabled && e.getClientRects().length > 0 && e.tabIndex >= 0);
    for (const e of all) {
      window.__unfocused.set(e, look(e));
      // A visually hidden checkbox shows its focus on its label.
      const label = e.closest('label');
      if (label) window.__unfocused.set(label, look(label));
    }
    if (!all.length) return false;
    all[0].focus();
    return true;`, scope);
  if (!first) return { n: 0, bad: [] };
  // Onto the first control by keyboard (Tab away and back), so :focus-visible applies.
  await press(app, TAB);
  await press(app, `${SHIFT}${TAB}${SHIFT}`);
  const bad = [];
  const seen = new Set();
  for (let i = 0; i < 120; i++) {
    const r = await app.exec(`
      const e = document.activeElement;
      if (!e || !document.querySelector(arguments[0]).contains(e)) return null;
      const look = (x) => { const s = getComputedStyle(x); return { all: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '), os: s.outlineStyle, w: parseFloat(s.outlineWidth), oc: s.outlineColor, b: s.boxShadow }; };
      const transparent = (c) => /rgba\(.*, 0\)$/.test(c) || c === 'transparent';
      const small = e.getBoundingClientRect().width < 2 || e.getBoundingClientRect().height < 2;
      const shown = small && e.closest('label') ? e.closest('label') : e;
      const on = look(shown);
      const off = window.__unfocused.get(shown);
      const outline = on.os !== 'none' && on.w >= 2 && !transparent(on.oc) && on.all !== off;
      const shadow = on.b !== 'none' && on.all !== off;
      const name = e.id ? '#' + e.id : e.localName + '.' + String(e.className).trim().split(/\s+/).join('.');
      if (!e.__stop) e.__stop = (window.__stops = (window.__stops || 0) + 1);
      return { stop: e.__stop, name: name + (e.id ? '' : ' "' + (e.textContent || '').trim().slice(0, 20) + '"'), ok: outline || shadow, how: on.all };`, scope);
    if (!r || seen.has(r.stop)) break;
    seen.add(r.stop);
    if (!r.ok) bad.push(`${r.name} [${r.how}]`);
    await press(app, TAB);
  }
  return { n: seen.size, bad };
}

describe('the keyboard alone', () => {
  const profile = new Profile();
  let app;

  before(async () => {
    await startDisplay();
    seedDiary(profile.dataDir);
    app = await profile.launch();
    await app.setSize(1200, 800);
  });

  after(async () => {
    await app?.quit();
    stopAll();
  });

  it('D, C, ←, →, T and Ctrl+, do what they say; Esc closes a dialog without saving', async () => {
    const today = await shownDay(app);
    const [d0, c0] = [doses(profile), checkins(profile)];

    await press(app, 'd');
    await app.waitFor('#dose-dialog[open] #dose-amount:focus');
    await press(app, ESC);
    await app.waitGone('#dose-dialog[open]');
    await press(app, 'c');
    await app.waitFor('#checkin-dialog[open]');
    await press(app, ESC);
    await app.waitGone('#checkin-dialog[open]');
    assert.deepEqual([doses(profile), checkins(profile)], [d0, c0], 'Esc saved nothing');

    await press(app, LEFT);
    await app.until('the day before', async () => (await shownDay(app)) === addDays(today, -1));
    await press(app, LEFT);
    await app.until('two days back', async () => (await shownDay(app)) === addDays(today, -2));
    await press(app, RIGHT);
    await app.until('a day forward', async () => (await shownDay(app)) === addDays(today, -1));
    await press(app, 't');
    await app.until('back on today', async () => (await shownDay(app)) === today);
    await press(app, RIGHT);
    await app.settle();
    assert.equal(await shownDay(app), today, '→ goes no further than today');

    await press(app, `${CTRL},${CTRL}`);
    await app.waitFor('#screen-settings:not([hidden])');
    // T from another screen: back to Today, on today.
    await press(app, 'T');
    await app.waitFor('#screen-today:not([hidden])');
    // D from another screen opens the dose form on Today.
    await press(app, `${CTRL}2${CTRL}`);
    await app.waitFor('#screen-taper:not([hidden])');
    await press(app, 'D');
    await app.waitFor('#dose-dialog[open]');
    assert.ok(await app.exec(`return !document.querySelector('#screen-today').hidden`));
    await press(app, ESC);
    await app.waitGone('#dose-dialog[open]');
  });

  it('does nothing while typing in a field or while a dialog is open', async () => {
    const today = await shownDay(app);
    await press(app, 'd');
    await app.waitFor('#dose-dialog[open] #dose-amount:focus');
    // Letters typed into the note stay there: no check-in, no day change, no screen change.
    await app.click('#dose-note');
    await press(app, 'c t d');
    assert.equal(await app.exec(`return document.querySelector('#dose-note').value`), 'c t d');
    // ← and → move in the text, not between days; Ctrl+, does not leave the form.
    await press(app, `${LEFT}${LEFT}${RIGHT}`);
    await press(app, `${CTRL},${CTRL}`);
    // On the dialog's own buttons, letters and arrows do nothing either.
    await app.exec(`document.querySelector('#dose-cancel').focus()`);
    await press(app, `c${LEFT}t`);
    await app.settle();
    assert.equal(await app.count('dialog[open]'), 1, 'only the dose form is open');
    assert.ok(await app.exec(`return document.querySelector('#dose-dialog').open`));
    assert.equal(await shownDay(app), today);
    assert.ok(await app.exec(`return !document.querySelector('#screen-today').hidden`));
    await press(app, ESC);
    await app.waitGone('#dose-dialog[open]');

    // A field on a screen: Share's name field takes the letters; nothing moves.
    await press(app, `${CTRL}4${CTRL}`);
    await app.waitFor('#screen-share:not([hidden])');
    await app.click('#share-include-name');
    await app.waitFor('#share-name');
    await app.exec(`document.querySelector('#share-name').focus()`);
    await press(app, 'dct');
    await app.settle();
    assert.equal(await app.count('dialog[open]'), 0);
    assert.ok(await app.exec(`return !document.querySelector('#screen-share').hidden`), 'still on Share');
    assert.equal(await app.exec(`return document.querySelector('#share-name').value`), 'dct');
    await app.clear('#share-name');
    await app.click('#share-include-name');
    await press(app, `${CTRL}1${CTRL}`);
    await app.waitFor('#screen-today:not([hidden])');
  });

  it('Enter saves the dose and the check-in forms', async () => {
    const [d0, c0] = [doses(profile), checkins(profile)];
    await press(app, 'd');
    await app.waitFor('#dose-dialog[open] #dose-amount:focus');
    await press(app, `${CTRL}a${CTRL}1.3`);
    await press(app, ENTER);
    await app.waitGone('#dose-dialog[open]');
    await app.until('dose saved', async () => doses(profile) === d0 + 1);
    assert.deepEqual(profile.sql('SELECT amount_dg FROM dose WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1'), [['13']]);

    await press(app, 'c');
    await app.waitFor('#checkin-dialog[open] button.score:focus');
    await press(app, '2');
    await press(app, ENTER);
    await app.waitGone('#checkin-dialog[open]');
    await app.until('check-in saved', async () => checkins(profile) === c0 + 1);
    assert.deepEqual(profile.sql(`SELECT sum(score) FROM checkin_item WHERE checkin_id = (SELECT max(id) FROM checkin)`), [['2']]);
  });

  it('a whole Today session by keyboard: Tab to Log dose, log, check in, days, a quick chip, Undo, Settings', async () => {
    await app.exec(`location.reload()`);
    await app.waitFor('#dose-summary', 20000);
    const today = await shownDay(app);
    const [d0, c0] = [doses(profile), checkins(profile)];

    // From the start of the page, Tab reaches the main controls in a sensible order.
    await app.exec(`document.activeElement && document.activeElement.blur && document.activeElement.blur()`);
    const stops = await tabTo(app, '#log-dose');
    const expected = ['#nav-today', '#nav-taper', '#nav-progress', '#nav-share', '#nav-settings', '#nav-help', '#day-prev', '#log-dose'];
    const at = expected.map((id) => stops.indexOf(id));
    assert.ok(at.every((i) => i >= 0), `every one reached: ${stops.join(' ')}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at, `in order: ${stops.join(' ')}`);
    const rest = await tabTo(app, '#add-medicine');
    const later = ['#quick-amounts', '#check-in', '#plan-card-open', '#add-medicine'].map((css) =>
      rest.findIndex((s) => css === '#quick-amounts' ? /quick-dose/.test(s) : s === css));
    assert.ok(later.every((i) => i >= 0), `reached: ${rest.join(' ')}`);
    assert.deepEqual([...later].sort((a, b) => a - b), later, `in order: ${rest.join(' ')}`);

    // Log a dose: back to Log dose, Enter opens the form, Enter saves it.
    await tabTo(app, '#log-dose', { back: true });
    await press(app, ENTER);
    await app.waitFor('#dose-dialog[open] #dose-amount:focus');
    await press(app, `${CTRL}a${CTRL}0.7${ENTER}`);
    await app.waitGone('#dose-dialog[open]');
    await app.until('dose saved', async () => doses(profile) === d0 + 1);
    assert.equal(await focused(app), '#log-dose', 'focus back on Log dose');

    // Check in: Tab to it, Enter, a rating, Enter.
    await tabTo(app, '#check-in');
    await press(app, ENTER);
    await app.waitFor('#checkin-dialog[open] button.score:focus');
    await press(app, `1${ENTER}`);
    await app.waitGone('#checkin-dialog[open]');
    await app.until('check-in saved', async () => checkins(profile) === c0 + 1);

    // A day back and forward again.
    await press(app, LEFT);
    await app.until('the day before', async () => (await shownDay(app)) === addDays(today, -1));
    await press(app, RIGHT);
    await app.until('today again', async () => (await shownDay(app)) === today);

    // A quick chip (Enter on it logs at once), then Undo in the toast, reached by Shift+Tab.
    await app.exec(`document.querySelector('#log-dose').focus()`);
    await tabTo(app, '#quick-amounts button.quick-dose');
    await press(app, ENTER);
    await app.until('chip logged', async () => doses(profile) === d0 + 2);
    await app.waitFor('#toast-undo');
    await tabTo(app, '#toast-undo', { back: true });
    await press(app, ENTER);
    await app.until('undone', async () => doses(profile) === d0 + 1);
    await app.until('said so', async () => (await app.text('#toast-message')) === 'Dose removed');
    // And Ctrl+Z, the same Undo from anywhere.
    await app.exec(`document.querySelector('#log-dose').focus()`);
    await tabTo(app, '#quick-amounts button.quick-dose');
    await press(app, ' ');
    await app.until('chip logged again', async () => doses(profile) === d0 + 2);
    await press(app, `${CTRL}z${CTRL}`);
    await app.until('undone by Ctrl+Z', async () => doses(profile) === d0 + 1);

    // Settings, by Tab and Enter on the rail.
    await tabTo(app, '#nav-settings', { back: true });
    await press(app, ENTER);
    await app.waitFor('#screen-settings:not([hidden])');
    assert.equal(await focused(app), '#settings-heading', 'the screen heading takes focus');
    await press(app, `${CTRL}1${CTRL}`);
    await app.waitFor('#screen-today:not([hidden])');
  });

  it('shows where focus is on every control of every screen and every form', async (t) => {
    const screens = [['1', 'today'], ['2', 'taper'], ['3', 'progress'], ['4', 'share'], [',', 'settings']];
    const report = [];
    for (const theme of ['light', 'dark']) {
      await app.useTheme(theme);
      for (const [key, screen] of screens) {
        await press(app, `${CTRL}${key}${CTRL}`);
        await app.waitFor(`#screen-${screen}:not([hidden])`);
        await app.settle();
        const r = await invisibleFocus(app, `#screen-${screen}`);
        report.push([theme, screen, r]);
      }
      await press(app, '\uE031'); // F1: Get help
      await app.waitFor('#screen-help:not([hidden])');
      report.push([theme, 'rail', await invisibleFocus(app, 'nav.rail')]);
      report.push([theme, 'help', await invisibleFocus(app, '#screen-help')]);
      await press(app, 'd');
      await app.waitFor('#dose-dialog[open]');
      report.push([theme, 'dose form', await invisibleFocus(app, '#dose-dialog')]);
      await press(app, ESC);
      await app.waitGone('#dose-dialog[open]');
      await press(app, 'c');
      await app.waitFor('#checkin-dialog[open]');
      report.push([theme, 'check-in form', await invisibleFocus(app, '#checkin-dialog')]);
      await press(app, ESC);
      await app.waitGone('#checkin-dialog[open]');
      // The other forms: a medicine, a step back, the plan form, and Settings' own dialogs.
      const dialog = async (where, open, ready) => {
        await app.click(open);
        await app.waitFor(ready);
        report.push([theme, where, await invisibleFocus(app, 'dialog[open]')]);
        await press(app, ESC);
        await app.waitGone('dialog[open]');
      };
      await dialog('medicine form', '#add-medicine', 'dialog[open] #medicine-name');
      await app.openScreen('taper', 'taper');
      await dialog('step-back form', '#step-back', 'dialog[open] #step-back-days');
      await app.click('#taper-new-plan');
      await app.waitFor('#screen-plan');
      await app.settle();
      report.push([theme, 'plan form', await invisibleFocus(app, '#screen-plan')]);
      await app.click('#plan-cancel');
      await app.waitFor('#screen-taper:not([hidden])');
      await app.openScreen('settings', 'settings');
      await dialog('passphrase form', '#passphrase-set', 'dialog[open] input[type=password]');
      await dialog('delete-everything form', '#delete-all', 'dialog[open] input');
      await app.openScreen('today', 'today');
    }
    await app.useTheme('system');
    t.diagnostic(report.map(([theme, where, r]) => `${theme} ${where}: ${r.n} stops`).join(', '));
    // Get help is words only; every other place has controls to check.
    for (const [theme, where, r] of report) if (where !== 'help') assert.ok(r.n > 0, `${theme} ${where}: controls found`);
    const bad = report.filter(([, , r]) => r.bad.length > 0).map(([t, w, r]) => `${t} ${w}: ${r.bad.join(', ')}`);
    assert.deepEqual(bad, []);
  });

  it('each chart says what it shows, with its numbers', async () => {
    const label = (css) => app.exec(`const s = document.querySelector(arguments[0] + ' svg[role=img]'); return s ? s.getAttribute('aria-label') : null;`, css);
    await press(app, `${CTRL}2${CTRL}`);
    const taper = await app.until('taper chart', () => label('#taper-chart'), 15000);
    assert.match(taper, /^Taken and planned, \d+ days, .*: grams per day, \d+ logged days: from [\d.]+ g to [\d.]+ g, [\d.]+ g in all; plan followed on \d+ of \d+ days/);
    await press(app, `${CTRL}3${CTRL}`);
    await app.until('charts drawn', async () =>
      (await app.exec(`return document.querySelectorAll('#screen-progress svg[role=img]').length`)) >= 4, 15000);
    const all = await app.exec(`return [...document.querySelectorAll('#screen-progress svg[role=img]')].map((s) => s.getAttribute('aria-label'))`);
    const find = (re) => all.find((l) => re.test(l)) ?? '';
    assert.match(find(/^Symptoms by day/), /\d+ symptoms, \d+ days with a check-in, worst rating [a-z]+/);
    assert.match(find(/^Weekly averages/), /weeks, from [\d.]+ g a day on average \(week of .+\) to [\d.]+ g/);
    assert.match(find(/^Craving and sleep/), /craving on \d+ days, [\d.]+ of 10 on average/);
    assert.match(find(/^Taken and planned/), /grams per day, \d+ logged days: from [\d.]+ g to [\d.]+ g/);
    // The plan form's preview, and Today's sparkline of the plan.
    await press(app, `${CTRL}2${CTRL}`);
    await app.click('#taper-new-plan');
    const preview = await app.until('plan preview', () => label('#plan-preview'), 15000);
    assert.match(preview, /^\d+ days from [\d.]+ g to 0 g in \d+ steps, ending /);
    await app.click('#plan-cancel');
    await press(app, `${CTRL}1${CTRL}`);
    await app.waitFor('#screen-today:not([hidden])');
    const spark = await app.until('sparkline', () => label('#plan-card-spark'), 15000);
    assert.match(spark, /^The plan's daily targets, today marked: Day \d+ of \d+ · target [\d.]+ g/);
  });
});
