// End-to-end: a diary the app cannot use gets a calm full-window message with ways out (try
// again, start again from a backup, open another diary file), and the file is left exactly as
// it was.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, APP } from './harness.mjs';

const TAPER = join(APP, '..', 'taper');

/** Runs the CLI (built beside the app) on the diary in `dir`. */
function cli(dir, ...args) {
  return execFileSync(TAPER, args, { env: { ...process.env, TAPER_DATA_DIR: dir }, encoding: 'utf8' });
}

/**
 * Another program holding the diary: the sqlite3 shell in the middle of a write (`writing`),
 * or in exclusive locking mode, where not even reading is possible. Ends when its stdin does.
 */
async function holdLock(db, { writing } = {}) {
  const shell = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'inherit'] });
  const take = writing ? 'BEGIN IMMEDIATE;' : 'PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;';
  shell.stdin.write(`${take}\nSELECT 'held';\n`);
  await new Promise((ok, fail) => {
    shell.stdout.on('data', (d) => { if (String(d).includes('held')) ok(); });
    shell.on('exit', (code) => fail(new Error(`sqlite3 exited (${code})`)));
  });
  return shell;
}

/** Waits for the window's new layout to be painted, then checks `css` is centred in it. */
async function centred(app, css, where) {
  await app.exec(`return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(true), 250))));`);
  const r = await app.exec(`const b = document.querySelector(arguments[0]).getBoundingClientRect();
    return { left: b.left, right: innerWidth - b.right, top: b.top, bottom: innerHeight - b.bottom };`, css);
  assert.ok(Math.abs(r.left - r.right) <= 2, `${where}: centred across (left ${r.left}, right ${r.right})`);
  if (r.top >= 0 && r.bottom >= 0) assert.ok(Math.abs(r.top - r.bottom) <= 2, `${where}: centred up and down (top ${r.top}, bottom ${r.bottom})`);
  else assert.ok(r.top >= 0, `${where}: a card taller than the window starts at its top`);
}

describe('A diary Taper cannot use', () => {
  before(startDisplay);
  const profiles = [];
  after(() => {
    profiles.forEach((p) => p.stop());
    stopAll();
  });

  it('refuses a file that is not a database and leaves it untouched', async () => {
    const profile = new Profile();
    profiles.push(profile);
    const garbage = Buffer.from('These are my notes, not a database. '.repeat(200));
    writeFileSync(profile.db, garbage);
    const app = await profile.launch();
    await app.waitFor('#fatal-error');
    assert.match(await app.text('#fatal-message'), /damaged or is not a Taper diary/);
    // No backups: one plain line, no heading offering to start again from one.
    await app.waitFor('#trouble-no-backups');
    assert.equal(await app.text('#trouble-no-backups'), 'There are no backups of this diary on this computer to start again from.');
    assert.equal(await app.count('#trouble-backups h2'), 0);
    // The file's path once (the message names it), not again on a line of its own.
    assert.equal(await app.exec(`return document.querySelector('#trouble-file').hidden`), true);
    const text = await app.exec(`return document.querySelector('#fatal-error').innerText`);
    assert.equal(text.split(profile.db).length - 1, 1, 'the path is shown once');
    for (const [w, h_] of [[1200, 800], [900, 600]]) {
      await app.setSize(w, h_);
      await centred(app, '.fatal-card', `trouble ${w}x${h_}`);
      await app.screenshot(`20-fatal-corrupt-${w}x${h_}`);
      await app.exec(`document.documentElement.dataset.theme = 'dark'`);
      await app.screenshot(`20-fatal-corrupt-${w}x${h_}-dark`);
      await app.exec(`document.documentElement.dataset.theme = 'light'`);
    }
    await app.quit();
    assert.deepEqual(readFileSync(profile.db), garbage);
  });

  it('refuses a diary from a newer Taper and leaves it untouched', async () => {
    const profile = new Profile();
    profiles.push(profile);
    execFileSync('sqlite3', [profile.db, 'CREATE TABLE future (x); PRAGMA user_version = 99;']);
    const before = readFileSync(profile.db);
    const app = await profile.launch();
    await app.waitFor('#fatal-error');
    assert.match(await app.text('#fatal-message'), /newer version of Taper/);
    await app.quit();
    assert.deepEqual(readFileSync(profile.db), before);
  });

  it('puts a backup in place of a damaged diary and keeps the damaged file aside, unchanged', async () => {
    const profile = new Profile();
    profiles.push(profile);
    cli(profile.dataDir, 'dose', 'add', '3', '--note', 'kept in the backup');
    cli(profile.dataDir, 'backup');
    const garbage = Buffer.from('Scribbled over by something else. '.repeat(300));
    writeFileSync(profile.db, garbage);
    const app = await profile.launch();
    await app.waitFor('#fatal-error');
    assert.match(await app.text('#fatal-message'), /damaged or is not a Taper diary/);
    assert.match(await app.text('#trouble-file'), /taper\.db/);
    await app.waitFor('#trouble-backup-list .trouble-restore');
    assert.equal(await app.count('#trouble-backup-list li'), 1);
    await app.setSize(1024, 768);
    await app.screenshot('21-trouble-restore-1024x768');
    await app.click('#trouble-backup-list .trouble-restore');
    await app.waitFor('#dose-summary', 10000);
    assert.match(await app.text('#dose-summary'), /3 g/);
    assert.match(await app.text('#toast-message'), /kept, unchanged, at .*taper\.db\.unopened-/);
    await app.quit();
    const aside = readdirSync(profile.dataDir).filter((n) => n.startsWith('taper.db.unopened-'));
    assert.equal(aside.length, 1);
    assert.deepEqual(readFileSync(join(profile.dataDir, aside[0])), garbage);
  });

  it('offers the backups, not a first start, when the diary file is missing but its backups are there', async () => {
    const profile = new Profile();
    profiles.push(profile);
    cli(profile.dataDir, 'dose', 'add', '2.5', '--note', 'kept in the backup');
    cli(profile.dataDir, 'backup');
    for (const side of ['', '-wal', '-shm']) rmSync(profile.db + side, { force: true });
    let app = await profile.launch({ gate: true });
    await app.waitFor('#fatal-error');
    assert.match(await app.text('#fatal-message'), /missing or empty .* found a backup of it/);
    await app.waitFor('#trouble-backup-list .trouble-restore');
    assert.equal(await app.count('#welcome-plain'), 0, 'no first start over the backups');
    assert.equal(await app.exec(`return document.querySelector('#trouble-retry').hidden`), true);
    await app.waitFor('#trouble-start-new');
    assert.equal(await app.text('#fatal-title'), 'Your diary file is missing');
    await app.setSize(900, 600);
    await app.exec('window.scrollTo(0, 0)');
    await centred(app, '.fatal-card', 'missing diary 900x600');
    await app.screenshot('22-trouble-missing-900x600');
    await app.exec(`document.documentElement.dataset.theme = 'dark'`);
    await app.screenshot('22-trouble-missing-900x600-dark');
    await app.exec(`document.documentElement.dataset.theme = 'light'`);
    await app.click('#trouble-backup-list .trouble-restore');
    await app.waitFor('#dose-summary', 10000);
    assert.match(await app.text('#dose-summary'), /2\.5 g/);
    await app.quit();
    assert.deepEqual(profile.sql('SELECT note FROM dose'), [['kept in the backup']]);

    // "Start a new, empty diary" goes to the first start; the backups stay.
    for (const side of ['', '-wal', '-shm']) rmSync(profile.db + side, { force: true });
    app = await profile.launch({ gate: true });
    await app.click('#trouble-start-new');
    await app.waitFor('#welcome-plain', 10000);
    await app.click('#welcome-plain');
    await app.skipOnboarding();
    await app.quit();
    assert.deepEqual(profile.sql('SELECT count(*) FROM dose'), [['0']]);
    assert.ok(readdirSync(join(profile.dataDir, 'backups')).some((n) => n.endsWith('-manual.db')), 'the backups stay');
  });

  it('says a locked diary is locked, and Try again opens it once it is let go', async () => {
    const profile = new Profile();
    profiles.push(profile);
    cli(profile.dataDir, 'dose', 'add', '2.5');
    const shell = await holdLock(profile.db);
    let app;
    try {
      app = await profile.launch();
      await app.waitFor('#fatal-error');
      assert.match(await app.text('#fatal-message'), /locked by another program/);
      assert.equal(await app.count('#trouble-backup-list'), 0, 'no restore over a diary that is only locked');
      await app.click('#trouble-retry');
      await app.waitFor('#trouble-status');
      assert.match(await app.text('#trouble-status'), /locked by another program/);
    } finally {
      shell.stdin.end();
      await new Promise((ok) => shell.on('exit', ok));
    }
    await app.click('#trouble-retry');
    await app.waitFor('#dose-summary', 10000);
    assert.match(await app.text('#dose-summary'), /2\.5 g/);
    await app.quit();
  });

  it('opens another diary file for the session when asked, leaving the newer one alone', async () => {
    const other = mkdtempSync(join(tmpdir(), 'taper-e2e-other-'));
    cli(other, 'dose', 'add', '4.5');
    const profile = new Profile(undefined, { TAPER_TEST_OPEN_FILE: join(other, 'taper.db') });
    profiles.push(profile);
    execFileSync('sqlite3', [profile.db, 'CREATE TABLE future (x); PRAGMA user_version = 99;']);
    const before = readFileSync(profile.db);
    const app = await profile.launch();
    await app.waitFor('#fatal-error');
    await app.waitFor('#trouble-no-backups');
    await app.click('#trouble-open-other');
    await app.waitFor('#dose-summary', 10000);
    assert.match(await app.text('#dose-summary'), /4\.5 g/);
    assert.match(await app.text('#toast-message'), /for this session/);
    await app.quit();
    assert.deepEqual(readFileSync(profile.db), before);
  });

  it('keeps an entry that could not be saved on screen, unsaved, with Retry', async () => {
    const profile = new Profile();
    profiles.push(profile);
    let app = await profile.launch();
    await app.setSize(1024, 768);
    const shell = await holdLock(profile.db, { writing: true });
    try {
      await app.click('#log-dose');
      await app.waitFor('#dose-dialog[open] #dose-amount');
      await app.type('#dose-amount', '3.5');
      await app.type('#dose-note', 'saved on the second try');
      await app.click('#dose-save');
      await app.until('marked unsaved', async () => (await app.text('#dose-save')) === 'Retry', 10000);
      assert.match(await app.text('#dose-form-error'), /^Not saved\. The diary stayed locked by another program/);
      assert.equal(await app.exec(`return document.querySelector('#dose-amount').value`), '3.5', 'kept as typed');
      assert.equal(await app.count('#dose-dialog[open]'), 1);
      await app.screenshot('22-unsaved-retry-1024x768');
      assert.equal(profile.sql('SELECT count(*) FROM dose')[0][0], '0');
    } finally {
      shell.stdin.end();
      await new Promise((ok) => shell.on('exit', ok));
    }
    await app.click('#dose-save');
    await app.waitGone('#dose-dialog[open]');
    assert.match(await app.text('#toast-message'), /Saved/);
    await app.quit();
    app = await profile.launch();
    assert.match(await app.text('#dose-summary'), /3\.5 g/);
    assert.deepEqual(profile.sql('SELECT amount_dg, note FROM dose'), [['35', 'saved on the second try']]);
    await app.quit();
  });
});
