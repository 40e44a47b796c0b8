// End-to-end: the window's size, place and maximised state are kept across a restart, and
// "Keep Taper running in the tray" (off by default) works with a real tray protocol. The app
// runs on a private D-Bus session bus with a real StatusNotifierWatcher on it (the one
// libayatana-appindicator registers its icon with, as a desktop panel runs); the icon's menu is
// driven over D-Bus with busctl, as a panel does (com.canonical.dbusmenu Event "clicked"), and a
// window manager (openbox) closes the window as a person does (wmctrl -c: WM_DELETE_WINDOW) and
// maximises it. Needs dbus-daemon, status-notifier-watcher, busctl, openbox and wmctrl
// (scripts/setup.sh installs them).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, sessionBus, APP } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A window manager on the test display, ended with the test. */
async function windowManager() {
  // A few tries: an openbox still on its way out (the previous suite's) makes a new one leave.
  for (let attempt = 0; attempt < 3; attempt++) {
    const wm = spawn('openbox', ['--sm-disable'], { stdio: 'ignore' });
    for (let i = 0; i < 50 && wm.exitCode === null && wm.signalCode === null; i++) {
      try {
        execFileSync('wmctrl', ['-m'], { stdio: 'ignore' });
        // Answered by this openbox, not by one still leaving.
        await sleep(300);
        if (wm.exitCode === null && wm.signalCode === null) return wm;
      } catch { await sleep(100); }
    }
    await stopWindowManager(wm);
    await sleep(500);
  }
  throw new Error('no window manager came up');
}

/** Ends the window manager and waits until it is gone, so the next one can take the display. */
async function stopWindowManager(wm) {
  if (!wm || wm.exitCode !== null || wm.signalCode !== null) return;
  const gone = new Promise((ok) => wm.once('exit', ok));
  wm.kill();
  await gone;
}

/** Taper's window as the window manager lists it (only while shown). */
function windowShown() {
  return execFileSync('wmctrl', ['-l'], { encoding: 'utf8' }).split('\n').some((l) => / Taper$/.test(l));
}

/** Closes Taper's window as a person does, through the window manager. */
function closeWindow() {
  execFileSync('wmctrl', ['-c', 'Taper']);
}

function config(profile) {
  return join(profile.dataDir, 'xdg-config', 'app.taper.desktop');
}

function windowStateFile(profile) {
  const file = join(config(profile), '.window-state.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).main ?? null : null;
}

/** The D-Bus side of the test: the app's process and its tray icon, read as a panel does. */
function dbus(bus) {
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address };
  const busctl = (...args) => {
    const out = execFileSync('busctl', ['--user', '--json=short', ...args], { env, encoding: 'utf8' });
    return out.trim() ? JSON.parse(out) : null; // a method without a reply prints nothing
  };
  const prop = (service, path, iface, name) => busctl('get-property', service, path, iface, name).data;
  return {
    env,
    /** The app's process id (the owner of its single-instance name), or null when none runs. */
    pid() {
      try {
        return busctl('call', 'org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
          'GetConnectionUnixProcessID', 's', 'app.taper.desktop.SingleInstance').data[0];
      } catch { return null; }
    },
    /**
     * The tray icons registered with the watcher that answer as one and ask to be shown (status
     * Active; a panel hides a Passive one): {service, path, id, title, menu}.
     */
    items() {
      const found = [];
      for (const entry of prop('org.kde.StatusNotifierWatcher', '/StatusNotifierWatcher', 'org.kde.StatusNotifierWatcher', 'RegisteredStatusNotifierItems')) {
        const slash = entry.indexOf('/');
        const service = slash < 0 ? entry : entry.slice(0, slash);
        let paths = [entry.slice(slash)];
        if (slash < 0) {
          // This watcher keeps the bus name only; the item is at the indicator's usual path.
          try {
            paths = execFileSync('busctl', ['--user', 'tree', '--list', service], { env, encoding: 'utf8' })
              .split('\n').filter((p) => /^\/org\/ayatana\/NotificationItem\/[^/]+$/.test(p));
          } catch { paths = []; }
        }
        for (const path of paths) {
          try {
            const get = (name) => prop(service, path, 'org.kde.StatusNotifierItem', name);
            if (get('Status') !== 'Passive') found.push({ service, path, id: get('Id'), title: get('Title'), menu: get('Menu') });
          } catch { /* gone */ }
        }
      }
      return found;
    },
    /** The menu's items, in order: [{id, label}] (separators have no label). */
    menu(item) {
      const [, [, , children]] = busctl('call', item.service, item.menu, 'com.canonical.dbusmenu', 'GetLayout', 'iias', '--', '0', '-1', '0').data;
      return children.map(({ data: [id, props] }) => ({ id, label: props.label?.data ?? null }));
    },
    /** Clicks the menu item labelled `label`, as a panel does when it is chosen. */
    click(item, label) {
      const entry = this.menu(item).find((e) => e.label === label);
      assert.ok(entry, `the menu has ${label}`);
      busctl('call', item.service, item.menu, 'com.canonical.dbusmenu', 'Event', 'isvu', '--',
        String(entry.id), 'clicked', 's', '', '0');
    },
  };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch { return false; }
}

/** Starts the app binary directly (a second launch from the desktop); resolves with its exit code. */
async function launchDirectly(profile, env, ms) {
  const child = spawn(APP, [], {
    env: {
      ...process.env,
      TAPER_DATA_DIR: profile.dataDir,
      XDG_DATA_HOME: join(profile.dataDir, 'xdg-data'),
      XDG_CONFIG_HOME: join(profile.dataDir, 'xdg-config'),
      XDG_CACHE_HOME: join(profile.dataDir, 'xdg-cache'),
      ...env,
    },
    stdio: 'ignore',
  });
  const code = await Promise.race([new Promise((ok) => child.on('exit', (c) => ok(c))), sleep(ms).then(() => null)]);
  if (code === null) child.kill('SIGTERM');
  return code;
}

describe('The window', () => {
  let bus;
  let wm;
  const profiles = [];

  before(async () => {
    await startDisplay();
    wm = await windowManager();
    bus = await sessionBus();
  });

  after(async () => {
    profiles.forEach((p) => p.stop());
    await stopWindowManager(wm);
    stopAll();
  });

  it('comes back at the size and place it was closed at, and maximised', async () => {
    const d = dbus(bus);
    const profile = new Profile(undefined, { DBUS_SESSION_BUS_ADDRESS: bus.address });
    profiles.push(profile);
    let app = await profile.launch();
    const first = await app.cmd('GET', '/window/rect');
    assert.deepEqual([first.width, first.height], [1200, 800], 'the first start has the default size');
    await app.cmd('POST', '/window/rect', { x: 100, y: 80, width: 1000, height: 700 });
    const set = await app.cmd('GET', '/window/rect');
    assert.deepEqual([set.width, set.height], [1000, 700]);
    // Written a moment after the window stops moving, before any quit.
    await app.until('the size and place written', async () => windowStateFile(profile)?.width === 1000, 5000);
    const pid = d.pid();
    closeWindow();
    await app.until('Taper quit (the option is off)', async () => !alive(pid), 10_000);
    await app.quit();

    app = await profile.launch();
    const again = await app.cmd('GET', '/window/rect');
    assert.deepEqual(again, set, 'the same size and place');
    assert.deepEqual(await app.exec('return [window.innerWidth, window.innerHeight]'), [1000, 700]);

    await app.cmd('POST', '/window/maximize', {});
    const maximised = await app.cmd('GET', '/window/rect');
    assert.ok(maximised.width > 1800, `maximised: ${JSON.stringify(maximised)}`);
    await app.until('maximised written', async () => windowStateFile(profile)?.maximized === true, 5000);
    const pid2 = d.pid();
    closeWindow();
    await app.until('Taper quit', async () => !alive(pid2), 10_000);
    await app.quit();

    app = await profile.launch();
    await app.until('maximised again', async () => (await app.cmd('GET', '/window/rect')).width === maximised.width, 5000);
    // Maximised again: the same size; openbox may place its corner at -1 or 0.
    const back = await app.cmd('GET', '/window/rect');
    assert.deepEqual([back.width, back.height], [maximised.width, maximised.height]);
    assert.ok(Math.abs(back.x - maximised.x) <= 1 && Math.abs(back.y - maximised.y) <= 1, `${JSON.stringify(back)} at ${JSON.stringify(maximised)}`);
    const saved = windowStateFile(profile);
    assert.deepEqual([saved.width, saved.height], [1000, 700], 'the size from before it was maximised is kept');
    await app.quit();
  });
});

describe('Keep Taper running in the tray', () => {
  let bus;
  let wm;
  let d;
  let profile;
  let app;

  before(async () => {
    await startDisplay();
    wm = await windowManager();
    bus = await sessionBus();
    // The StatusNotifierWatcher a desktop panel runs: tray icons register with it.
    spawn('status-notifier-watcher', [], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address }, stdio: 'ignore' });
    d = dbus(bus);
    for (let i = 0; i < 50; i++) {
      try {
        d.items();
        break;
      } catch { await sleep(100); }
    }
    profile = new Profile(undefined, { DBUS_SESSION_BUS_ADDRESS: bus.address });
  });

  after(async () => {
    await app?.quit();
    profile?.stop();
    await stopWindowManager(wm);
    stopAll();
  });

  it('is off by default: no icon, and closing the window quits Taper', async () => {
    app = await profile.launch();
    await app.openScreen('settings', 'settings');
    assert.equal(await app.exec(`return document.querySelector('#settings-keep-in-tray').checked`), false);
    assert.equal(await app.text('label[for="settings-keep-in-tray"]'), 'Keep Taper running in the tray');
    await sleep(1000);
    assert.deepEqual(d.items(), [], 'no tray icon');
    assert.equal(existsSync(join(config(profile), 'desktop.json')), false, 'nothing kept until it is changed');
    const pid = d.pid();
    closeWindow();
    await app.until('Taper quit', async () => !alive(pid), 10_000);
    await app.quit();
  });

  it('turned on in Settings, shows an icon titled Taper whose menu opens the check-in and the dose form', async () => {
    app = await profile.launch();
    await app.openScreen('settings', 'settings');
    await app.click('#settings-keep-in-tray');
    const item = await app.until('the icon registered', async () => d.items()[0], 10_000);
    assert.equal(await app.exec(`return document.querySelector('#settings-keep-in-tray').checked`), true);
    assert.deepEqual(JSON.parse(readFileSync(join(config(profile), 'desktop.json'), 'utf8')), { keep_in_tray: true });
    assert.equal(await app.count('#settings-tray-problem:not([hidden])'), 0, 'no problem said');
    assert.equal(item.title, 'Taper', 'titled Taper, nothing else');
    assert.ok(!/\d|kratom|dose|check/i.test(`${item.id} ${item.title}`), `no health data: ${item.id} ${item.title}`);
    assert.deepEqual(d.menu(item).map((e) => e.label), ['Log dose', 'Check in', null, 'Open Taper', 'Quit Taper']);

    // The Reminders card with the new option, in light, dark and at the smallest window size.
    await app.exec(`document.querySelector('#settings-keep-in-tray').scrollIntoView({ block: 'center' })`);
    await app.screenshot('76-tray-setting-light');
    await app.useTheme('dark');
    await app.exec(`document.querySelector('#settings-keep-in-tray').scrollIntoView({ block: 'center' })`);
    await app.screenshot('77-tray-setting-dark');
    await app.useTheme('light');
    await app.setSize(900, 600);
    await app.exec(`document.querySelector('#settings-keep-in-tray').scrollIntoView({ block: 'center' })`);
    await app.screenshot('78-tray-setting-900x600');

    d.click(item, 'Check in');
    await app.waitFor('#checkin-dialog[open]', 10_000);
    assert.equal(await app.exec(`return document.querySelector('#screen-today').hidden`), false, 'on Today');
    await app.closeDialog();
    d.click(item, 'Log dose');
    await app.waitFor('#dose-dialog[open] #dose-amount', 10_000);
    await app.closeDialog();
  });

  it('closing the window then keeps Taper running; the menu and a second launch bring it back', async () => {
    const [item] = d.items();
    const pid = d.pid();
    closeWindow();
    await app.until('the window hidden', async () => !windowShown(), 5000);
    await sleep(1500);
    assert.ok(alive(pid), 'still running');
    assert.equal(d.pid(), pid);
    assert.equal(d.items().length, 1, 'the icon is still there');

    d.click(item, 'Open Taper');
    await app.until('the window shown again', async () => windowShown(), 5000);
    assert.equal(await app.exec(`return document.querySelector('#screen-today').hidden`), false, 'as it was left');

    closeWindow();
    await app.until('hidden', async () => !windowShown(), 5000);
    d.click(item, 'Check in');
    await app.until('shown by Check in', async () => windowShown(), 5000);
    await app.waitFor('#checkin-dialog[open]', 10_000);
    await app.closeDialog();

    closeWindow();
    await app.until('hidden', async () => !windowShown(), 5000);
    assert.equal(await launchDirectly(profile, d.env, 15_000), 0, 'a second launch hands over and exits');
    await app.until('shown by a second launch', async () => windowShown(), 5000);
    assert.ok(alive(pid));
  });

  it('stays on after a restart; Quit Taper ends the process', async () => {
    const [item] = d.items();
    const pid = d.pid();
    d.click(item, 'Quit Taper');
    await app.until('Taper quit', async () => !alive(pid), 10_000);
    await app.quit();

    app = await profile.launch();
    await app.until('the icon at start', async () => d.items().length === 1, 10_000);
    await app.openScreen('settings', 'settings');
    await app.until('ticked', async () => app.exec(`return document.querySelector('#settings-keep-in-tray').checked`));
  });

  it('turned off, removes the icon, and closing quits again', async () => {
    await app.click('#settings-keep-in-tray');
    await app.until('the icon gone', async () => d.items().length === 0, 10_000);
    assert.equal(await app.exec(`return document.querySelector('#settings-keep-in-tray').checked`), false);
    assert.deepEqual(JSON.parse(readFileSync(join(config(profile), 'desktop.json'), 'utf8')), { keep_in_tray: false });
    // On and off again without a restart.
    await app.click('#settings-keep-in-tray');
    await app.until('the icon back', async () => d.items().length === 1, 10_000);
    await app.click('#settings-keep-in-tray');
    await app.until('the icon gone again', async () => d.items().length === 0, 10_000);
    const pid = d.pid();
    closeWindow();
    await app.until('Taper quit', async () => !alive(pid), 10_000);
    await app.quit();
    app = undefined;
  });
});

describe('Without the indicator library', () => {
  after(stopAll);

  it('Taper starts, Settings says the icon cannot be shown, and closing quits', async () => {
    await startDisplay();
    const wm = await windowManager();
    const bus = await sessionBus();
    const d = dbus(bus);
    const libs = execFileSync('sh', ['-c', 'ldconfig -p | grep -E "lib(ayatana-)?appindicator3\\.so\\.1 " | sed "s/.*=> //"'], { encoding: 'utf8' })
      .split('\n').filter((l) => l);
    assert.ok(libs.length > 0, 'the library is installed here, to be taken away');
    const profile = new Profile(undefined, { DBUS_SESSION_BUS_ADDRESS: bus.address }, { hide: libs });
    try {
      const app = await profile.launch();
      await app.openScreen('settings', 'settings');
      await app.click('#settings-keep-in-tray');
      await app.waitFor('#settings-tray-problem:not([hidden])', 10_000);
      assert.match(await app.text('#settings-tray-problem'), /tray icon could not be shown: this computer has no indicator library.*Closing the window quits Taper/);
      await app.exec(`document.querySelector('#settings-tray-problem').scrollIntoView({ block: 'center' })`);
      await app.screenshot('79-tray-no-indicator');
      const pid = d.pid();
      assert.ok(pid && alive(pid), 'still running');
      closeWindow();
      await app.until('Taper quit', async () => !alive(pid), 10_000);
      await app.quit();
    } finally {
      profile.stop();
      await stopWindowManager(wm);
    }
  });
});
