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
import { seedDiary } from './seed.mjs';

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

  it('arrives at its time with no health data, and a click opens the check-in form', async () => {
    // The next whole minute, at least 20 s away so the setting is saved first.
    const at = new Date(Date.now() + 80_000);
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    await app.setValue('#settings-reminder-checkin-at', hhmm);
    await app.until('saved', async () =>
      (profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0] ?? '').includes(`"checkin_at":"${hhmm}"`));
    await app.click('#nav-progress');
    const arrived = await app.until('the reminder arrived', async () => server.received()[0] ?? null, 150_000);
    assert.equal(arrived.appname, 'Taper');
    assert.equal(arrived.body, 'Time for your check-in');
    const words = `${arrived.summary} ${arrived.body}`.toLowerCase();
    assert.ok(!/kratom|\d|\bg\b|dose of/.test(words), `no health data: ${words}`);
    assert.equal(server.received().length, 1, 'once');
    assert.equal(await app.count('dialog[open]'), 0);
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
