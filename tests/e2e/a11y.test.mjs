// End-to-end: an accessibility audit with axe-core, injected into the real app on every screen
// and dialog of a lived-in diary, in the light and dark themes. No serious or critical
// violation may remain (nor on the first-start onboarding's steps); the full report (every impact) is saved beside the screenshots as
// axe-report.json.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll, SHOTS } from './harness.mjs';
import { seedDiary } from './seed.mjs';

const require = createRequire(join(import.meta.dirname, '..', '..', 'ui', 'package.json'));
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on what is on screen now; returns its violations, each with where it was seen. */
async function audit(app, where) {
  if (!(await app.exec('return typeof window.axe === "object"'))) {
    await app.exec(`${AXE}\n;window.axe = axe; return true;`);
  }
  const found = await app.exec(`
    return axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    })));`);
  return found.map((v) => ({ where, ...v }));
}

/** Every screen and dialog, audited. */
async function auditAll(app, theme) {
  const out = [];
  const look = async (name) => out.push(...(await audit(app, `${theme}: ${name}`)));
  await app.openScreen('today', 'today');
  await app.waitFor('#dose-summary');
  await look('Today');
  for (const [button, ready, name] of [
    ['#log-dose', '#dose-dialog[open] #dose-amount', 'dose form'],
    ['#check-in', 'dialog[open] #checkin-craving', 'check-in form'],
    ['#cows-entry', 'dialog[open]', 'COWS form'],
    ['#add-medicine', 'dialog[open] #medicine-name', 'medicine form'],
  ]) {
    await app.click(button);
    await app.waitFor(ready);
    await app.settle();
    await look(name);
    await app.closeDialog();
  }
  await app.openScreen('taper', 'taper');
  await look('Taper');
  await app.click('#step-back');
  await app.waitFor('dialog[open] #step-back-days');
  await look('step back');
  await app.closeDialog();
  await app.click('#taper-new-plan');
  await app.waitFor('#screen-plan');
  await app.settle();
  await look('plan form');
  await app.click('#plan-cancel');
  await app.openScreen('progress', 'progress');
  await app.until('charts drawn', async () =>
    (await app.exec(`return document.querySelectorAll('#screen-progress svg').length`)) >= 3, 15000);
  await look('Progress');
  await app.openScreen('share', 'share');
  await app.until('preview drawn', async () => await app.exec(`return !!document.querySelector('#share-preview > svg')`), 15000);
  await look('Share');
  await app.openScreen('settings', 'settings');
  await look('Settings');
  await app.openScreen('help', 'help');
  await look('Get help');
  return out;
}

/** Everything found, in both describes: written as the report after the last. */
const all = [];

describe('an accessibility audit (axe-core) of the first-start onboarding', () => {
  let app;

  before(async () => {
    await startDisplay();
    app = await new Profile().launch({ onboarding: true });
  });

  after(async () => {
    await app?.quit();
  });

  it('finds no serious or critical violation on any step, light and dark', async () => {
    const found = [];
    for (let step = 1; step <= 4; step++) {
      await app.until(`step ${step}`, async () => (await app.text('#onboarding-progress')) === `Step ${step} of 4`, 10000);
      for (const theme of ['light', 'dark']) {
        await app.exec('document.documentElement.dataset.theme = arguments[0]', theme);
        await app.settle();
        found.push(...(await audit(app, `${theme}: onboarding step ${step}`)));
      }
      if (step < 4) await app.click('#onboarding-next');
    }
    all.push(...found);
    const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target).join(', ')}`), []);
  });
});

describe('an accessibility audit (axe-core)', () => {
  let profile;
  let app;

  before(async () => {
    await startDisplay();
    profile = new Profile();
    seedDiary(profile.dataDir);
    app = await profile.launch();
  });

  after(async () => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'axe-report.json'), JSON.stringify(all, null, 2));
    await app?.quit();
    stopAll();
  });

  for (const theme of ['light', 'dark']) {
    it(`finds no serious or critical violation on any screen or dialog, ${theme}`, async () => {
      await app.useTheme(theme);
      const found = await auditAll(app, theme);
      all.push(...found);
      const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad.map((v) => `${v.where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target).join(', ')}`), []);
    });
  }
});
