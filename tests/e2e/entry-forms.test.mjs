// End-to-end: Taper's own date and time control in the entry forms (one way of writing dates,
// typed times, the −30 min chip, the day buttons) and the quicker check-in (craving row, sleep
// stepper, word segments, two instruments in folding sections with their own totals); checked
// in the DOM and in the database file, screenshotted light and dark at 1200x800 and 900x600.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDisplay, Profile, stopAll } from './harness.mjs';

const ENTER = '\uE007';
const UP = '\uE013';
const END = '\uE010';
const ESC = '\uE00C';

function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function shot(app, name) {
  await new Promise((r) => setTimeout(r, 400));
  await app.screenshot(name);
}

/** The element's box lies inside the window (not clipped, not below the fold). */
async function inView(app, css) {
  return app.exec(`const r = document.querySelector(arguments[0]).getBoundingClientRect();
    return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;`, css);
}

/** Clicks a button after centring it, so nothing sticky covers it. */
async function centreClick(app, css) {
  await app.waitFor(css);
  await app.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })`, css);
  await app.click(css);
}

async function theme(app, value) {
  await app.click('#nav-settings');
  await app.waitFor('#settings-theme');
  await app.setValue('#settings-theme', value);
  await app.until(`${value} theme`, async () => (await app.exec(`return document.documentElement.dataset.theme`)) === value);
  await app.click('#nav-today');
}

const DATE_WORDS = /^[A-Z][a-z]{2} (\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2})( \d{4})?$/;

describe('The date and time control in the entry forms', () => {
  const profile = new Profile();
  let app;

  before(async () => {
    await startDisplay();
    app = await profile.launch();
    await app.setSize(1200, 800);
  });

  after(async () => {
    await app?.quit();
    profile.stop();
    stopAll();
  });

  it('logs a dose at a typed time, 30 minutes earlier, on the day before', async () => {
    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open] #dose-amount');
    assert.equal(await app.count('#dose-dialog input[type="datetime-local"], #dose-dialog input[type="date"]'), 0, 'no browser date field');
    const calendar = await app.exec(`return document.querySelector('#dose-time-date').dataset.date`);
    assert.match(calendar, /^\d{4}-\d{2}-\d{2}$/);
    const dayText = await app.text('#dose-time-date');
    assert.match(dayText, DATE_WORDS, `the day in Taper's words: ${dayText}`);
    assert.match(await app.text('#dose-time-counts'), /^Counts for /);

    await app.type('#dose-amount', '2');
    await app.type('#dose-time', '09:40');
    await app.click('#dose-time-minus30');
    assert.match(await app.exec(`return document.querySelector('#dose-time').value`), /^0?9:10( AM)?$/);
    // ↑ with the caret in the minutes steps a minute.
    await app.click('#dose-time');
    await app.keys(END);
    await app.keys(UP);
    assert.match(await app.exec(`return document.querySelector('#dose-time').value`), /^0?9:11( AM)?$/);
    await app.click('#dose-time-prev-day');
    const yesterday = addDays(calendar, -1);
    assert.equal(await app.exec(`return document.querySelector('#dose-time-date').dataset.date`), yesterday);
    const counts = await app.text('#dose-time-counts');
    assert.ok(counts.includes(String(Number(yesterday.slice(8)))), `counts for the day before: ${counts}`);
    assert.ok(!/\//.test(counts) && !/\//.test(await app.text('#dose-time-date')), 'no numeric 11/29/2026 dates');
    await shot(app, '40-dose-time-control-1200x800');
    await app.click('#dose-save');
    await app.waitGone('#dose-dialog[open]');
    assert.deepEqual(profile.sql('SELECT amount_dg, substr(local_time, 1, 16) FROM dose'), [['20', `${yesterday}T09:11`]]);
  });

  it('says what is wrong with a time that is not a time, and keeps the form open', async () => {
    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open] #dose-amount');
    await app.type('#dose-time', '25:99');
    await app.click('#dose-save');
    await app.until('time refused', async () => (await app.text('#dose-time-error'))?.length > 0);
    assert.equal(await app.exec(`return document.activeElement.id`), 'dose-time');
    assert.equal(await app.text('#dose-time-counts'), '');
    await app.click('#dose-time-now');
    assert.match(await app.text('#dose-time-counts'), /^Counts for /);
    await app.click('#dose-cancel');
    await app.waitGone('#dose-dialog[open]');
    assert.deepEqual(profile.sql('SELECT count(*) FROM dose'), [['1']]);
  });

  it('keeps a half-filled dose with its changed time when the window closes', async () => {
    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open] #dose-amount');
    await app.type('#dose-amount', '3.5');
    await app.type('#dose-time', '07:20');
    await app.click('#dose-time-minus60');
    const day = await app.exec(`return document.querySelector('#dose-time-date').dataset.date`);
    const time = await app.exec(`return document.querySelector('#dose-time').value`);
    assert.match(time, /^0?6:20( AM)?$/);
    await app.quit();
    app = await profile.launch();
    await app.setSize(1200, 800);
    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open] #dose-amount');
    assert.ok(await app.exec(`return !document.querySelector('#dose-draft-note').hidden`), 'says the draft is back');
    assert.equal(await app.exec(`return document.querySelector('#dose-amount').value`), '3.5');
    assert.equal(await app.exec(`return document.querySelector('#dose-time-date').dataset.date`), day);
    assert.equal(await app.exec(`return document.querySelector('#dose-time').value`), time);
    await app.click('#dose-cancel');
    await app.waitGone('#dose-dialog[open]');
    assert.deepEqual(profile.sql('SELECT count(*) FROM dose'), [['1']], 'nothing saved');
  });

  it('gives a medicine the same control, and the day keys move the day', async () => {
    await app.click('#add-medicine');
    await app.waitFor('#medicine-dialog[open] #medicine-name');
    const calendar = await app.exec(`return document.querySelector('#medicine-time-date').dataset.date`);
    await app.type('#medicine-name', 'Ibuprofen');
    await app.type('#medicine-time', '08:00');
    await app.click('#medicine-time-date');
    await app.keys('\uE015'); // ↓: the day before
    await app.keys('\uE015');
    assert.equal(await app.exec(`return document.querySelector('#medicine-time-date').dataset.date`), addDays(calendar, -2));
    // The calendar: opens on the chosen day, ← moves a day, Enter picks and closes it.
    await app.click('#medicine-time-calendar-button');
    await app.waitFor('#medicine-time-calendar:not([hidden])');
    assert.equal(await app.exec(`return document.activeElement.dataset.date`), addDays(calendar, -2));
    assert.match(await app.text('#medicine-time-calendar-title'), /^[A-Z][a-z]+ \d{4}$/);
    await app.keys('\uE012'); // ←
    await app.keys(ENTER);
    await app.until('picked', async () => app.exec(`return document.querySelector('#medicine-time-calendar').hidden`));
    assert.equal(await app.exec(`return document.querySelector('#medicine-time-date').dataset.date`), addDays(calendar, -3));
    await shot(app, '45-medicine-after-calendar-1200x800');
    // Esc closes the calendar, not the form.
    await app.click('#medicine-time-calendar-button');
    await app.waitFor('#medicine-time-calendar:not([hidden])');
    await shot(app, '45-medicine-calendar-1200x800');
    await app.keys('\uE00C');
    await app.until('calendar closed', async () => app.exec(`return document.querySelector('#medicine-time-calendar').hidden`));
    assert.ok(await app.exec(`return document.querySelector('#medicine-dialog').open`), 'the form stays open');
    await app.click('#medicine-name');
    await app.keys(ENTER);
    await app.waitGone('#medicine-dialog[open]');
    assert.deepEqual(profile.sql('SELECT name, substr(local_time, 1, 16) FROM medicine'), [['Ibuprofen', `${addDays(calendar, -3)}T08:00`]]);
  });

  it("picks a plan's start date within its week back", async () => {
    const today = await app.exec(`return document.querySelector('#day-picker').value`);
    await app.click('#nav-taper');
    await app.click('#taper-create-plan');
    await app.waitFor('#screen-plan');
    assert.equal(await app.exec(`return document.querySelector('#plan-start').value`), today);
    assert.match(await app.text('#plan-start-date'), DATE_WORDS);
    await centreClick(app, '#plan-start-prev-day');
    assert.equal(await app.exec(`return document.querySelector('#plan-start').value`), addDays(today, -1));
    for (let i = 0; i < 9; i++) {
      if (await app.exec(`return document.querySelector('#plan-start-prev-day').disabled`)) break;
      await centreClick(app, '#plan-start-prev-day');
    }
    assert.equal(await app.exec(`return document.querySelector('#plan-start').value`), addDays(today, -7), 'a week back at most');
    assert.ok(await app.exec(`return document.querySelector('#plan-start-prev-day').disabled`));
    assert.ok(await app.exec(`return !document.querySelector('#plan-start-today').hidden`));
    await shot(app, '41-plan-start-date-1200x800');
    // On the calendar, days outside the plan's bounds cannot be picked.
    await centreClick(app, '#plan-start-calendar-button');
    await app.waitFor('#plan-start-calendar:not([hidden])');
    assert.ok(await app.exec(`return document.querySelector('#plan-start-calendar button[data-date="${addDays(today, -8)}"]')?.disabled ?? true`));
    await app.exec(`document.querySelector('#plan-start-calendar').scrollIntoView({ block: 'center' })`);
    await shot(app, '41-plan-start-calendar-1200x800');
    await centreClick(app, `#plan-start-calendar button[data-date="${addDays(today, -3)}"]`);
    assert.equal(await app.exec(`return document.querySelector('#plan-start').value`), addDays(today, -3));
    assert.ok(await app.exec(`return document.querySelector('#plan-start-calendar').hidden`));
    await centreClick(app, '#plan-start-today');
    assert.equal(await app.exec(`return document.querySelector('#plan-start').value`), today);
    await app.click('#plan-cancel');
    await app.click('#nav-today');
  });
});

describe('A quicker check-in with two instruments', () => {
  const profile = new Profile();
  let app;

  before(async () => {
    await startDisplay();
    app = await profile.launch();
    await app.setSize(1200, 800);
    await app.click('#nav-settings');
    await app.setValue('#settings-instrument', 'both');
    await app.until('stored', async () => profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0]?.includes('"both"'));
    await app.click('#nav-today');
  });

  after(async () => {
    await app?.quit();
    profile.stop();
    stopAll();
  });

  const score = (key, s) => `.symptom-row[data-key="${key}"] button.score[data-score="${s}"]`;
  async function press(css) {
    await app.waitFor(css);
    await app.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })`, css);
    await app.click(css);
  }

  it('rates, steps and folds, with each section its own total, and saves with Enter', async () => {
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] #checkin-sows .symptom-row');
    const listed = await app.count('#checkin-symptoms .symptom-row');
    assert.equal(await app.text('#checkin-kratom-head-total'), 'No symptoms rated yet');
    await press(score('aches', 4));
    await press(score('insomnia', 3));
    await press(score('anxiety', 1));
    assert.equal(await app.text('#checkin-kratom-head-total'), `8 points · 3 of ${listed} rated`);
    assert.equal(await app.text('#checkin-total'), `Symptom total: 8 points · 3 of ${listed} rated`);
    assert.ok(!/Extreme|Severe|Moderate|Mild/.test(await app.text('#checkin-kratom-group legend')), 'the checklist has no band');

    // Fold the checklist away: its total stays in its heading.
    assert.equal(await app.exec(`return document.querySelector('#checkin-kratom-toggle').getAttribute('aria-expanded')`), 'true');
    await press('#checkin-kratom-toggle');
    assert.ok(await app.exec(`return document.querySelector('#checkin-kratom-body').hidden`));
    assert.equal(await app.exec(`return document.querySelector('#checkin-kratom-toggle').getAttribute('aria-expanded')`), 'false');
    assert.equal(await app.text('#checkin-kratom-head-total'), `8 points · 3 of ${listed} rated`);

    const sows = await app.exec(`return [...document.querySelectorAll('#checkin-sows .symptom-row')].map((r) => r.dataset.key)`);
    for (let i = 0; i < 8; i++) await press(score(sows[i], 2));
    assert.equal(await app.text('#checkin-sows-head-total'), '16 / 64 · 8 of 16 answered');
    for (let i = 8; i < 16; i++) await press(score(sows[i], 0));
    assert.equal(await app.text('#checkin-sows-head-total'), '16 / 64 · Moderate');
    assert.equal(await app.text('#sows-total'), 'SOWS 16 / 64 · Moderate');

    await press('#checkin-craving-7');
    assert.equal(await app.exec(`return document.querySelector('#checkin-craving-7').getAttribute('aria-checked')`), 'true');
    assert.equal(await app.text('#checkin-craving-value'), '7 / 10');
    // Hours slept: +/- half hours, typing still possible.
    for (let i = 0; i < 3; i++) await press('#checkin-sleep-more');
    assert.equal(await app.exec(`return document.querySelector('#checkin-sleep-hours').value`), '1.5');
    await app.type('#checkin-sleep-hours', '6,5');
    await press('#checkin-sleep-more');
    assert.equal(await app.exec(`return document.querySelector('#checkin-sleep-hours').value`), '7');
    await press('#checkin-sleep-quality-3');
    await press('#checkin-mood-2');

    // A chosen button is filled, bordered and bold, never faded like a disabled one.
    const look = await app.exec(`const on = getComputedStyle(document.querySelector('#checkin-mood-2'));
      const off = getComputedStyle(document.querySelector('#checkin-mood-1'));
      return { onBg: on.backgroundColor, offBg: off.backgroundColor, border: on.borderTopWidth, weight: on.fontWeight, opacity: on.opacity };`);
    assert.notEqual(look.onBg, look.offBg);
    assert.equal(look.border, '2px');
    assert.ok(Number(look.weight) >= 700);
    assert.equal(look.opacity, '1');
    const sizes = await app.exec(`return [...document.querySelectorAll('#checkin-dialog .choice, #checkin-sleep-less, #checkin-sleep-more, #checkin-time-prev-day, #checkin-time-now')]
      .filter((b) => b.offsetParent).map((b) => b.getBoundingClientRect().height)`);
    assert.ok(sizes.length > 20 && sizes.every((hgt) => hgt >= 44), `controls at least 44 px high: ${sizes}`);

    await app.exec(`document.querySelector('#checkin-dialog .dialog-body').scrollTo({ top: 100000 })`);
    await shot(app, '42-checkin-quick-1200x800');
    // Enter on a chosen craving button saves (it does not un-choose it).
    await app.exec(`document.querySelector('#checkin-craving-7').focus()`);
    await app.keys(ENTER);
    await app.waitGone('#checkin-dialog[open]');
    assert.deepEqual(
      profile.sql(`SELECT instrument, coalesce(craving, 'none'), coalesce(sleep_hours, 'none'), coalesce(sleep_quality, 'none'), coalesce(mood, 'none') FROM checkin ORDER BY instrument`),
      [['kratom', '7', '7.0', '3', '2'], ['sows', 'none', 'none', 'none', 'none']],
    );
    assert.deepEqual(
      profile.sql(`SELECT c.instrument, sum(i.score), count(*) FROM checkin_item i JOIN checkin c ON c.id = i.checkin_id GROUP BY 1 ORDER BY 1`),
      [['kratom', '8', '3'], ['sows', '16', '16']],
    );
  });

  it('edits the check-in with its values chosen again', async () => {
    await app.waitFor('#checkin-list li.checkin-row');
    await app.exec(`[...document.querySelectorAll('#checkin-list li.checkin-row')].find((r) => /Kratom/.test(r.textContent)).querySelector('.checkin-edit').click()`);
    await app.waitFor('#checkin-dialog[open]');
    assert.equal(await app.exec(`return document.querySelector('#checkin-craving-7').getAttribute('aria-checked')`), 'true');
    assert.equal(await app.exec(`return document.querySelector('#checkin-sleep-hours').value`), '7');
    assert.equal(await app.exec(`return document.querySelector('#checkin-sleep-quality-3').getAttribute('aria-checked')`), 'true');
    // Cleared by tapping again.
    await press('#checkin-craving-7');
    assert.equal(await app.text('#checkin-craving-value'), 'Not rated');
    await app.click('#checkin-save');
    await app.waitGone('#checkin-dialog[open]');
    assert.deepEqual(profile.sql(`SELECT coalesce(craving, 'none') FROM checkin WHERE instrument = 'kratom'`), [['none']]);
  });

  it('offers back a new check-in closed by a stray Esc, as it was, and says nothing of an empty one', async () => {
    const before = profile.sql(`SELECT count(*) FROM checkin`)[0][0];
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] #checkin-sows .symptom-row');
    await app.keys(ESC);
    await app.waitGone('#checkin-dialog[open]');
    assert.notEqual(await app.text('#toast-message'), 'Check-in not saved', 'nothing was typed: nothing to bring back');

    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] #checkin-sows .symptom-row');
    await press(score('aches', 3));
    await press('#checkin-craving-5');
    await app.type('#checkin-note', 'rough night');
    await app.keys(ESC);
    await app.waitGone('#checkin-dialog[open]');
    assert.equal(await app.text('#toast-message'), 'Check-in not saved');
    assert.equal(await app.text('#toast-undo'), 'Bring it back');
    assert.equal(profile.sql(`SELECT count(*) FROM checkin`)[0][0], before, 'nothing saved');
    await app.click('#toast-undo');
    await app.waitFor('#checkin-dialog[open]');
    assert.equal(await app.exec(`return document.querySelector(arguments[0]).getAttribute('aria-checked')`, score('aches', 3)), 'true');
    assert.equal(await app.exec(`return document.querySelector('#checkin-craving-5').getAttribute('aria-checked')`), 'true');
    assert.equal(await app.exec(`return document.querySelector('#checkin-note').value`), 'rough night');
    await app.click('#checkin-save');
    await app.waitGone('#checkin-dialog[open]');
    assert.deepEqual(
      profile.sql(`SELECT craving, note FROM checkin WHERE instrument = 'kratom' ORDER BY id DESC LIMIT 1`),
      [['5', 'rough night']],
    );
  });

  for (const [w, hgt] of [[1200, 800], [900, 600]]) {
    for (const t of ['light', 'dark']) {
      it(`keeps Save in view and nothing clipped, ${t}, ${w}x${hgt}`, async () => {
        await app.setSize(w, hgt);
        await theme(app, t);
        await app.click('#check-in');
        await app.waitFor('#checkin-dialog[open] #checkin-sows .symptom-row');
        assert.ok(await inView(app, '#checkin-save'), 'Save in view');
        const wide = await app.exec(`const d = document.querySelector('#checkin-dialog'); const b = d.querySelector('.dialog-body');
          return [d, b].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className);`);
        assert.deepEqual(wide, [], 'nothing wider than the dialog');
        await shot(app, `43-checkin-${t}-${w}x${hgt}`);
        // Chosen states in this theme (Cancel below throws them away).
        await press('#checkin-craving-4');
        await press('#checkin-sleep-quality-1');
        await press('#checkin-mood-3');
        await app.exec(`document.querySelector('#checkin-dialog .dialog-body').scrollTo({ top: 100000 })`);
        await shot(app, `43-checkin-${t}-${w}x${hgt}-end`);
        await app.click('#checkin-cancel');
        await app.waitGone('#checkin-dialog[open]');
        for (const [open, dlg, name] of [['#log-dose', '#dose-dialog', 'dose'], ['#add-medicine', '#medicine-dialog', 'medicine'], ['#cows-entry', '#cows-dialog', 'cows']]) {
          await app.click(open);
          await app.waitFor(`${dlg}[open]`);
          assert.ok(await inView(app, `${dlg} button[type="submit"]`), `${name}: Save in view`);
          assert.ok(await inView(app, `${dlg} .dtf-chips`) || name === 'cows', `${name}: the time chips in view`);
          await shot(app, `44-${name}-${t}-${w}x${hgt}`);
          await app.click(`${dlg} [id$="-cancel"]`);
          await app.waitGone(`${dlg}[open]`);
        }
      });
    }
  }
});
