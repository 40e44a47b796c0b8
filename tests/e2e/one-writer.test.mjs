// End-to-end: one writer swaps the diary file. With the app open, `taper restore` in a terminal
// is refused (it would put another file under the app's feet, and the app's next "Saved" would
// go into a file that is gone); a dose logged in the app afterwards is there after a restart.
// And the app is single-instance: a second launch hands over to the first and exits.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, APP, sessionBus } from './harness.mjs';

const TAPER = join(APP, '..', 'taper');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs the CLI on the diary in `dir`; returns {status, stdout, stderr, ms}. */
function cli(dir, ...args) {
  const started = performance.now();
  const r = spawnSync(TAPER, args, { env: { ...process.env, TAPER_DATA_DIR: dir }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** Starts the app binary directly (a second launch from the desktop); resolves with its exit
 * code, or null if it is still running after `ms`. */
async function launchDirectly(env, ms) {
  const child = spawn(APP, [], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const code = await Promise.race([
    new Promise((ok) => child.on('exit', (c) => ok(c))),
    sleep(ms).then(() => null),
  ]);
  if (code === null) child.kill('SIGTERM');
  return { code, stderr };
}

describe('One writer at a time', () => {
  before(startDisplay);
  const profiles = [];
  after(() => {
    profiles.forEach((p) => p.stop());
    stopAll();
  });

  it('refuses `taper restore` while the app is open, and the dose logged after it is kept', async () => {
    const profile = new Profile();
    profiles.push(profile);
    let app = await profile.launch();
    await app.logDose('2');
    const made = cli(profile.dataDir, 'backup');
    assert.equal(made.status, 0, `a backup to restore: ${made.stderr}`);
    await app.logDose('1.5');

    const restore = cli(profile.dataDir, 'restore', 'latest');
    assert.equal(restore.status, 4, restore.stderr);
    assert.match(restore.stderr, /storage \(busy\): Taper is open in another window; close it first/);
    assert.ok(restore.ms < 4000, `refused in ${restore.ms} ms`);
    assert.equal(cli(profile.dataDir, 'backup', 'list', '--json').stdout.match(/before_restore/g), null,
      'nothing was changed: no "before restore" backup either');

    await app.logDose('0.5');
    await app.until('three doses on Today', async () => (await app.count('#dose-list li')) === 3, 5000);
    await app.quit();
    const rows = () => profile.sql('SELECT amount_dg FROM dose WHERE deleted_at IS NULL ORDER BY id').map((r) => Number(r[0]));
    assert.deepEqual(rows(), [20, 15, 5]);

    app = await profile.launch();
    await app.until('three doses after a restart', async () => (await app.count('#dose-list li')) === 3, 5000);
    await app.quit();
    assert.deepEqual(rows(), [20, 15, 5], 'every dose the app said Saved is in the diary');

    // With the app closed, the same restore goes ahead.
    const later = cli(profile.dataDir, 'restore', 'latest');
    assert.equal(later.status, 0, later.stderr);
    assert.deepEqual(rows(), [20]);
  });

  it('shows what `taper` changed in a terminal without a click: a dose added, a backup imported with --replace', async () => {
    const profile = new Profile();
    profiles.push(profile);
    const app = await profile.launch();
    await app.logDose('2');
    const file = join(profile.dataDir, 'before.json');
    const exported = cli(profile.dataDir, 'export', 'json', '--out', file);
    assert.equal(exported.status, 0, exported.stderr);
    const added = cli(profile.dataDir, 'dose', 'add', '1.5');
    assert.equal(added.status, 0, added.stderr);
    await app.until('the terminal\'s dose on Today', async () => (await app.count('#dose-list li')) === 2, 10000);
    assert.match(await app.text('#dose-summary'), /^3\.5 g taken/);
    const replaced = cli(profile.dataDir, 'import', file, '--replace');
    assert.equal(replaced.status, 0, replaced.stderr);
    await app.until('the imported diary on Today', async () => (await app.count('#dose-list li')) === 1, 10000);
    assert.match(await app.text('#dose-summary'), /^2 g taken/);
    // And the window keeps saving into the same diary.
    await app.logDose('0.5');
    await app.quit();
    assert.deepEqual(profile.sql('SELECT amount_dg FROM dose WHERE deleted_at IS NULL ORDER BY id').map((r) => Number(r[0])), [20, 5]);
  });

  it('never lets an open Edit form overwrite what `taper` changed meanwhile', async () => {
    const profile = new Profile();
    profiles.push(profile);
    const app = await profile.launch();
    await app.logDose('2');
    await app.click('#dose-list li.dose-row:first-child .dose-edit');
    await app.waitFor('#dose-dialog[open] #dose-amount');
    const id = profile.sql('SELECT id FROM dose')[0][0];
    const edited = cli(profile.dataDir, 'dose', 'edit', id, '--note', 'changed in a terminal');
    assert.equal(edited.status, 0, edited.stderr);
    await app.clear('#dose-amount');
    await app.type('#dose-amount', '2.2');
    await app.click('#dose-save');
    await app.until('refused in the form', async () => /changed elsewhere/.test((await app.text('#dose-form-error')) ?? ''));
    await app.screenshot('45-edit-changed-elsewhere');
    assert.deepEqual(profile.sql('SELECT amount_dg, note FROM dose'), [['20', 'changed in a terminal']]);
    // Opened again, the dose as it is now saves.
    await app.click('#dose-cancel');
    await app.waitGone('#dose-dialog[open]');
    await app.click('#dose-list li.dose-row:first-child .dose-edit');
    await app.waitFor('#dose-dialog[open] #dose-amount');
    await app.clear('#dose-amount');
    await app.type('#dose-amount', '2.2');
    await app.click('#dose-save');
    await app.waitGone('#dose-dialog[open]');
    await app.until('saved', async () => profile.sql('SELECT amount_dg, note FROM dose')[0]?.[0] === '22');
    assert.deepEqual(profile.sql('SELECT amount_dg, note FROM dose'), [['22', 'changed in a terminal']]);
    await app.quit();
  });

  it('a second launch hands over to the open window and exits', async () => {
    const bus = await sessionBus();
    try {
      const profile = new Profile(undefined, { DBUS_SESSION_BUS_ADDRESS: bus.address });
      profiles.push(profile);
      const app = await profile.launch();
      const env = {
        ...process.env,
        TAPER_DATA_DIR: profile.dataDir,
        XDG_DATA_HOME: join(profile.dataDir, 'xdg-data'),
        XDG_CONFIG_HOME: join(profile.dataDir, 'xdg-config'),
        XDG_CACHE_HOME: join(profile.dataDir, 'xdg-cache'),
        DBUS_SESSION_BUS_ADDRESS: bus.address,
      };
      const second = await launchDirectly(env, 15000);
      assert.equal(second.code, 0, `the second launch exits once handed over (stderr: ${second.stderr})`);
      // The first window is still there and still works.
      await app.logDose('1');
      await app.until('the dose on Today', async () => (await app.count('#dose-list li')) === 1, 5000);
      await app.quit();
      await sleep(500);
      // Without a first window, a launch stays open: the exit above was the hand-over.
      const alone = await launchDirectly(env, 4000);
      assert.equal(alone.code, null, `a lone launch keeps running (stderr: ${alone.stderr})`);
    } finally {
      bus.stop();
    }
  });
});

describe('An app left open', () => {
  before(startDisplay);
  after(stopAll);

  it('makes the daily backup when one is due, not only at start', async () => {
    // Checks every 2 s instead of every hour; "a day has passed" is made by removing the
    // backups the start made.
    const profile = new Profile(undefined, { TAPER_BACKUP_CHECK_SECONDS: '2' });
    const app = await profile.launch();
    await app.logDose('2');
    const dir = join(profile.dataDir, 'backups');
    const autos = () => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('-auto.db')) : []);
    await app.until('the start-up backup', async () => autos().length === 1, 10000);
    for (const n of autos()) rmSync(join(dir, n));
    await app.until('a backup made while the app stays open', async () => autos().length === 1, 10000);
    await app.quit();
    profile.stop();
    const made = join(dir, autos()[0]);
    assert.equal(spawnSync('sqlite3', ['-readonly', made, 'SELECT amount_dg FROM dose']).stdout.toString().trim(), '20',
      'the backup holds the dose logged after the start');
  });
});
