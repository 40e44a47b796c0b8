// End-to-end: privacy. First start offers a passphrase; an encrypted diary opens only with
// it (a wrong one is said as such and changes no file); nothing in the data folder shows what
// was logged; the app lock (at once and after idle minutes) leaves nothing of the diary in the
// window; the passphrase can be changed and removed; "Delete all my data" returns to first start.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startDisplay, Profile, stopAll, APP } from './harness.mjs';

const ENTER = '\uE007';
const CTRL = '\uE009';
const SECRET = 'zebracornquill';
const PASS = 'correct horse battery';
const PASS2 = 'second staple horse';

/**
 * Every file under `dir` with its bytes. `cache: false` leaves out WebKit's cache folder, which
 * the web view rewrites on its own (it holds the app's code, never diary data: the scan for the
 * note below includes it).
 */
function files(dir, { cache = true } = {}) {
  const out = new Map();
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'xdg-cache' && !cache) continue;
      for (const [k, v] of files(p, { cache })) out.set(join(name, k), v);
    } else {
      out.set(name, readFileSync(p));
    }
  }
  return out;
}

const title = (app) => app.cmd('GET', '/title');
const pageText = (app) => app.exec('return document.body.innerText');

async function logDose(app, amount, note) {
  await app.click('#log-dose');
  await app.waitFor('#dose-dialog[open] #dose-amount');
  await app.type('#dose-amount', amount);
  await app.type('#dose-note', note);
  await app.click('#dose-save');
  await app.waitGone('#dose-dialog[open]');
}

async function unlock(app, passphrase) {
  await app.waitFor('#unlock-passphrase');
  await app.type('#unlock-passphrase', passphrase);
  await app.keys(ENTER);
}

describe('Privacy', () => {
  const profile = new Profile();
  let app;

  before(startDisplay);
  after(async () => {
    await app?.quit();
    profile.stop();
    stopAll();
  });

  it('offers a passphrase at first start and encrypts everything with it', async () => {
    app = await profile.launch({ gate: true });
    await app.setSize(1024, 768);
    await app.waitFor('#welcome-form');
    assert.equal(await title(app), 'Taper');
    await app.screenshot('60-first-start-1024x768');
    // Typed twice, differently.
    await app.type('#welcome-passphrase', PASS);
    await app.type('#welcome-passphrase-again', 'correct horse');
    await app.click('#welcome-encrypted');
    await app.until('mismatch said', async () => /different/.test(await app.text('#welcome-passphrase-error')));
    // Too short: the backend says how long.
    await app.type('#welcome-passphrase', 'short');
    await app.type('#welcome-passphrase-again', 'short');
    await app.click('#welcome-encrypted');
    await app.until('length said', async () => /at least 8/.test(await app.text('#welcome-passphrase-error')));
    assert.equal(existsSync(profile.db), false, 'nothing created by a refused start');
    await app.type('#welcome-passphrase', PASS);
    await app.type('#welcome-passphrase-again', PASS);
    await app.click('#welcome-encrypted');
    // The new diary's onboarding knows it is encrypted already.
    await app.waitFor('#onboarding', 15000);
    for (const step of [2, 3]) {
      await app.click('#onboarding-next');
      await app.until(`step ${step}`, async () => (await app.text('#onboarding-progress')) === `Step ${step} of 4`, 10000);
    }
    await app.waitFor('#onboarding-passphrase-on');
    assert.equal(await app.exec(`return document.querySelector('#onboarding-passphrase')?.getClientRects().length ?? 0`), 0, 'no second passphrase asked for');
    assert.equal(await app.text('#onboarding-title'), 'Your diary is protected');
    await app.skipOnboarding();
    await app.waitFor('#day-empty, #dose-none', 15000);
    await logDose(app, '2.5', `${SECRET} after a hard night`);
    await app.until('dose listed', async () => (await app.count('#dose-list li.dose-row')) === 1);
    await app.click('#nav-settings');
    await app.click('#backup-now');
    await app.until('backup listed', async () => (await app.count('#backup-list li')) >= 1, 10000);
    assert.match(await app.text('#privacy-status'), /encrypted with your passphrase/);
    assert.equal(await title(app), 'Taper');
    // With the app still open (its WAL on disk), nothing in the data folder shows the note,
    // and no file is a plain SQLite database.
    const onDisk = files(profile.dataDir);
    assert.ok([...onDisk.keys()].some((k) => k === 'taper.db'));
    assert.ok([...onDisk.keys()].some((k) => k.startsWith('backups/')), [...onDisk.keys()].join(', '));
    for (const [name, bytes] of onDisk) {
      assert.equal(bytes.includes(SECRET), false, `${name} shows the note`);
      if (name.startsWith('taper.db') || name.startsWith('backups/')) {
        assert.equal(bytes.includes('SQLite format 3'), false, `${name} is a plain database`);
      }
    }
  });

  it('asks for the passphrase at start; a wrong one is said and changes nothing', async () => {
    await app.quit();
    app = await profile.launch({ gate: true });
    await app.setSize(1024, 768);
    await app.waitFor('#unlock-passphrase');
    assert.equal(await title(app), 'Taper');
    assert.equal((await pageText(app)).includes(SECRET), false);
    const before = files(profile.dataDir, { cache: false });
    await unlock(app, 'correct horse batterY');
    await app.until('wrong said', async () => /does not open this diary/.test(await app.text('#unlock-error') ?? ''));
    await app.screenshot('61-unlock-wrong-1024x768');
    const after_ = files(profile.dataDir, { cache: false });
    const changed = [...new Set([...before.keys(), ...after_.keys()])]
      .filter((k) => !before.has(k) || !after_.has(k) || !before.get(k).equals(after_.get(k)));
    assert.deepEqual(changed, [], 'a wrong passphrase changes no file');
    // As many tries as needed.
    await unlock(app, 'still wrong');
    await app.until('wrong again', async () => /does not open/.test(await app.text('#unlock-error') ?? ''));
    await unlock(app, PASS);
    await app.waitFor('#dose-summary', 10000);
    assert.match(await app.text('#dose-list'), new RegExp(SECRET));
  });

  it('locks at once with Ctrl+L, showing nothing of the diary until unlocked', async () => {
    await app.click('#nav-today');
    await app.waitFor('#dose-summary');
    await app.keys(`${CTRL}l${CTRL}`);
    await app.waitFor('#unlock-passphrase', 10000);
    const text = await pageText(app);
    assert.equal(text.includes(SECRET), false);
    assert.equal(text.includes('2.5 g'), false);
    assert.equal(await app.count('#dose-list, dialog'), 0, 'the diary is not in the page at all');
    await app.screenshot('62-locked-1024x768');
    await unlock(app, PASS);
    await app.waitFor('#dose-summary', 10000);
  });

  it('changes the passphrase (the current one checked), then removes it', async () => {
    await app.click('#nav-settings');
    await app.waitFor('#settings-privacy');
    await app.exec(`document.querySelector('#settings-privacy').scrollIntoView({block: 'start'})`);
    await app.screenshot('65-settings-privacy-1024x768');
    await app.click('#passphrase-change');
    await app.waitFor('#passphrase-dialog[open] #passphrase-current');
    await app.screenshot('63-change-passphrase-1024x768');
    await app.type('#passphrase-current', 'not it at all');
    await app.type('#passphrase-new', PASS2);
    await app.type('#passphrase-again', PASS2);
    await app.click('#passphrase-submit');
    await app.until('current refused', async () => /not your current passphrase/.test(await app.text('#passphrase-current-error') ?? ''));
    await app.type('#passphrase-current', PASS);
    await app.click('#passphrase-submit');
    await app.waitGone('#passphrase-dialog[open]', 15000);
    assert.match(await app.text('#toast-message'), /Passphrase changed/);
    await app.quit();

    app = await profile.launch({ gate: true });
    await unlock(app, PASS);
    await app.until('old refused', async () => /does not open/.test(await app.text('#unlock-error') ?? ''));
    await unlock(app, PASS2);
    await app.waitFor('#dose-summary', 10000);

    await app.click('#nav-settings');
    await app.click('#passphrase-remove');
    await app.waitFor('#passphrase-dialog[open] #passphrase-current');
    assert.equal(await app.count('#passphrase-new:not([hidden])'), 1);
    assert.equal(await app.exec(`return document.querySelector('#passphrase-new').getClientRects().length`), 0, 'no new passphrase to type');
    await app.type('#passphrase-current', PASS2);
    await app.click('#passphrase-submit');
    await app.waitGone('#passphrase-dialog[open]', 15000);
    assert.match(await app.text('#privacy-status'), /not encrypted/);
    await app.quit();
    assert.equal(readFileSync(profile.db).subarray(0, 15).toString(), 'SQLite format 3');

    // Plain again: it opens straight onto Today, the dose still there.
    app = await profile.launch();
    assert.match(await app.text('#dose-list'), new RegExp(SECRET));
  });

  it('locks by itself after the chosen idle minutes', async () => {
    await app.click('#nav-settings');
    await app.waitFor('#settings-lock-after');
    await app.setValue('#settings-lock-after', '1');
    await app.until('saved', async () => (await app.text('#settings-saved')) === 'Saved');
    await app.click('#nav-today');
    // No input for a minute (plus the 5 s check): the lock screen, with the plain diary's button.
    await app.waitFor('#unlock-submit', 80000);
    assert.equal(await app.count('#unlock-passphrase'), 0);
    assert.equal((await pageText(app)).includes(SECRET), false);
    await app.click('#unlock-submit');
    await app.waitFor('#dose-summary', 10000);
    // Off again, so the rest of the test is not locked out.
    await app.click('#nav-settings');
    await app.setValue('#settings-lock-after', '');
    await app.until('saved', async () => (await app.text('#settings-saved')) === 'Saved');
  });

  it('deletes all the data after the typed confirmation and returns to first start', async () => {
    await app.click('#nav-settings');
    await app.click('#delete-all');
    await app.waitFor('#delete-dialog[open] #delete-confirm-text');
    assert.equal(await app.exec(`return document.querySelector('#delete-confirm').disabled`), true);
    await app.type('#delete-confirm-text', 'delete my');
    assert.equal(await app.exec(`return document.querySelector('#delete-confirm').disabled`), true);
    await app.screenshot('64-delete-all-1024x768');
    await app.type('#delete-confirm-text', 'delete my data');
    assert.equal(await app.exec(`return document.querySelector('#delete-confirm').disabled`), false);
    await app.click('#delete-confirm');
    await app.waitFor('#welcome-form', 10000);
    const left = readdirSync(profile.dataDir).filter((n) => n.startsWith('taper') || n === 'backups');
    assert.deepEqual(left, []);
    await app.quit();
    app = await profile.launch({ gate: true });
    await app.waitFor('#welcome-form');
  });
});

describe('A first start with a passphrase', () => {
  const other = new Profile();
  before(startDisplay);
  after(() => {
    other.stop();
    stopAll();
  });

  it('encrypts a diary the taper command started meanwhile when the person asked for a passphrase', async () => {
    const first = await other.launch({ gate: true });
    await first.waitFor('#welcome-form');
    // While the first start is on screen, the command line starts a plain diary.
    execFileSync(join(APP, '..', 'taper'), ['dose', 'add', '4.2'], { env: { ...process.env, TAPER_DATA_DIR: other.dataDir } });
    assert.equal(readFileSync(other.db).subarray(0, 15).toString(), 'SQLite format 3');
    await first.type('#welcome-passphrase', PASS);
    await first.type('#welcome-passphrase-again', PASS);
    await first.click('#welcome-encrypted');
    await first.until('the dose the command logged is listed', async () => (await first.count('#dose-list li.dose-row')) === 1, 15000);
    await first.click('#nav-settings');
    assert.match(await first.text('#privacy-status'), /encrypted with your passphrase/);
    await first.quit();
    assert.notEqual(readFileSync(other.db).subarray(0, 15).toString(), 'SQLite format 3', 'the diary is encrypted');
  });
});

/** Waits for the window's new layout to be painted, then checks `css` is centred in it. */
async function centred(app, css, where) {
  await app.exec(`return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(true), 250))));`);
  const r = await app.exec(`const b = document.querySelector(arguments[0]).getBoundingClientRect();
    return { left: b.left, right: innerWidth - b.right, top: b.top, bottom: innerHeight - b.bottom, width: innerWidth };`, css);
  assert.ok(Math.abs(r.left - r.right) <= 2, `${where}: centred across (left ${r.left}, right ${r.right})`);
  if (r.top >= 0 && r.bottom >= 0) assert.ok(Math.abs(r.top - r.bottom) <= 2, `${where}: centred up and down (top ${r.top}, bottom ${r.bottom})`);
  else assert.ok(r.top >= 0, `${where}: a card taller than the window starts at its top`);
}

describe('The first start and lock screens sit in the middle of the window', () => {
  const profile = new Profile();
  before(startDisplay);
  after(() => {
    profile.stop();
    stopAll();
  });

  it('centres the welcome and lock cards at 1200x800 and 900x600, light and dark', async () => {
    let app = await profile.launch({ gate: true });
    await app.waitFor('#welcome-form');
    for (const [w, h_] of [[1200, 800], [900, 600]]) {
      await app.setSize(w, h_);
      await centred(app, '.gate-card', `welcome ${w}x${h_}`);
      await app.screenshot(`66-welcome-${w}x${h_}`);
      await app.exec(`document.documentElement.dataset.theme = 'dark'`);
      await centred(app, '.gate-card', `welcome ${w}x${h_} dark`);
      await app.screenshot(`66-welcome-${w}x${h_}-dark`);
      await app.exec(`document.documentElement.dataset.theme = 'light'`);
    }
    await app.click('#welcome-plain');
    await app.skipOnboarding();
    await app.keys(`${CTRL}l${CTRL}`);
    await app.waitFor('#unlock-submit', 10000);
    for (const [w, h_] of [[900, 600], [1200, 800]]) {
      await app.setSize(w, h_);
      await centred(app, '.gate-card', `locked ${w}x${h_}`);
      await app.screenshot(`67-locked-${w}x${h_}`);
    }
    await app.quit();
  });
});

describe('Settings: a list of its sections, and "Open folder" where the data lives', () => {
  const log = join(mkdtempSync(join(tmpdir(), 'taper-e2e-open-')), 'opened.txt');
  const profile = new Profile(undefined, { TAPER_TEST_OPEN_LOG: log });
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

  const current = () => app.exec(`return [...document.querySelectorAll('#settings-nav [aria-current="location"]')].map((b) => b.textContent)`);

  it('lists the sections, jumps to one from the keyboard, and marks the one in view', async () => {
    await app.click('#nav-settings');
    await app.waitFor('#settings-nav');
    assert.deepEqual(await app.texts('#settings-nav button'),
      ['Day', 'Units', 'Check-in', 'Symptoms', 'Appearance', 'Reminders', 'Data', 'Privacy']);
    assert.equal(await app.exec(`return document.querySelector('#settings-nav').getAttribute('aria-label')`), 'Settings sections');
    assert.deepEqual(await current(), ['Day']);
    // Tab from the screen's heading (where focus lands on opening Settings) reaches the list first.
    await app.exec(`document.querySelector('#settings-heading').focus()`);
    await app.keys('\uE004');
    assert.equal(await app.exec(`return document.activeElement.textContent`), 'Day');
    await app.exec(`document.querySelector('#settings-nav-privacy').focus()`);
    await app.keys(ENTER);
    await app.until('Privacy in view', async () => (await current()).join() === 'Privacy');
    assert.equal(await app.exec(`return document.activeElement.id`), 'settings-privacy-title');
    const geometry = await app.exec(`const nav = document.querySelector('#settings-nav').getBoundingClientRect();
      const card = document.querySelector('#settings-privacy-title').getBoundingClientRect();
      const content = document.querySelector('#content').getBoundingClientRect();
      return { navTop: nav.top - content.top, navBottom: nav.bottom, headingTop: card.top, scrolled: document.querySelector('#content').scrollTop };`);
    assert.ok(geometry.scrolled > 0, 'the page scrolled');
    assert.ok(Math.abs(geometry.navTop) <= 1, `the list stays at the top (${geometry.navTop})`);
    assert.ok(geometry.headingTop >= geometry.navBottom, 'the heading is not under the list');
    await app.screenshot('68-settings-nav-privacy-1200x800');
    // Scrolling by hand moves the mark.
    await app.exec(`document.querySelector('#content').scrollTop = 0`);
    await app.until('Day in view again', async () => (await current()).join() === 'Day');
    await app.exec(`document.querySelector('#settings-units-title').closest('.card').scrollIntoView({block: 'start'})`);
    await app.until('Units in view', async () => (await current()).join() === 'Units');
    await app.setSize(900, 600);
    await app.click('#settings-nav-data');
    await app.until('Data in view', async () => (await current()).join() === 'Data');
    const rows = await app.exec(`return document.querySelector('#settings-nav').getBoundingClientRect().height`);
    assert.ok(rows <= 64, `one row at 900x600 (${rows} px)`);
    await app.exec(`document.documentElement.dataset.theme = 'dark'`);
    await app.screenshot('68-settings-nav-data-900x600-dark');
    await app.exec(`document.documentElement.dataset.theme = 'light'`);
    await app.screenshot('68-settings-nav-data-900x600');
    await app.setSize(1200, 800);
  });

  it('opens the data folder in the file manager with "Open folder"', async () => {
    await app.click('#settings-nav-data');
    assert.equal(await app.text('#settings-open-folder'), 'Open folder');
    await app.click('#settings-open-folder');
    await app.until('the file manager was asked', async () => existsSync(log) && readFileSync(log, 'utf8').length > 0);
    assert.equal(readFileSync(log, 'utf8'), `open ${profile.dataDir}\n`);
    assert.equal(await app.exec(`return document.querySelector('#settings-open-folder-error').hidden`), true);
  });

  it('shows a file in its folder only when Taper saved it this session', async () => {
    const invoke = (cmd, args) => app.exec(`return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
      .then((v) => ({ ok: v }), (e) => ({ err: e }));`, cmd, args);
    const refused = await invoke('reveal_file', { path: profile.db });
    assert.deepEqual(refused.err, { code: 'not_found', message: 'Taper only shows files it saved itself in this session.', field: 'path' });
    const made = await invoke('back_up_now', {});
    assert.ok(made.ok?.path, 'a backup was made');
    const shown = await invoke('reveal_file', { path: made.ok.path });
    assert.deepEqual(shown, { ok: null });
    assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).pop(), `reveal ${made.ok.path}`);
  });
});

describe('Without a file manager', () => {
  // No stand-in and no session bus (the harness gives none): nothing can show the file.
  const profile = new Profile();
  let app;
  before(async () => {
    await startDisplay();
    app = await profile.launch();
  });
  after(async () => {
    await app?.quit();
    profile.stop();
    stopAll();
  });

  it('says so in words when a saved file cannot be shown, and the app carries on', async () => {
    const invoke = (cmd, args) => app.exec(`return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
      .then((v) => ({ ok: v }), (e) => ({ err: e }));`, cmd, args);
    const made = await invoke('back_up_now', {});
    assert.ok(made.ok?.path, 'a backup was made');
    const shown = await invoke('reveal_file', { path: made.ok.path });
    assert.equal(shown.err?.code, 'storage');
    assert.equal(shown.err?.field, 'path');
    assert.ok(shown.err?.message.startsWith(`No file manager could open ${made.ok.path} (`), shown.err?.message);
    await app.click('#nav-today');
    await app.waitFor('#dose-summary, #dose-none, #day-empty');
  });
});
