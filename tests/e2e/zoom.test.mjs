// End-to-end: text size. Ctrl+= / Ctrl+- / Ctrl+0 and Settings → Appearance → Text size change
// the webview's own zoom (the page sees a window that much smaller), the size is saved in the
// diary and applies at the next start. At 200 % in the default 1200x800 window (600x400 CSS px)
// and at 150 % in the smallest 900x600 one, on every screen and in the dose and check-in forms,
// every visible control can be reached (in the window, or by scrolling the part it is in), none
// is cut off by what holds it, and none is covered; screenshots in light and dark
// (target/e2e-screenshots/zoom-*).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDisplay, Profile, stopAll } from './harness.mjs';
import { seedDiary } from './seed.mjs';

const CTRL = '\uE009';
const ESC = '\uE00C';

const storedSize = (p) => {
  const v = p.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0] ?? '';
  const m = /"text_size":(\d+)/.exec(v);
  return m ? Number(m[1]) : null;
};

/**
 * Every visible control in `scope` that cannot be used: cut off by a parent that does not
 * scroll, its words cut (wider inside than shown), outside the window with nothing to scroll it
 * into view, or covered by something else once scrolled into view.
 */
async function unusable(app, scope) {
  return app.exec(`
    const scope = document.querySelector(arguments[0]);
    const sel = 'button, input:not([type=hidden]), select, textarea, a[href], [role=radio], [role=tab], [role=slider]';
    const name = (e) => (e.id ? '#' + e.id : e.localName + '.' + String(e.className).trim().split(/\\s+/).join('.')) + ' "' + (e.textContent || e.value || '').replace(/\\s+/g, ' ').trim().slice(0, 30) + '"';
    const scrolls = (e) => { const s = getComputedStyle(e); return /(auto|scroll)/.test(s.overflowX + s.overflowY); };
    const bad = [];
    let n = 0;
    for (const e of scope.querySelectorAll(sel)) {
      if (e.getClientRects().length === 0 || e.closest('[hidden]')) continue;
      const st = getComputedStyle(e);
      if (st.visibility === 'hidden' || parseFloat(st.opacity) === 0) continue;
      const r0 = e.getBoundingClientRect();
      // Visually hidden inputs drawn by their labels (checkboxes) are checked through the label.
      if (r0.width < 2 || r0.height < 2) continue;
      n++;
      // Words cut: a button or select whose content is wider than its box.
      if (e.matches('button, select') && e.scrollWidth > e.clientWidth + 1) bad.push(name(e) + ': words cut (' + e.scrollWidth + ' > ' + e.clientWidth + ')');
      // Cut off by an ancestor that hides its overflow and does not scroll; or sideways out of
      // the part that scrolls it (only the navigation bar, Settings' section list and the
      // plan's schedule table are meant to scroll sideways).
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (scrolls(p)) {
          const pr = p.getBoundingClientRect();
          const r = e.getBoundingClientRect();
          if (!p.matches('.rail, .section-nav ul, .schedule-scroll') && (r.left < pr.left - 1 || r.right > pr.right + 1))
            bad.push(name(e) + ': sideways out of ' + name(p));
          break;
        }
        if (!/(hidden|clip)/.test(ps.overflowX + ps.overflowY)) continue;
        const pr = p.getBoundingClientRect();
        const r = e.getBoundingClientRect();
        if (r.left < pr.left - 1 || r.right > pr.right + 1 || r.top < pr.top - 1 || r.bottom > pr.bottom + 1) {
          bad.push(name(e) + ': cut off by ' + name(p));
          break;
        }
      }
      // Reachable: scrolled into view, it is inside the window and nothing covers its middle.
      e.scrollIntoView({ block: 'center', inline: 'center' });
      const r = e.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 || r.left < -1 || r.bottom > window.innerHeight + 1 || r.top < -1) {
        // Taller or wider than the window is allowed as long as its middle is in view.
        const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
        if (cx < 0 || cx > window.innerWidth || cy < 0 || cy > window.innerHeight) { bad.push(name(e) + ': out of the window'); continue; }
      }
      const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 20), 0), window.innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      const label = e.id ? document.querySelector('label[for="' + e.id + '"]') : null;
      if (top && !(e.contains(top) || top.contains(e) || (label && label.contains(top)) || (e.labels && [...e.labels].some((l) => l.contains(top)))))
        bad.push(name(e) + ': covered by ' + name(top));
    }
    for (const s of [document.scrollingElement, document.querySelector('#content'), document.querySelector('dialog[open]')]) if (s) s.scrollTop = 0;
    for (const s of document.querySelectorAll('dialog[open] *')) if (s.scrollTop) s.scrollTop = 0;
    return { n, bad };`, scope);
}

/** Screenshots the content (or the open dialog's body) from top to bottom, a window at a time. */
async function shots(app, name, max = 5) {
  const scroller = `(() => { const d = document.querySelector('dialog[open] .dialog-body'); if (d && d.scrollHeight > d.clientHeight + 1) return d;
    const c = document.querySelector('#content'); return c && c.scrollHeight > c.clientHeight + 1 ? c : document.scrollingElement; })()`;
  await app.exec(`${scroller}.scrollTop = 0;`);
  await app.settle();
  await app.screenshot(name);
  for (let i = 1; i < max; i++) {
    const moved = await app.exec(`const s = ${scroller}; const before = s.scrollTop; s.scrollTop = before + s.clientHeight - 60; return s.scrollTop > before;`);
    if (!moved) break;
    await app.settle();
    await app.screenshot(`${name}-${i + 1}`);
  }
  await app.exec(`${scroller}.scrollTop = 0;`);
}

/** Visits every screen and the dose and check-in forms; the problems found, by place. */
async function visit(app, tag) {
  const problems = [];
  const check = async (where, scope) => {
    const r = await unusable(app, scope);
    assert.ok(r.n > 0, `${tag} ${where}: controls found`);
    if (r.bad.length) problems.push(`${tag} ${where}: ${r.bad.join('; ')}`);
  };
  for (const [nav, screen, wait] of [
    ['today', 'today', '#dose-summary'],
    ['taper', 'taper', '#taper-chart svg'],
    ['progress', 'progress', '#progress-chart-sleep svg'],
    ['share', 'share', '#share-preview > svg'],
    ['settings', 'settings', '#settings-text-size'],
  ]) {
    await app.openScreen(nav, screen);
    await app.waitFor(wait, 15000).catch(() => undefined);
    await app.settle();
    await shots(app, `zoom-${tag}-${screen}`);
    await check(screen, `#screen-${screen}`);
    await check(`${screen} (navigation)`, 'nav.rail');
  }
  // The plan form, from Taper.
  await app.openScreen('taper', 'taper');
  await app.click('#taper-new-plan');
  await app.waitFor('#screen-plan:not([hidden])');
  await app.settle();
  await shots(app, `zoom-${tag}-plan-form`, 6);
  await check('plan form', '#screen-plan');
  await app.click('#plan-cancel');
  await app.waitFor('#screen-taper:not([hidden])');
  await app.openScreen('help', 'help');
  await shots(app, `zoom-${tag}-help`, 3);
  await app.openScreen('today', 'today');
  await app.click('#log-dose');
  await app.waitFor('#dose-dialog[open] #dose-amount');
  await shots(app, `zoom-${tag}-dose-form`, 3);
  await check('dose form', '#dose-dialog');
  await app.keys(ESC);
  await app.waitGone('#dose-dialog[open]');
  await app.click('#check-in');
  await app.waitFor('#checkin-dialog[open] #checkin-craving');
  await shots(app, `zoom-${tag}-checkin-form`, 8);
  await check('check-in form', '#checkin-dialog');
  await app.keys(ESC);
  await app.waitGone('#checkin-dialog[open]');
  // A quick log's confirmation, with its Undo, in view and clear of the navigation.
  await app.click('#quick-amounts button.quick-dose');
  await app.waitFor('#toast-undo');
  await app.settle();
  await app.screenshot(`zoom-${tag}-toast`);
  assert.ok(await app.exec(`const r = document.querySelector('#toast-undo').getBoundingClientRect();
    const nav = document.querySelector('nav.rail').getBoundingClientRect();
    return r.top >= nav.bottom && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;`), `${tag}: Undo in view`);
  await app.click('#toast-undo');
  await app.waitGone('#toast-undo');
  return problems;
}

/**
 * WebKitWebDriver places its pointer clicks without the page's zoom (a click meant for Settings
 * lands on what is at 1/zoom of its place), so here a click is the element's own click().
 * A person's mouse is not affected; keys go to the focused element as usual.
 */
function clickWithoutPointer(app) {
  app.click = async (css) => {
    await app.waitFor(css);
    await app.exec(`document.querySelector(arguments[0]).click()`, css);
  };
  return app;
}

/** The page's width in CSS pixels is the window's divided by the zoom (give or take rounding). */
async function widthIs(app, px) {
  return Math.abs((await app.exec('return window.innerWidth')) - px) <= 1;
}

describe('text size', () => {
  const profile = new Profile();
  let app;

  before(async () => {
    await startDisplay();
    seedDiary(profile.dataDir);
    app = clickWithoutPointer(await profile.launch());
    await app.setSize(1200, 800);
  });

  after(async () => {
    await app?.quit();
    stopAll();
  });

  it('Ctrl+= and Ctrl+- step through the sizes, Ctrl+0 goes back; each is saved in the diary', async () => {
    assert.equal(await app.exec('return window.innerWidth'), 1200);
    assert.equal(storedSize(profile) ?? 100, 100, 'a new diary is at 100 %');
    await app.keys(`${CTRL}=${CTRL}`);
    await app.until('125 %', async () => (await app.exec('return window.innerWidth')) === 960);
    await app.until('saved', async () => storedSize(profile) === 125);
    for (let i = 0; i < 4; i++) await app.keys(`${CTRL}=${CTRL}`);
    await app.until('200 %, no further', async () => (await app.exec('return window.innerWidth')) === 600);
    await app.until('200 saved', async () => storedSize(profile) === 200);
    await app.keys(`${CTRL}-${CTRL}`);
    await app.until('175 %', async () => storedSize(profile) === 175);
    assert.ok(await widthIs(app, 1200 / 1.75), 'at 175 %');
    await app.keys(`${CTRL}0${CTRL}`);
    await app.until('100 %', async () => storedSize(profile) === 100);
    assert.equal(await app.exec('return window.innerWidth'), 1200);
    // It works with a dialog open too.
    await app.keys('d');
    await app.waitFor('#dose-dialog[open]');
    await app.keys(`${CTRL}=${CTRL}`);
    await app.until('125 % in the form', async () => (await app.exec('return window.innerWidth')) === 960);
    await app.keys(`${CTRL}0${CTRL}`);
    await app.until('back to 100 %', async () => (await app.exec('return window.innerWidth')) === 1200);
    await app.keys(ESC);
    await app.waitGone('#dose-dialog[open]');
  });

  it('Settings → Appearance → Text size sets it, and it applies at the next start', async () => {
    await app.openScreen('settings', 'settings');
    assert.equal(await app.exec(`return document.querySelector('#settings-text-size').value`), '100');
    assert.equal(await app.exec(`return document.querySelector('label[for=settings-text-size]').textContent`), 'Text size');
    await app.setValue('#settings-text-size', '150');
    await app.until('150 % saved', async () => storedSize(profile) === 150);
    await app.until('150 % shown', async () => (await app.exec('return window.innerWidth')) === 800);
    // Ctrl+= from Settings moves the select along with it.
    await app.keys(`${CTRL}=${CTRL}`);
    await app.until('175 %', async () => (await app.exec(`return document.querySelector('#settings-text-size').value`)) === '175');
    await app.setValue('#settings-text-size', '150');
    await app.until('150 % again', async () => storedSize(profile) === 150);
    await app.quit();
    app = clickWithoutPointer(await profile.launch());
    await app.setSize(1200, 800);
    await app.until('150 % at start', async () => (await app.exec('return window.innerWidth')) === 800);
    // Locked, the last size stays, and the keys still change it; unlocked, the diary's is back.
    await app.keys(`${CTRL}l${CTRL}`);
    await app.waitFor('#unlock-submit', 10000);
    assert.ok(await widthIs(app, 800), 'the lock screen at 150 %');
    await app.screenshot('zoom-150-locked');
    await app.keys(`${CTRL}0${CTRL}`);
    await app.until('100 % while locked', () => widthIs(app, 1200));
    await app.click('#unlock-submit');
    await app.waitFor('#dose-summary', 10000);
    await app.until('150 % again', () => widthIs(app, 800));
    assert.equal(storedSize(profile), 150);
  });

  // One pass per size, light at 200 % and dark at 150 %: the layout does not depend on the theme.
  it('at 200 % in a 1200x800 window every control on every screen and form can be used', async () => {
    await app.openScreen('settings', 'settings');
    await app.setValue('#settings-text-size', '200');
    await app.until('200 %', async () => (await app.exec('return window.innerWidth')) === 600);
    await app.useTheme('light');
    const problems = await visit(app, '200-light');
    assert.deepEqual(problems, []);
  });

  it('at 150 % in a 900x600 window the same holds (dark)', async () => {
    await app.setSize(900, 600);
    await app.openScreen('settings', 'settings');
    await app.setValue('#settings-text-size', '150');
    await app.until('150 %', async () => (await app.exec('return window.innerWidth')) === 600);
    await app.useTheme('dark');
    const problems = await visit(app, '150-900-dark');
    assert.deepEqual(problems, []);
    await app.setValue('#settings-text-size', '100');
    await app.useTheme('system');
  });
});
