// The installed package, used as a person would on a fresh data folder: run with
// TAPER_APP_BIN pointing at the installed app (scripts/test-package.sh does). First start,
// one dose logged, the diary file checked; then the installed `taper` command reads it.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, APP } from '../e2e/harness.mjs';

const TAPER = join(APP, '..', 'taper');

describe('The installed package', () => {
  before(startDisplay);
  let profile;
  after(() => {
    profile?.stop();
    stopAll();
  });

  it('starts on a fresh data folder, logs a dose, and its command line reads it', async () => {
    profile = new Profile();
    const app = await profile.launch();
    await app.logDose('2.5');
    await app.until('the dose is in the diary file', () => profile.sql('SELECT amount_dg FROM dose').length === 1);
    assert.deepEqual(profile.sql('SELECT amount_dg FROM dose'), [['25']]);
    await app.until('the dose is listed on Today', async () => (await app.count('#dose-list li.dose-row')) === 1);
    await app.screenshot('90-installed-package-today');
    await app.quit();
    const listed = execFileSync(TAPER, ['dose', 'list', '--json'], {
      env: { ...process.env, TAPER_DATA_DIR: profile.dataDir },
      encoding: 'utf8',
    });
    assert.equal(JSON.parse(listed).dose_count, 1, listed);
  });
});
