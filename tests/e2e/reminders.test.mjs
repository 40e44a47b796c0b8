// End-to-end: reminders through a real notification server. The app runs on a private D-Bus
// session bus with dunst on it; a check-in reminder set in Settings for the next minute
// arrives at its time, its text holds no health data, and clicking it opens the check-in form
// in Taper. Off by default: nothing arrives before one is set. Needs dbus-daemon and dunst
// (scripts/setup.sh installs them).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, sessionBus, notificationServer, APP } from './harness.mjs';
import { seedDiary, cli } from './seed.mjs';

describe('Reminders', () => {
  let bus;
  let server;
  let profile;
  let app;

  before(async () => {
    await startDisplay();
    bus = await sessionBus();
    server = await notificationServer(bus);
    profile = new Profile(undefined, { DBUS_SESSION_BUS_ADDRESS: bus.address, TAPER_REMINDER_CHECK_SECONDS: '2' });
    // "Start at login" writes into ~/.config/autostart: this profile's own home.
    profile.env.HOME = profile.dataDir;
    seedDiary(profile.dataDir);
    app = await profile.launch();
  });

  after(async () => {
    await app?.quit();
    profile?.stop();
    stopAll();
  });

  it('are off by default', async () => {
    await app.click('#nav-settings');
    await app.waitFor('#settings-reminders');
    assert.equal(await app.exec(`return document.querySelector('#settings-reminder-checkin').checked`), false);
    assert.ok(!(profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0] ?? '').includes('"checkin_at":"'));
    assert.deepEqual(server.received(), []);
  });

  it('refuses a time that is not one, with the reason under the field', async () => {
    await app.click('#settings-reminder-checkin');
    await app.setValue('#settings-reminder-checkin-at', '25:61');
    await app.until('refused', async () => /not a time of day/.test(await app.text('#settings-reminder-checkin-at-error')));
  });

  it('arrive at their time with no health data; a click opens the check-in form; "Taken" logs the planned dose with Undo', async () => {
    // The next whole minute, at least 20 s away so the settings are saved first: a check-in and
    // a dose reminder at the same time (the seeded diary has a plan in force today).
    const at = new Date(Date.now() + 80_000);
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    await app.setValue('#settings-reminder-checkin-at', hhmm);
    await app.setValue('#settings-reminder-doses', hhmm);
    await app.until('saved', async () => {
      const stored = profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0] ?? '';
      return stored.includes(`"checkin_at":"${hhmm}"`) && stored.includes(`"dose_times":["${hhmm}"]`);
    });
    await app.click('#nav-progress');
    const doses = () => profile.sql(`SELECT id, amount_dg, deleted_at IS NULL FROM dose ORDER BY id`);
    const before = doses().length;
    await app.until('both reminders arrived', async () => server.received().length >= 2 || null, 150_000);
    const [checkin, dose] = server.received();
    assert.equal(checkin.appname, 'Taper');
    assert.equal(checkin.body, 'Time for your check-in');
    assert.equal(dose.body, 'Time for your planned dose');
    for (const r of [checkin, dose]) {
      const words = `${r.summary} ${r.body}`.toLowerCase();
      assert.ok(!/kratom|\d|\bg\b|dose of/.test(words), `no health data: ${words}`);
    }
    assert.equal(server.received().length, 2, 'once each');
    assert.equal(await app.count('dialog[open]'), 0);

    // "Taken" on the dose reminder: what is left of today's plan (the only dose reminder today)
    // is logged now, and Taper says so with Undo.
    const left = JSON.parse(cli(profile.dataDir, '--json', 'day')).plan.progress.left_g;
    assert.ok(left > 0, `some of today's plan is left (${left} g)`);
    server.choose('Taken');
    const logged = await app.until('the dose was logged', async () => (doses().length === before + 1 ? doses().at(-1) : null));
    assert.equal(logged[1], String(Math.round(left * 10)), `${left} g logged`);
    await app.until('said with Undo', async () => /from your reminder/.test(await app.text('#toast')), 15_000);
    await app.screenshot('72-reminder-taken-toast');
    await app.click('#toast-undo');
    await app.until('undone', async () => doses().at(-1)[2] === '0');

    // A click on the check-in reminder opens its form, on Today.
    server.click();
    await app.waitFor('#checkin-dialog[open]', 15_000);
    assert.equal(await app.exec(`return document.querySelector('#screen-today').hidden`), false, 'on Today');
    await app.screenshot('70-reminder-opened-checkin');
  });

  it('starts Taper at login when asked (an XDG autostart entry), and stops when unticked', async () => {
    const entry = join(profile.dataDir, '.config', 'autostart', 'Taper.desktop');
    await app.click('#checkin-cancel');
    await app.waitGone('dialog[open]');
    await app.click('#nav-settings');
    await app.waitFor('#settings-start-at-login');
    assert.equal(await app.exec(`return document.querySelector('#settings-start-at-login').checked`), false, 'off by default');
    assert.equal(existsSync(entry), false);
    await app.click('#settings-start-at-login');
    await app.until('entry written', async () => existsSync(entry));
    assert.match(readFileSync(entry, 'utf8'), new RegExp(`^Exec=${APP.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    await app.screenshot('71-settings-reminders');
    await app.click('#settings-start-at-login');
    await app.until('entry removed', async () => !existsSync(entry));
  });
});
