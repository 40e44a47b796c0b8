// End-to-end: the first-start onboarding of a new diary (welcome, units and day start,
// passphrase, reminders; Skip on every step). Gone through with the keyboard and the mouse, its
// settings are in the diary file; skipped, only "done" is saved; either way it never shows
// again; a diary with entries (from the command line) never sees it. Screenshots of every step
// at 1200x800 and 900x600, light and dark (`onboarding-*.png`).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDisplay, Profile, stopAll } from './harness.mjs';
import { cli } from './seed.mjs';

const ENTER = '\uE007';
const TODAY = '#dose-summary, #dose-none, #day-empty';

/** The diary's stored settings, read from the file with sqlite3. */
function storedSettings(profile) {
  const rows = profile.sql(`SELECT value FROM setting WHERE key = 'app'`);
  return rows.length ? JSON.parse(rows[0][0]) : null;
}

async function progress(app) {
  return app.text('#onboarding-progress');
}

async function atStep(app, n) {
  await app.until(`step ${n}`, async () => (await progress(app)) === `Step ${n} of 4`, 10000);
  await app.settle();
  // Each step's heading takes the focus (a screen reader reads it, with "Step n of 4").
  assert.equal(await app.exec('return document.activeElement?.id'), 'onboarding-title', `focus on step ${n}'s heading`);
}

/** The card fits the window: its buttons are in view, nothing sticks out sideways. */
async function fits(app, where) {
  const r = await app.exec(`
    const card = document.querySelector('.onboarding-card').getBoundingClientRect();
    const next = document.querySelector('#onboarding-next').getBoundingClientRect();
    const body = document.querySelector('#onboarding-body');
    return { cardBottom: card.bottom, nextBottom: next.bottom, h: innerHeight, w: innerWidth, right: card.right,
      wide: body.scrollWidth > body.clientWidth + 1 };`);
  assert.ok(r.nextBottom <= r.h, `${where}: Next in view (${r.nextBottom} of ${r.h})`);
  assert.ok(r.right <= r.w, `${where}: the card fits across`);
  assert.equal(r.wide, false, `${where}: nothing sticks out sideways`);
}

/** Screenshots of the step on screen: 1200x800 light and dark, 900x600 light and dark. */
/** Quits, starts again on the same diary: Today, and no onboarding. Returns the new session. */
async function notShownAgain(app, profile) {
  await app.quit();
  const again = await profile.launch({ onboarding: true });
  await again.waitFor(TODAY, 10000);
  assert.equal(await again.count('#onboarding'), 0, 'not shown again');
  return again;
}

async function shoot(app, name) {
  for (const [w, h] of [[1200, 800], [900, 600]]) {
    await app.setSize(w, h);
    for (const theme of ['light', 'dark']) {
      await app.exec('document.documentElement.dataset.theme = arguments[0]', theme);
      await app.settle();
      await fits(app, `${name} ${w}x${h} ${theme}`);
      await app.screenshot(`onboarding-${name}-${w}x${h}${theme === 'dark' ? '-dark' : ''}`);
    }
  }
  await app.exec('delete document.documentElement.dataset.theme');
  await app.setSize(1200, 800);
}

describe('The first-start onboarding', () => {
  before(startDisplay);
  after(stopAll);

  it('goes through every step with the keyboard and the mouse, saves them, and never shows again', async () => {
    const profile = new Profile();
    let app = await profile.launch({ onboarding: true });
    try {
      await app.waitFor('#onboarding');
      await atStep(app, 1);
      assert.equal(await app.text('#onboarding-title'), 'Before you begin');
      const welcome = await app.text('#onboarding-body');
      assert.match(welcome, /Everything stays on this computer/);
      assert.match(welcome, /Medical advice/);
      assert.equal(await app.count('#onboarding-back:not([hidden])'), 0, 'no Back on the first step');
      assert.equal(await app.count('#nav-today'), 0, 'Today is not behind it');
      await shoot(app, '1-welcome');

      // Enter on the heading: Next.
      await app.keys(ENTER);
      await atStep(app, 2);
      // Prefilled with the current settings.
      assert.equal(await app.exec(`return document.querySelector('#settings-grams-capsule').value`), '0.5');
      assert.equal(await app.exec(`return document.querySelector('#settings-grams-tsp').value`), '2.5');
      assert.equal(await app.exec(`return document.querySelector('#settings-day-start').value`), '4');
      assert.equal(await app.count('#settings-quick'), 0, 'no quick buttons here');
      await shoot(app, '2-units');
      // A refused value is said under its field and nothing moves on.
      await app.type('#settings-grams-capsule', '9');
      await app.keys(ENTER);
      await app.until('refusal said', async () => /at most 5 g/.test(await app.text('#settings-grams-capsule-error') ?? ''));
      assert.equal(await progress(app), 'Step 2 of 4');
      assert.equal(storedSettings(profile)?.grams_per_capsule ?? 0.5, 0.5, 'nothing saved');
      await app.screenshot('onboarding-2-units-refused');
      await app.setValue('#settings-day-start', '5');
      await app.type('#settings-grams-capsule', '0.6');
      await app.keys(ENTER);
      await atStep(app, 3);
      const afterUnits = storedSettings(profile);
      assert.equal(afterUnits.grams_per_capsule, 0.6);
      assert.equal(afterUnits.day_start_hour, 5);
      assert.equal(afterUnits.onboarding_done, false, 'not done until the last step');

      // The passphrase: optional; a forgotten one cannot be recovered. Skipped with Next.
      assert.match(await app.text('#onboarding-passphrase-warning'), /cannot be recovered/);
      await shoot(app, '3-passphrase');
      // A pair that differs is said, and nothing is encrypted.
      await app.type('#onboarding-passphrase', 'correct horse battery');
      await app.type('#onboarding-passphrase-again', 'correct horse');
      await app.click('#onboarding-next');
      await app.until('mismatch said', async () => /different/.test(await app.text('#onboarding-passphrase-error') ?? ''));
      await app.clear('#onboarding-passphrase');
      await app.clear('#onboarding-passphrase-again');
      await app.click('#onboarding-next');
      await atStep(app, 4);

      // Reminders: a check-in at 20:30, with the mouse; Back and Next keep it.
      assert.equal(await app.exec(`return document.querySelector('#settings-reminder-checkin').checked`), false, 'off by default');
      await app.click('#settings-reminder-checkin');
      await app.type('#settings-reminder-checkin-at', '20:30');
      await app.click('#onboarding-back');
      await atStep(app, 3);
      await app.click('#onboarding-next');
      await atStep(app, 4);
      assert.equal(await app.exec(`return document.querySelector('#settings-reminder-checkin').checked`), true);
      assert.match(await app.exec(`return document.querySelector('#settings-reminder-checkin-at').value`), /^(20:30|8:30\sPM)$/);
      assert.equal(await app.text('#onboarding-next'), 'Finish');
      await shoot(app, '4-reminders');
      await app.exec(`document.querySelector('#settings-reminder-checkin-at').focus()`);
      await app.keys(ENTER);
      await app.waitFor(TODAY, 10000);
      assert.equal(await app.count('#onboarding'), 0);
      await app.screenshot('onboarding-5-today');

      const saved = storedSettings(profile);
      assert.equal(saved.grams_per_capsule, 0.6);
      assert.equal(saved.day_start_hour, 5);
      assert.equal(saved.reminders.checkin_at, '20:30');
      assert.deepEqual(saved.reminders.dose_times, []);
      assert.equal(saved.onboarding_done, true);
      assert.equal(readFileSync(profile.db).subarray(0, 15).toString(), 'SQLite format 3', 'no passphrase was set');
      // Settings shows the same.
      await app.openScreen('settings', 'settings');
      assert.equal(await app.exec(`return document.querySelector('#settings-grams-capsule').value`), '0.6');
      assert.equal(await app.exec(`return document.querySelector('#settings-day-start').value`), '5');
      app = await notShownAgain(app, profile);
    } finally {
      await app.quit();
      profile.stop();
    }
  });

  it('Skip on the first step goes to Today and saves only "done"; not shown again', async () => {
    const profile = new Profile();
    let app = await profile.launch({ onboarding: true });
    try {
      await atStep(app, 1);
      const before = storedSettings(profile);
      // Typed on step 2, then back to step 1 and skipped: what was typed is not saved.
      await app.click('#onboarding-next');
      await atStep(app, 2);
      await app.type('#settings-grams-capsule', '0.9');
      await app.click('#onboarding-back');
      await atStep(app, 1);
      await app.click('#onboarding-skip');
      await app.waitFor(TODAY, 10000);
      const saved = storedSettings(profile);
      const expected = { ...(before ?? saved), onboarding_done: true };
      assert.deepEqual(saved, expected);
      assert.equal(saved.grams_per_capsule, 0.5);
      assert.equal(saved.day_start_hour, 4);
      assert.equal(saved.reminders.checkin_at, null);
      app = await notShownAgain(app, profile);
    } finally {
      await app.quit();
      profile.stop();
    }
  });

  it('never shows on a diary that already has a dose', async () => {
    const profile = new Profile();
    cli(profile.dataDir, 'dose', 'add', '2.5');
    const app = await profile.launch({ onboarding: true });
    try {
      await app.waitFor('#dose-summary', 10000);
      assert.equal(await app.count('#onboarding'), 0);
    } finally {
      await app.quit();
      profile.stop();
    }
  });
});
