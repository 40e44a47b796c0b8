// End-to-end: a diary on a read-only file system (bind-mounted read-only in a private mount
// namespace) opens view-only: a banner says so, the day is shown, a save is refused with a
// clear message in the form, and the file stays byte-identical.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, APP } from './harness.mjs';

const ENTER = '\uE007';

describe('A read-only diary', () => {
  const home = mkdtempSync(join(tmpdir(), 'taper-e2e-ro-'));
  const diary = join(home, 'diary');
  let profile;
  let app;
  let before_;

  before(async () => {
    await startDisplay();
    mkdirSync(diary);
    // The CLI (built beside the app) writes a dose while the folder is still writable.
    const taper = join(APP, '..', 'taper');
    execFileSync(taper, ['dose', 'add', '2.5', '--note', 'before it became read-only'], {
      env: { ...process.env, TAPER_DATA_DIR: diary },
    });
    before_ = readFileSync(join(diary, 'taper.db'));
    profile = new Profile(home, { TAPER_DATA_DIR: diary }, { readOnly: diary });
    app = await profile.launch();
  });

  after(async () => {
    await app?.quit();
    profile?.stop();
    stopAll();
  });

  it('opens view-only with a banner, and shows the diary', async () => {
    await app.waitFor('#view-only-banner');
    assert.match(await app.text('#view-only-banner'), /View only/);
    assert.match(await app.text('#dose-summary'), /2\.5 g/);
    await app.screenshot('60-view-only');
  });

  it('refuses a save with a clear message and writes nothing', async () => {
    await app.click('#log-dose');
    await app.waitFor('#dose-dialog[open] #dose-amount');
    await app.type('#dose-amount', '3');
    await app.keys(ENTER);
    await app.waitFor('#dose-form-error:not([hidden])');
    assert.match(await app.text('#dose-form-error'), /can only be read/);
    await app.screenshot('61-view-only-refused');
    await app.quit();
    app = undefined;
    assert.deepEqual(readFileSync(join(diary, 'taper.db')), before_, 'byte-identical');
    // The lock file was made with the diary, before its folder became read-only.
    assert.deepEqual(readdirSync(diary).sort(), ['.taper.db.lock', 'taper.db'], 'nothing created beside it');
  });
});
