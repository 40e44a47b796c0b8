// Drives the real built Taper app: Xvfb + tauri-driver + WebKitWebDriver, over plain
// W3C WebDriver with Node's fetch. Each profile gets its own data folder (TAPER_DATA_DIR),
// passed to the app through tauri-driver's environment.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
export const APP = process.env.TAPER_APP_BIN ?? join(target, 'debug/taper-app');
export const SHOTS = join(target, 'e2e-screenshots');
const children = new Set();

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function stopAll() {
  for (const c of children) {
    try { process.kill(c.pid, 'SIGTERM'); } catch { /* gone */ }
  }
  children.clear();
}
process.on('exit', stopAll);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts Xvfb on a free display; sets DISPLAY for everything started after. */
export async function startDisplay() {
  if (process.env.TAPER_E2E_DISPLAY) {
    process.env.DISPLAY = process.env.TAPER_E2E_DISPLAY;
    return;
  }
  const xvfb = track(spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  }));
  const display = await new Promise((ok, fail) => {
    let buf = '';
    xvfb.stdio[3].on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) ok(buf.trim());
    });
    xvfb.on('exit', (code) => fail(new Error(`Xvfb exited (${code})`)));
  });
  process.env.DISPLAY = `:${display}`;
  // Do not let the display keep the test process alive; stopAll() ends it.
  xvfb.stdio[3].destroy();
  xvfb.unref();
}

/**
 * A private D-Bus session bus (what a desktop session has): its address, and `stop()`. The
 * daemon is tracked, so stopAll() ends it too.
 */
export async function sessionBus() {
  // Its stderr (services it starts, fd limits) is noise here.
  const daemon = track(spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }));
  const address = await new Promise((ok, fail) => {
    let buf = '';
    daemon.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) ok(buf.trim());
    });
    daemon.on('exit', (code) => fail(new Error(`dbus-daemon exited (${code})`)));
  });
  return { address, stop: () => daemon.kill('SIGTERM') };
}

/**
 * A real notification server (dunst) on `bus`, on the test display. `received()` lists what it
 * was sent, oldest first ({appname, summary, body}, written by a dunst script rule as each
 * arrives); `shown()` counts those on screen; `click()` invokes the default action of the one
 * on screen, as a click on it would; `choose(label)` picks the action button named `label`
 * (such as "Taken") from dunst's action menu, as a person choosing it would.
 */
export async function notificationServer(bus) {
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address };
  const dir = mkdtempSync(join(tmpdir(), 'taper-dunst-'));
  const log = join(dir, 'received.tsv');
  const script = join(dir, 'log.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\t%s\\t%s\\n' "$1" "$2" "$3" >> '${log}'\n`, { mode: 0o755 });
  // dunst lists every action on screen ("#Taken (Taper) [7,taken]") to its menu program, which
  // answers with the line chosen: this one picks the label written in `choice`.
  const choice = join(dir, 'choice');
  const menu = join(dir, 'menu.sh');
  writeFileSync(menu, `#!/bin/sh\ngrep -m1 -F "#$(cat '${choice}') ("\n`, { mode: 0o755 });
  const conf = join(dir, 'dunstrc');
  // Notifications stay until clicked, so the test can click the one that arrived.
  writeFileSync(conf, `[global]\n    idle_threshold = 0\n    dmenu = ${menu}\n[urgency_normal]\n    timeout = 0\n[log]\n    summary = "*"\n    script = ${script}\n`);
  track(spawn('dunst', ['-config', conf], { env, stdio: 'ignore' }));
  const ctl = (...args) => execFileSync('dunstctl', args, { env, encoding: 'utf8' });
  for (let i = 0; i < 50; i++) {
    try {
      ctl('is-paused');
      break;
    } catch { await sleep(100); }
  }
  return {
    received() {
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8').split('\n').filter((l) => l).map((l) => {
        const [appname, summary, body] = l.split('\t');
        return { appname, summary, body };
      });
    },
    shown() {
      return Number(ctl('count', 'displayed').trim());
    },
    click() {
      ctl('action', '0');
    },
    choose(label) {
      writeFileSync(choice, label);
      ctl('context');
    },
  };
}

async function freePort() {
  return new Promise((ok) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * A data folder plus a tauri-driver whose children (the app) see it. `env` adds variables to
 * the app's environment, e.g. the dialog stand-ins:
 *   new Profile(undefined, { TAPER_TEST_DIALOG_DIR: dir, TAPER_TEST_OPEN_FILE: file })
 * Change `profile.env` and call `restartDriver()` for a later launch to see new values.
 */
export class Profile {
  /**
   * `readOnly`: a folder the app (and its driver) see as a read-only file system: they run in a
   * private mount namespace (`unshare -m`) where that folder is bind-mounted read-only.
   */
  /**
   * `hide`: files the app (and its driver) see as empty, e.g. a system library taken away:
   * /dev/null is bind-mounted over each, in the same kind of private mount namespace.
   */
  constructor(dataDir, env = {}, { readOnly, hide = [] } = {}) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'taper-e2e-'));
    this.db = join(env.TAPER_DATA_DIR ?? this.dataDir, 'taper.db');
    this.env = { ...env };
    this.readOnly = readOnly;
    this.hide = hide;
  }

  /** Stops the driver so the next launch starts one with the current `env`. */
  restartDriver() {
    this.stop();
  }

  async startDriver() {
    const port = await freePort();
    const nativePort = await freePort();
    const driverArgs = ['--port', String(port), '--native-port', String(nativePort)];
    const q = (path) => `'${path.replace(/'/g, `'\\''`)}'`;
    const mounts = [
      ...(this.readOnly ? [`mount --bind ${q(this.readOnly)} ${q(this.readOnly)} && mount -o remount,ro,bind ${q(this.readOnly)}`] : []),
      ...this.hide.map((f) => `mount --bind /dev/null ${q(f)}`),
    ];
    const [command, args] = mounts.length
      ? ['unshare', ['-m', 'sh', '-c', `${mounts.join(' && ')} && exec tauri-driver "$@"`, 'sh', ...driverArgs]]
      : ['tauri-driver', driverArgs];
    this.driver = track(spawn(command, args, {
      // The webview keeps its own storage (drafts, say) under XDG folders: one set per profile.
      env: {
        ...process.env,
        TAPER_DATA_DIR: this.dataDir,
        XDG_DATA_HOME: join(this.dataDir, 'xdg-data'),
        XDG_CONFIG_HOME: join(this.dataDir, 'xdg-config'),
        XDG_CACHE_HOME: join(this.dataDir, 'xdg-cache'),
        // No session bus unless a test gives one: on a desktop, the app under test must not
        // hand itself over to a Taper the developer has open (single instance, over D-Bus).
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/taper-e2e-no-session-bus',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }));
    this.url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        const r = await fetch(`${this.url}/status`);
        if (r.ok) return;
      } catch { /* not yet */ }
      await sleep(100);
    }
    throw new Error('tauri-driver did not become ready');
  }

  /**
   * Launches the app; resolves once Today has rendered. A first start (no diary yet) is passed
   * by "Start without a passphrase" unless `gate` is set: then it resolves on whatever screen
   * comes before the diary (first start, unlock, trouble). A new diary's onboarding is passed by
   * a click on its Skip unless `onboarding` is set: then it resolves on the onboarding's first
   * step. Returns the session.
   */
  async launch({ gate = false, onboarding = false } = {}) {
    if (!this.driver) await this.startDriver();
    const started = performance.now();
    const res = await fetch(`${this.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: { 'tauri:options': { application: APP } } } }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`session: ${JSON.stringify(body)}`);
    const s = new Session(this.url, body.value.sessionId);
    s.sessionMs = performance.now() - started;
    await s.waitFor('#dose-summary, #dose-none, #day-empty, #gate, #onboarding, #fatal-error', 20000);
    if (!gate && await s.count('#welcome-plain') > 0) {
      await s.click('#welcome-plain');
      await s.waitFor('#dose-summary, #dose-none, #day-empty, #onboarding, #fatal-error', 20000);
    }
    if (!onboarding && await s.count('#onboarding-skip') > 0) await s.skipOnboarding();
    s.readyMs = performance.now() - started;
    return s;
  }

  /** Runs SQL against the app's database file with the sqlite3 shell; returns rows as arrays. */
  sql(query) {
    if (!existsSync(this.db)) return [];
    const out = execFileSync('sqlite3', ['-readonly', '-separator', '\t', this.db, query], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
  }

  stop() {
    if (this.driver) {
      try { process.kill(this.driver.pid, 'SIGTERM'); } catch { /* gone */ }
      this.driver = undefined;
    }
  }
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  constructor(url, id) {
    this.base = `${url}/session/${id}`;
  }

  async cmd(method, path, body) {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error(`${method} ${path}: ${json?.value?.error ?? res.status} ${json?.value?.message ?? ''}`);
      err.webdriver = json?.value?.error;
      throw err;
    }
    return json.value;
  }

  async exec(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches a displayed element. */
  async waitFor(css, timeout = 5000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        const shown = await this.exec(
          `return [...document.querySelectorAll(arguments[0])].some((e) => e.getClientRects().length > 0);`, css);
        if (shown) return;
      } catch (e) { last = e; }
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${css}${last ? `: ${last.message}` : ''}`);
  }

  /** Waits until `css` is gone or hidden. */
  async waitGone(css, timeout = 5000) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const shown = await this.exec(
        `return [...document.querySelectorAll(arguments[0])].some((e) => e.getClientRects().length > 0);`, css);
      if (!shown) return;
      await sleep(50);
    }
    throw new Error(`${css} still shown`);
  }

  /** Polls `fn` until it returns a truthy value. */
  async until(what, fn, timeout = 5000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      last = await fn();
      if (last) return last;
      await sleep(50);
    }
    throw new Error(`timed out: ${what} (last: ${JSON.stringify(last)})`);
  }

  async click(css) {
    await this.waitFor(css);
    const el = await this.find(css);
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  async clear(css) {
    const el = await this.find(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
  }

  /** Replaces the field's text by typing, as a person would. */
  async type(css, text) {
    await this.waitFor(css);
    const el = await this.find(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
    await this.cmd('POST', `/element/${el}/value`, { text });
  }

  /** Sets a value on inputs that cannot be typed into portably (date, datetime-local, select). */
  async setValue(css, value) {
    await this.exec(
      `const e = document.querySelector(arguments[0]); e.value = arguments[1];
       e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));`,
      css, value);
  }

  /** Sends keys to the focused element. Use '\uE007' for Enter, '\uE00C' for Escape. */
  async keys(text) {
    const active = await this.cmd('GET', '/element/active');
    await this.cmd('POST', `/element/${active[ELEMENT]}/value`, { text });
  }

  async text(css) {
    return this.exec(`const e = document.querySelector(arguments[0]); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;`, css);
  }

  async texts(css) {
    return this.exec(`return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.replace(/\\s+/g, ' ').trim());`, css);
  }

  async count(css) {
    return this.exec(`return document.querySelectorAll(arguments[0]).length;`, css);
  }

  async setSize(width, height) {
    try {
      await this.cmd('POST', '/window/rect', { x: 0, y: 0, width, height });
    } catch {
      // Some WebKitWebDriver builds cannot resize; the screenshot then shows the default size.
      return;
    }
    // The page lays itself out for the new size a moment later.
    const end = Date.now() + 2000;
    while (Date.now() < end && await this.exec('return window.innerWidth') !== width) await sleep(50);
  }

  async screenshot(name) {
    mkdirSync(SHOTS, { recursive: true });
    // Lets WebKit paint what was just rendered or resized (it can lag a frame or two behind).
    await sleep(300);
    const b64 = await this.cmd('GET', '/screenshot');
    writeFileSync(join(SHOTS, `${name}.png`), Buffer.from(b64, 'base64'));
  }

  /** Waits for the page to paint what was just rendered (two frames and a moment). */
  async settle() {
    await this.exec(`return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(true), 250))));`);
  }

  /** A new diary's onboarding: waits for it, clicks Skip, and waits for Today. */
  async skipOnboarding() {
    await this.waitFor('#onboarding-skip', 20000);
    await this.click('#onboarding-skip');
    await this.waitFor('#dose-summary, #dose-none, #day-empty, #fatal-error', 20000);
  }

  /** Opens a screen from the navigation rail (`nav-<nav>`) and waits for `#screen-<screen>`. */
  async openScreen(nav, screen) {
    await this.click(`#nav-${nav}`);
    await this.waitFor(`#screen-${screen}:not([hidden])`);
    await this.settle();
  }

  /** Closes the open dialog with its Cancel (or Close) button. */
  async closeDialog() {
    await this.exec(`[...document.querySelectorAll('dialog[open] button')].find((b) => ['Cancel', 'Close'].includes(b.textContent.trim())).click();`);
    await this.waitGone('dialog[open]');
  }

  /** Settings → Appearance: the theme "light", "dark" or "system", applied. */
  async useTheme(value) {
    await this.openScreen('settings', 'settings');
    await this.setValue('#settings-theme', value);
    await this.until(`${value} theme`, async () =>
      value === 'system' || (await this.exec(`return document.documentElement.dataset.theme`)) === value);
  }

  /** Logs a dose of `amount` grams on Today, as a person would: Log dose, type, Enter. */
  async logDose(amount) {
    await this.click('#log-dose');
    await this.waitFor('#dose-dialog[open] #dose-amount');
    await this.type('#dose-amount', amount);
    await this.keys('\uE007');
    await this.waitGone('#dose-dialog[open]');
  }

  async quit() {
    try { await this.cmd('DELETE', ''); } catch { /* already gone */ }
  }
}
