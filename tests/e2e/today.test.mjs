// End-to-end: the real built app, driven as a person would, checked in the DOM and in the
// database file.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, SHOTS } from './harness.mjs';
import { cli, dayBack } from './seed.mjs';

const ENTER = '\uE007';
const timings = [];

/** The diary day (YYYY-MM-DD) of a wall-clock "YYYY-MM-DDTHH:MM[:SS]" with days starting at 04:00. */
function diaryDay(local) {
  const d = new Date(`${local.slice(0, 16)}:00Z`);
  d.setUTCHours(d.getUTCHours() - 4);
  return d.toISOString().slice(0, 10);
}

function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function liveDoses(profile) {
  return profile.sql('SELECT id, amount_dg, local_time FROM dose WHERE deleted_at IS NULL ORDER BY local_time');
}

async function logDose(app, amount) {
  await app.click('#log-dose');
  await app.waitFor('#dose-dialog[open] #dose-amount');
  await app.type('#dose-amount', amount);
  await app.keys(ENTER);
}

describe('Today', () => {
  const profile = new Profile();
  let app;

  before(async () => {
    await startDisplay();
    app = await profile.launch();
    timings.push({ what: 'first launch to Today ready', ms: Math.round(app.readyMs) });
  });

  after(async () => {
    await app?.quit();
    profile.stop();
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'timings.json'), JSON.stringify(timings, null, 2));
    stopAll();
  });

  it('starts on an empty Today that says what to do', async () => {
    assert.equal(await app.text('#day-empty'), 'Nothing logged for this day yet. Log a dose or check in.');
    // The day in the system locale's order: "Sunday 29 November" or "Sunday November 29".
    assert.match(await app.text('#day-heading'), /^[A-Z][a-z]+day (\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})/);
    await app.setSize(1024, 768);
    await app.screenshot('01-today-empty-1024x768');
  });

  it('logs two doses and a check-in and shows the day total', async () => {
    await logDose(app, '2.5');
    await app.waitGone('#dose-dialog[open]');
    await app.until('first dose listed', async () => (await app.count('#dose-list li.dose-row')) === 1);

    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open]');
    assert.equal(await app.exec(`return document.querySelector('#dose-amount').value`), '2.5', 'prefilled with the last amount');
    await app.type('#dose-amount', '1.5');
    await app.type('#dose-product', 'Green Malay "special"');
    // WebKitWebDriver cannot type characters outside the BMP; emoji go in as a paste would.
    await app.setValue('#dose-note', "😀 it's fine'); DROP TABLE dose;--");
    await app.screenshot('02-dose-dialog-1024x768');
    await app.click('#dose-save');
    await app.until('two doses', async () => (await app.count('#dose-list li.dose-row')) === 2);
    // Confirmed where it happened: the new row says "Saved", the one before does not.
    assert.deepEqual(await app.exec(`return [...document.querySelectorAll('#dose-list li.dose-row')].map((li) => li.classList.contains('just-saved'))`),
      [false, true]);
    assert.equal(await app.exec(`return getComputedStyle(document.querySelector('#dose-list li.just-saved .row-actions'), '::before').content`), '"✓ Saved"');
    assert.equal(await app.text('#dose-summary'), '4 g taken · 2 doses');
    assert.ok((await app.texts('.dose-product')).includes('Green Malay "special"'), 'text shown exactly');

    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open]');
    await app.click('.symptom-row[data-key="aches"] button.score[data-score="3"]');
    await app.click('.symptom-row[data-key="insomnia"] button.score[data-score="4"]');
    await app.click('.symptom-row[data-key="anxiety"] button.score[data-score="1"]');
    await app.click('#checkin-craving-7');
    await app.type('#checkin-sleep-hours', '3.5');
    await app.until('live total', async () => (await app.text('#checkin-total'))?.includes('8'));
    await app.screenshot('03-checkin-dialog-1024x768');
    await app.click('#checkin-save');
    await app.waitGone('#checkin-dialog[open]');
    await app.until('check-in shown', async () => (await app.text('#checkin-count'))?.startsWith('1 check-in'));
    // The kratom checklist is not a validated scale: its total in points and items rated, no band.
    const summary = await app.text('#checkin-list li.checkin-row');
    assert.match(summary, /8 points · 3 rated/);
    assert.doesNotMatch(summary, /Extreme|Severe|Moderate|Mild/);
    assert.match(summary, /Craving 7\/10/);
    assert.match(summary, /Slept 3\.5 h/);

    const rows = liveDoses(profile);
    assert.deepEqual(rows.map((r) => r[1]), ['25', '15']);
    assert.deepEqual(profile.sql('SELECT craving, sleep_hours FROM checkin'), [['7', '3.5']]);
    assert.deepEqual(
      profile.sql('SELECT symptom_key, score FROM checkin_item ORDER BY symptom_key'),
      [['aches', '3'], ['anxiety', '1'], ['insomnia', '4']],
    );
    assert.deepEqual(profile.sql(`SELECT product, note FROM dose WHERE amount_dg = 15`),
      [['Green Malay "special"', "😀 it's fine'); DROP TABLE dose;--"]]);
    await app.screenshot('04-today-logged-1024x768');
  });

  it('edits a dose', async () => {
    await app.click('#dose-list li.dose-row:first-child .dose-edit');
    await app.waitFor('#dose-dialog[open]');
    assert.equal(await app.exec(`return document.querySelector('#dose-amount').value`), '2.5');
    await app.type('#dose-amount', '3');
    await app.click('#dose-save');
    await app.until('edited total', async () => (await app.text('#dose-summary')) === '4.5 g taken · 2 doses');
    assert.deepEqual(liveDoses(profile).map((r) => r[1]).sort(), ['15', '30']);
  });

  it('deletes a dose and brings it back with Undo', async () => {
    const before = liveDoses(profile);
    await app.click('#dose-list li.dose-row:last-child .dose-delete');
    await app.until('one dose left', async () => (await app.count('#dose-list li.dose-row')) === 1);
    await app.waitFor('#toast-undo');
    assert.match(await app.text('#toast-message'), /deleted/i);
    assert.equal(liveDoses(profile).length, 1);
    await app.click('#toast-undo');
    await app.until('dose back', async () => (await app.count('#dose-list li.dose-row')) === 2);
    assert.deepEqual(liveDoses(profile), before);
    assert.equal(await app.text('#dose-summary'), '4.5 g taken · 2 doses');
  });

  it('refuses -1 g and "abc" with a clear message and writes nothing', async () => {
    const before = profile.sql('SELECT * FROM dose');
    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open]');
    await app.type('#dose-amount', '-1');
    await app.click('#dose-save');
    await app.until('message for -1', async () => (await app.text('#dose-amount-error'))?.includes('more than zero'));
    await app.screenshot('05-dose-refused-1024x768');
    await app.type('#dose-amount', 'abc');
    await app.click('#dose-save');
    await app.until('message for abc', async () => (await app.text('#dose-amount-error'))?.includes('not a number'));
    assert.ok(await app.exec(`return document.querySelector('#dose-dialog').open`), 'the form stays open');
    assert.equal(await app.exec(`return document.activeElement && document.activeElement.id`), 'dose-amount', 'the field keeps focus');
    await app.click('#dose-cancel');
    await app.waitGone('#dose-dialog[open]');
    assert.deepEqual(profile.sql('SELECT * FROM dose'), before);
    assert.equal(await app.count('#dose-list li.dose-row'), 2);
  });

  it('refuses a time still to come, saying so before and at Save', async () => {
    const before = profile.sql('SELECT count(*) FROM dose');
    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open]');
    await app.type('#dose-amount', '1');
    await app.click('#dose-time-next-day'); // tomorrow, at this time
    await app.until('said under the time', async () => /still to come/.test(await app.text('#dose-time-counts')));
    await app.click('#dose-save');
    await app.until('refused', async () => /still to come/.test(await app.text('#dose-time-error')));
    assert.ok(await app.exec(`return document.querySelector('#dose-dialog').open`), 'the form stays open');
    assert.equal(await app.exec(`return getComputedStyle(document.querySelector('#dose-time-counts')).display`), 'none', 'said once, not twice');
    await app.click('#dose-cancel');
    await app.waitGone('#dose-dialog[open]');
    assert.deepEqual(profile.sql('SELECT count(*) FROM dose'), before, 'nothing saved');
  });

  it('logs a usual amount in one click, with Undo', async () => {
    await app.waitFor('#quick-amounts button.quick-dose');
    const label = (await app.texts('#quick-amounts button.quick-dose'))[0];
    assert.match(label, /\d g/);
    await app.click('#quick-amounts button.quick-dose');
    await app.until('quick dose logged', async () => (await app.count('#dose-list li.dose-row')) === 3);
    assert.equal(liveDoses(profile).length, 3);
    await app.click('#toast-undo');
    await app.until('quick dose undone', async () => (await app.count('#dose-list li.dose-row')) === 2);
    assert.equal(liveDoses(profile).length, 2);
  });

  it('keeps everything after the app is closed and opened again', async () => {
    await app.quit();
    app = await profile.launch();
    timings.push({ what: 'relaunch with data to Today ready', ms: Math.round(app.readyMs) });
    assert.equal(await app.count('#dose-list li.dose-row'), 2);
    assert.equal(await app.text('#dose-summary'), '4.5 g taken · 2 doses');
    assert.match(await app.text('#checkin-count'), /^1 check-in/);
  });

  it('goes to yesterday and logs a dose there', async () => {
    const today = await app.exec(`return document.querySelector('#day-picker').value`);
    await app.click('#day-prev');
    await app.until('yesterday shown', async () =>
      (await app.exec(`return document.querySelector('#day-picker').value`)) === addDays(today, -1));
    await app.waitFor('#day-empty');
    await logDose(app, '2');
    await app.waitGone('#dose-dialog[open]');
    await app.until('dose on yesterday', async () => (await app.count('#dose-list li.dose-row')) === 1);
    const rows = liveDoses(profile).filter((r) => r[1] === '20');
    assert.equal(rows.length, 1);
    assert.equal(diaryDay(rows[0][2]), addDays(today, -1), `filed under yesterday (${rows[0][2]})`);
    await app.screenshot('06-yesterday-1024x768');
    await app.click('#day-today');
    await app.until('back on today', async () => (await app.count('#dose-list li.dose-row')) === 2);
  });

  it('goes to a date with Taper\'s own calendar, in Taper\'s words (no "11/29/2026")', async () => {
    const today = await app.exec(`return document.querySelector('#day-picker').value`);
    const shown = await app.text('#day-picker-date');
    assert.match(shown, /^[A-Z][a-z]{2} ([A-Z][a-z]{2} \d{1,2}|\d{1,2} [A-Z][a-z]{2})$/, `the day in words: ${shown}`);
    await app.click('#day-picker-calendar-button');
    await app.waitFor('#day-picker-calendar:not([hidden])');
    await app.screenshot('06-go-to-date-calendar');
    await app.keys('\uE012'); // ← a day back
    await app.keys('\uE007'); // Enter picks it
    await app.until('yesterday shown', async () =>
      (await app.exec(`return document.querySelector('#day-picker').value`)) === addDays(today, -1));
    await app.until('its doses', async () => (await app.count('#dose-list li.dose-row')) === 1);
    await app.click('#day-today');
    await app.until('back on today', async () => (await app.exec(`return document.querySelector('#day-picker').value`)) === today);
  });

  it('looks right at 1920x1080, in dark mode, and on every screen', async () => {
    await app.setSize(1920, 1080);
    await app.screenshot('07-today-1920x1080');
    await app.click('#nav-settings');
    await app.waitFor('#screen-settings');
    assert.match(await app.text('#settings-data-dir'), new RegExp(profile.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await app.screenshot('08-settings-1920x1080');
    await app.setValue('#settings-theme', 'dark');
    await app.until('dark theme', async () =>
      (await app.exec(`return document.documentElement.dataset.theme`)) === 'dark');
    await app.click('#nav-help');
    await app.waitFor('#screen-help');
    assert.match(await app.text('#screen-help'), /988/);
    await app.screenshot('09-help-dark-1920x1080');
    await app.click('#nav-today');
    await app.setSize(1024, 768);
    await app.screenshot('10-today-dark-1024x768');
    await app.click('#nav-settings');
    await app.setValue('#settings-theme', 'system');
    await app.click('#nav-today');
  });
});

describe('A check-in with the keyboard alone', () => {
  const profile = new Profile();
  before(startDisplay);
  after(() => {
    profile.stop();
    stopAll();
  });

  it('saves with Enter after rating by digits, without rating the item in focus', async () => {
    const app = await profile.launch();
    await app.keys('c');
    await app.waitFor('#checkin-dialog[open]');
    // Digits rate the item in focus and move on: aches 3, then the next item 2.
    await app.waitFor('.symptom-row[data-key="aches"] button.score:focus');
    await app.keys('3');
    await app.keys('2');
    await app.keys(ENTER);
    await app.waitGone('#checkin-dialog[open]');
    assert.deepEqual(profile.sql('SELECT count(*), sum(score) FROM checkin_item'), [['2', '5']]);
    await app.quit();
  });
});

describe('Quick log buttons in Settings', () => {
  const profile = new Profile();
  before(startDisplay);
  after(() => {
    profile.stop();
    stopAll();
  });

  it('saves a changed amount while a new row is still empty, and never shows Saved beside a refusal', async () => {
    const app = await profile.launch();
    await app.click('#nav-settings');
    await app.click('#settings-quick-custom');
    await app.waitFor('#settings-quick-amount-0');
    const stored = () => profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0] ?? '';
    await app.until('custom list stored', async () => stored().includes('"quick_amounts":['));
    await app.click('#settings-quick-add');
    await app.waitFor('#settings-quick-amount-1:focus');
    await app.clear('#settings-quick-amount-0');
    await app.type('#settings-quick-amount-0', '1.5');
    await app.keys('\uE004'); // Tab: the change is committed
    await app.until('1.5 g stored', async () => stored().includes('"amount_g":1.5'));
    // A decimal comma is read as a point; letters are said to be wrong, and nothing is saved.
    await app.clear('#settings-quick-amount-0');
    await app.type('#settings-quick-amount-0', '2,5');
    await app.keys('\uE004');
    await app.until('2.5 g stored', async () => stored().includes('"amount_g":2.5'));
    await app.setValue('#settings-quick-amount-0', 'abc');
    await app.until('said', async () => /like 2\.5/.test((await app.text('#settings-quick-error')) ?? ''));
    assert.equal(await app.text('#settings-saved'), '');
    assert.ok(stored().includes('"amount_g":2.5'), 'nothing saved');
    // A refused grams per capsule: its message, and no "Saved" beside it.
    await app.clear('#settings-grams-capsule');
    await app.type('#settings-grams-capsule', '0');
    await app.keys('\uE004');
    await app.waitFor('#settings-grams-capsule[aria-invalid="true"]');
    assert.equal(await app.text('#settings-saved'), '');
    await app.quit();
  });
});

describe('A plan still to come', () => {
  before(startDisplay);
  after(() => stopAll());

  it('Today says when it starts and offers no second plan', async () => {
    const profile = new Profile();
    cli(profile.dataDir, 'dose', 'add', '4');
    cli(profile.dataDir, 'plan', 'create', '--shape', 'detox', '--amount', '4', '--start', dayBack(-10));
    const app = await profile.launch();
    await app.waitFor('#plan-card:not([hidden])');
    // Ten calendar days ahead: 10 diary days, or 11 before the day-start hour (the diary day is still yesterday).
    assert.match(await app.text('#plan-card-text'), /^This plan starts on \w{3} (\w{3} \d{1,2}|\d{1,2} \w{3})( \d{4})?, in 1[01] days\.$/);
    assert.equal(await app.count('#plan-entry:not([hidden])'), 0, 'no "Plan a taper" beside a plan');
    await app.screenshot('07-today-upcoming-plan');
    await app.quit();
  });
});

describe('A long day of doses', () => {
  before(startDisplay);
  after(() => stopAll());

  it('shows its latest doses and a button for the earlier ones, so Check in stays in view at 900x600', async () => {
    const profile = new Profile();
    for (const g of ['1', '1.5', '2', '2.5', '3']) cli(profile.dataDir, 'dose', 'add', g);
    const app = await profile.launch();
    await app.setSize(900, 600);
    await app.until('folded', async () => (await app.count('#dose-list li.dose-row')) === 2);
    assert.equal(await app.text('#dose-earlier'), 'Show 3 earlier doses');
    assert.match(await app.text('#dose-summary'), /^10 g taken · 5 doses$/, 'the total counts every dose');
    assert.ok(await app.exec(`const r = document.querySelector('#check-in').getBoundingClientRect(); return r.bottom <= window.innerHeight;`),
      'Check in in view');
    await app.screenshot('08-today-long-day-900x600');
    await app.click('#dose-earlier');
    await app.until('all shown', async () => (await app.count('#dose-list li.dose-row')) === 5);
    assert.equal(await app.count('#dose-earlier:not([hidden])'), 0);
    assert.ok(await app.exec(`return document.activeElement.closest('#dose-list') !== null`), 'focus moves into the list');
    await app.quit();
  });
});
