// End-to-end: a tour of every screen and dialog of a lived-in diary (seed.mjs: three weeks of
// doses, check-ins, medicines and a taper plan), in the light and dark themes and at the
// default 1200x800 and the smallest 900x600 window. Each screen is screenshotted top to bottom
// (target/e2e-screenshots/tour-*), and the checks are what a person sees: the main actions in
// view, nothing covered, nothing clipped sideways.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDisplay, Profile, stopAll } from './harness.mjs';
import { seedDiary } from './seed.mjs';

/** Screenshots the screen from top to bottom, one viewport at a time (at most `max`). */
async function shots(app, name, max = 4) {
  const scroller = `(document.querySelector('#content') && document.querySelector('#content').scrollHeight > document.querySelector('#content').clientHeight + 1 ? document.querySelector('#content') : document.scrollingElement)`;
  await app.exec(`${scroller}.scrollTop = 0;`);
  await app.settle();
  await app.screenshot(name);
  for (let i = 1; i < max; i++) {
    const moved = await app.exec(`const s = ${scroller}; const before = s.scrollTop; s.scrollTop = before + s.clientHeight - 80; return s.scrollTop > before;`);
    if (!moved) break;
    await app.settle();
    await app.screenshot(`${name}-${i + 1}`);
  }
  await app.exec(`${scroller}.scrollTop = 0;`);
}

/** Nothing on the page is wider than the window (no sideways scrolling, nothing cut off). */
async function noSidewaysOverflow(app, where) {
  const over = await app.exec(`
    const w = document.documentElement.clientWidth;
    return [document.scrollingElement, document.querySelector('#content'), document.querySelector('dialog[open]')]
      .filter((e) => e && e.scrollWidth > e.clientWidth + 1).map((e) => e.id || e.tagName);`);
  assert.deepEqual(over, [], `${where}: wider than the window`);
}

/** The element is inside the window without scrolling. */
async function inView(app, css) {
  return app.exec(`const r = document.querySelector(arguments[0]).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;`, css);
}

async function tour(app, tag) {
  await app.openScreen('today', 'today');
  await app.waitFor('#dose-summary');
  await shots(app, `tour-${tag}-01-today`);
  await noSidewaysOverflow(app, 'Today');
  // Both main actions in view at the top of Today, at every window size.
  assert.ok(await inView(app, '#log-dose'), `${tag}: Log dose in view`);
  assert.ok(await inView(app, '#check-in'), `${tag}: Check in in view`);
  // The designed order: Doses, Check-ins, Plan, Other medicines.
  assert.deepEqual(await app.exec(`return [...document.querySelectorAll('#screen-today > section.card:not([hidden])')].map((c) => c.id)`),
    ['doses-card', 'checkins-card', 'plan-card', 'medicines-card']);

  await app.click('#log-dose');
  await app.waitFor('#dose-dialog[open] #dose-amount');
  await shots(app, `tour-${tag}-02-dose-dialog`, 2);
  await app.closeDialog();

  await app.click('#check-in');
  await app.waitFor('dialog[open] #checkin-craving');
  await shots(app, `tour-${tag}-03-checkin-dialog`, 1);
  await app.exec(`for (const e of document.querySelectorAll('dialog[open], dialog[open] *')) e.scrollTop = 100000;`);
  await app.settle();
  await app.screenshot(`tour-${tag}-03-checkin-dialog-end`);
  await app.closeDialog();

  await app.click('#add-medicine');
  await app.waitFor('dialog[open] #medicine-name');
  await shots(app, `tour-${tag}-04-medicine-dialog`, 1);
  await app.closeDialog();

  await app.openScreen('taper', 'taper');
  await shots(app, `tour-${tag}-05-taper`);
  await noSidewaysOverflow(app, 'Taper');
  await app.click('#step-back');
  await app.waitFor('dialog[open] #step-back-days');
  await shots(app, `tour-${tag}-06-step-back`, 1);
  await app.closeDialog();
  await app.click('#taper-new-plan');
  await app.waitFor('#screen-plan');
  await app.settle();
  await shots(app, `tour-${tag}-07-plan-form`);
  await app.click('#plan-cancel');
  await app.waitFor('#screen-taper');

  await app.openScreen('progress', 'progress');
  await app.until('charts drawn', async () =>
    (await app.exec(`return document.querySelectorAll('#screen-progress svg').length`)) >= 3, 15000);
  await shots(app, `tour-${tag}-08-progress`, 6);
  await noSidewaysOverflow(app, 'Progress');

  await app.openScreen('share', 'share');
  await app.until('preview drawn', async () =>
    (await app.exec(`return !!document.querySelector('#share-preview > svg')`)), 15000);
  await shots(app, `tour-${tag}-09-share`, 5);
  await noSidewaysOverflow(app, 'Share');

  await app.openScreen('settings', 'settings');
  await shots(app, `tour-${tag}-10-settings`, 8);
  await noSidewaysOverflow(app, 'Settings');

  await app.openScreen('help', 'help');
  await shots(app, `tour-${tag}-11-help`, 3);
  await app.openScreen('today', 'today');
}

describe('a tour of a lived-in diary', () => {
  let profile;
  let app;

  before(async () => {
    await startDisplay();
    profile = new Profile();
    seedDiary(profile.dataDir);
    app = await profile.launch();
  });

  after(async () => {
    await app?.quit();
    stopAll();
  });

  it('every screen and dialog, light, 1200x800', async () => {
    await app.setSize(1200, 800);
    await app.useTheme('light');
    await tour(app, 'light');
  });

  it('every screen and dialog, dark, 1200x800', async () => {
    await app.useTheme('dark');
    await tour(app, 'dark');
  });

  it('every screen and dialog, dark and light, 900x600', async () => {
    await app.setSize(900, 600);
    await tour(app, 'dark-900');
    await app.useTheme('light');
    await tour(app, 'light-900');
  });

  it('quick-log chips know the plan: the rest of the day\'s plan first, the ones that would go over say so', async () => {
    await app.openScreen('today', 'today');
    // What is left depends on the hour (before the day-start hour, yesterday's doses count).
    const left = Number(/([\d.]+) g left/.exec(await app.text('#dose-summary'))[1]);
    const chips = await app.texts('#quick-amounts button.quick-dose');
    assert.match(chips[0], new RegExp(`^Log ${left} g .*rest of today's plan`));
    for (const c of chips.slice(1)) {
      const g = Number(/Log ([\d.]+) g/.exec(c)[1]);
      assert.equal(/over plan/.test(c), g > left, `${c} (${left} g left)`);
    }
    const before = Number(profile.sql('SELECT count(*) FROM dose WHERE deleted_at IS NULL')[0][0]);
    await app.click('#quick-amounts button.quick-dose');
    await app.until('logged', async () => Number(profile.sql('SELECT count(*) FROM dose WHERE deleted_at IS NULL')[0][0]) === before + 1);
    assert.deepEqual(profile.sql('SELECT amount_dg FROM dose WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1'), [[String(Math.round(left * 10))]]);
    await app.until('on target', async () => /on target/.test(await app.text('#dose-summary')));
    assert.ok((await app.texts('#quick-amounts .quick-note')).every((n) => /over plan/.test(n)), 'at the target every chip says it goes over');

    // The confirmation sits clear of the content, and goes when the person moves on.
    await app.waitFor('#toast.open');
    const overlap = await app.exec(`const t = document.querySelector('#toast').getBoundingClientRect();
      const c = document.querySelector('#content').getBoundingClientRect();
      return t.right > c.left && t.left < c.right && t.bottom > c.top && t.top < c.bottom;`);
    assert.equal(overlap, false, 'the toast does not cover the content');
    await app.settle();
    await app.screenshot('tour-toast-in-rail');
    await app.click('#nav-progress');
    await app.waitGone('#toast.open');
  });
});
