// End-to-end: a diary the app cannot use gets a calm full-window message, and the file is
// left exactly as it was.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startDisplay, Profile, stopAll } from './harness.mjs';

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
    await app.screenshot('20-fatal-corrupt-1024x768');
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
});
