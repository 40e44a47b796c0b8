// End-to-end: a diary on a read-only file system (bind-mounted read-only in a private mount
// namespace) opens view-only: a banner says so with its ways out (try again, export a copy), the
// day is shown, the buttons that would open a form are disabled with the reason (the keyboard's
// D says why instead), and the file stays byte-identical.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, APP } from './harness.mjs';

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

  it('offers no form that cannot save: the buttons are disabled with the reason', async () => {
    for (const id of ['#log-dose', '#check-in', '#cows-entry', '#add-medicine']) {
      assert.equal(await app.exec(`return document.querySelector(arguments[0]).disabled`, id), true, `${id} disabled`);
      assert.equal(await app.exec(`return document.querySelector(arguments[0]).getAttribute('aria-describedby')`, id), 'view-only-reason');
    }
    for (const cls of ['.dose-edit', '.dose-delete']) {
      assert.equal(await app.exec(`return document.querySelector(arguments[0]).disabled`, cls), true, `${cls} disabled`);
    }
    assert.match(await app.text('#view-only-reason'), /cannot be written to/);
    // The keyboard's way in says why instead of opening a form.
    await app.keys('d');
    await app.until('toast says why', async () => /View only/.test(await app.text('#toast-message')));
    assert.equal(await app.count('dialog[open]'), 0, 'no form opened');
    await app.screenshot('61-view-only-disabled');
  });

  it('gives the banner its ways out: try again (still read-only), export a copy', async () => {
    await app.click('#view-only-retry');
    await app.until('retry answered', async () => /still cannot be written/.test(await app.text('#view-only-status')));
    await app.click('#view-only-export');
    await app.waitFor('#screen-share:not([hidden])');
    await app.quit();
    app = undefined;
    assert.deepEqual(readFileSync(join(diary, 'taper.db')), before_, 'byte-identical');
    // The lock file was made with the diary, before its folder became read-only.
    assert.deepEqual(readdirSync(diary).sort(), ['.taper.db.lock', 'taper.db'], 'nothing created beside it');
  });
});
