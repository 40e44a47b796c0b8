// End-to-end: the contrast of every control, measured in the real app (WCAG 2.1 AA). On every
// screen (Today, Taper, Progress, Share, Settings, Get help), the plan form and the dialogs, in
// the light and dark themes, each visible button, input, select, textarea, checkbox and radio is
// checked:
// - its boundary (WCAG 1.4.11, non-text contrast): the border colour against the background
//   behind the control, at least 3:1; a borderless control with a fill of its own: the fill
//   against the background, at least 3:1; a control with neither is a text button, whose words
//   are its boundary;
// - its words (WCAG 1.4.3): the text colour against the control's own fill, at least 4.5:1
//   (3:1 for large text: 24 px, or 18.7 px bold);
// - checkboxes, radios and selects are drawn by Taper (appearance: none), not by the system's
//   theme, whose colours the page does not choose (and which look disabled in the light theme
//   and glare white in the dark one).
// Disabled controls are exempt (WCAG 1.4.11). The background behind a control is found by walking
// up its ancestors and compositing their background colours.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll } from './harness.mjs';
import { cli, dayBack, seedDiary } from './seed.mjs';

/**
 * Runs in the page: every failing control under `root` (a CSS selector; the open dialog when
 * there is one), as `{what, check, ratio, need, colours}`.
 */
const MEASURE = String.raw`
const rootSel = arguments[0];
/** "rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)" or "color(srgb 0.1 0.2 0.3 / 0.5)" as [r, g, b, a] (0-255, 0-1). */
function parse(c) {
  let m = /^rgba?\(([^)]+)\)$/.exec(c);
  if (m) {
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  m = /^color\(srgb ([^)]+)\)$/.exec(c);
  if (m) {
    const p = m[1].split(/[\s\/]+/).filter(Boolean).map(Number);
    return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
  }
  return null;
}
/** \`top\` painted over the opaque \`bottom\`. */
function over(top, bottom) {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
}
/** WCAG 2.1 relative luminance of an opaque sRGB colour. */
function luminance(c) {
  const [r, g, b] = [0, 1, 2].map((i) => {
    const s = c[i] / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** WCAG contrast ratio of two opaque colours, 1 to 21. */
function contrast(x, y) {
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}
/** The opaque colour behind \`el\`: its ancestors' backgrounds composited, the page's canvas last. */
function behind(el) {
  const layers = [];
  for (let e = el.parentElement; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c[3] > 0) {
      layers.push(c);
      if (c[3] >= 1) break;
    }
  }
  const dark = document.documentElement.dataset.theme === 'dark';
  let base = dark ? [0, 0, 0, 1] : [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
  return base;
}
const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
function describe(el) {
  const words = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 30);
  const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
  const type = el.type && el.tagName === 'INPUT' ? '[type=' + el.type + ']' : '';
  return el.tagName.toLowerCase() + type + (el.id ? '#' + el.id : '') + cls + (words ? ' "' + words + '"' : '');
}
function visible(el) {
  if (el.closest('[inert]')) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 4 || r.height < 4) return false;
  const s = getComputedStyle(el);
  return s.visibility !== 'hidden' && Number(s.opacity) > 0;
}
const TEXT_INPUTS = new Set(['text', 'number', 'password', 'search', 'email', 'tel', 'url', 'date', 'time', 'datetime-local']);
const root = document.querySelector('dialog[open]') || document.querySelector(rootSel) || document.body;
const out = [];
for (const el of root.querySelectorAll('button, input, select, textarea')) {
  if (el.type === 'hidden' || el.disabled || !visible(el)) continue;
  const s = getComputedStyle(el);
  const back = behind(el);
  const fill = over(parse(s.backgroundColor) || [0, 0, 0, 0], back);
  const what = describe(el);
  const toggle = el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio');
  const appearance = s.appearance || s.webkitAppearance;
  if ((toggle || el.tagName === 'SELECT') && appearance !== 'none') {
    out.push({ what, check: 'drawn by the system theme (appearance: ' + appearance + ')', ratio: 0, need: 0, colours: '' });
    continue;
  }
  // The boundary: the border where there is one, else the control's own fill.
  const sides = ['Top', 'Right', 'Bottom', 'Left'].filter((side) =>
    s['border' + side + 'Style'] !== 'none' && parseFloat(s['border' + side + 'Width']) >= 1 && (parse(s['border' + side + 'Color']) || [0, 0, 0, 0])[3] > 0);
  if (sides.length > 0) {
    let worst = null;
    for (const side of sides) {
      const colour = over(parse(s['border' + side + 'Color']), back);
      const ratio = contrast(colour, back);
      if (!worst || ratio < worst.ratio) worst = { ratio, colour };
    }
    if (worst.ratio < 3) out.push({ what, check: 'border', ratio: worst.ratio, need: 3, colours: hex(worst.colour) + ' on ' + hex(back) });
  } else if (contrast(fill, back) > 1.05) {
    const ratio = contrast(fill, back);
    if (ratio < 3) out.push({ what, check: 'fill', ratio, need: 3, colours: hex(fill) + ' on ' + hex(back) });
  }
  // The words in it.
  const hasText = el.tagName === 'BUTTON' ? el.textContent.trim() !== ''
    : el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' ? true
    : TEXT_INPUTS.has(el.type);
  if (hasText) {
    const colour = over(parse(s.color) || [0, 0, 0, 1], fill);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const ratio = contrast(colour, fill);
    if (ratio < need) out.push({ what, check: 'text', ratio, need, colours: hex(colour) + ' on ' + hex(fill) });
  }
}
return out;
`;

/** Every control on the current screen (or in the open dialog) that fails, with where it was. */
async function measure(app, where, found, root = 'main') {
  await app.exec(`return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(true), 150))));`);
  const fails = await app.exec(MEASURE, root);
  const counted = await app.exec(`const r = document.querySelector('dialog[open]') || document.querySelector(arguments[0]) || document.body;
    return r.querySelectorAll('button, input, select, textarea').length;`, root);
  assert.ok(counted > 0, `${where}: no controls found to measure`);
  for (const f of fails) found.push(`${where}: ${f.what}: ${f.check}${f.need ? ` ${f.ratio.toFixed(2)}:1 < ${f.need}:1 (${f.colours})` : ''}`);
}

/** Walks every screen and dialog, measuring each; the failures are added to `found`. */
async function walk(app, tag, found) {
  await app.openScreen('today', 'today');
  await app.waitFor('#dose-summary');
  await measure(app, `${tag} Today`, found);

  await app.click('#log-dose');
  await app.waitFor('#dose-dialog[open] #dose-amount');
  await measure(app, `${tag} dose dialog`, found);
  // With an error: the field's border and the error line.
  await app.setValue('#dose-amount', 'lots');
  await app.click('#dose-save');
  await app.waitFor('#dose-dialog[open] #dose-amount[aria-invalid="true"]');
  await measure(app, `${tag} dose dialog with an error`, found);
  await app.screenshot(`contrast-${tag}-dose-error`);
  await app.closeDialog();

  await app.click('#check-in');
  await app.waitFor('dialog[open] #checkin-craving');
  await measure(app, `${tag} check-in dialog`, found);
  await app.closeDialog();

  await app.click('#add-medicine');
  await app.waitFor('dialog[open] #medicine-name');
  await measure(app, `${tag} medicine dialog`, found);
  await app.closeDialog();

  await app.openScreen('taper', 'taper');
  await measure(app, `${tag} Taper`, found);
  await app.click('#step-back');
  await app.waitFor('dialog[open] #step-back-days');
  await measure(app, `${tag} step-back dialog`, found);
  await app.closeDialog();
  await app.click('#taper-new-plan');
  await app.waitFor('#screen-plan:not([hidden])');
  await measure(app, `${tag} plan form`, found);
  await app.click('#plan-cancel');
  await app.waitFor('#screen-taper:not([hidden])');

  await app.openScreen('progress', 'progress');
  await app.until('charts drawn', async () =>
    (await app.exec(`return document.querySelectorAll('#screen-progress svg').length`)) >= 3, 15000);
  await measure(app, `${tag} Progress`, found);

  await app.openScreen('share', 'share');
  await measure(app, `${tag} Share`, found);
  await app.click('#share-import');
  await app.waitFor('#import-dialog[open] #import-mode');
  await measure(app, `${tag} import dialog`, found);
  // A chosen radio is measured too (its checked state has its own colours).
  await app.click('label[for="import-mode-replace"]');
  await measure(app, `${tag} import dialog, Replace chosen`, found);
  await app.closeDialog();

  await app.openScreen('settings', 'settings');
  await measure(app, `${tag} Settings`, found);
  // The custom quick-log amounts (their rows and Remove buttons), then back to automatic.
  await app.click('#settings-quick-custom');
  await app.waitFor('#settings-quick-add:not([hidden])');
  if (await app.count('#settings-quick-rows .quick-remove') === 0) await app.click('#settings-quick-add');
  await app.waitFor('#settings-quick-rows:not([hidden]) .quick-remove');
  await measure(app, `${tag} Settings, custom quick-log amounts`, found);
  await app.click('#settings-quick-auto');
  await app.click('li.backup-row .backup-restore');
  await app.waitFor('dialog[open]');
  await measure(app, `${tag} restore-backup dialog`, found);
  await app.closeDialog();
  await app.click('#passphrase-set');
  await app.waitFor('dialog[open]');
  await measure(app, `${tag} passphrase dialog`, found);
  await app.closeDialog();
  await app.click('#delete-all');
  await app.waitFor('dialog[open]');
  await measure(app, `${tag} delete-all dialog`, found);
  await app.closeDialog();

  await app.openScreen('help', 'help');
  await measure(app, `${tag} Get help`, found);
}

describe('the contrast of every control, measured', () => {
  let profile;
  let app;

  before(async () => {
    await startDisplay();
    // A backup holding one dose the diary does not have: importing it asks Merge or Replace.
    const other = mkdtempSync(join(tmpdir(), 'taper-e2e-other-'));
    cli(other, 'dose', 'add', '1.5', '--at', `${dayBack(40)} 09:00`);
    const backup = join(other, 'backup.json');
    cli(other, 'export', 'json', '--out', backup);
    profile = new Profile(undefined, { TAPER_TEST_OPEN_FILE: backup });
    seedDiary(profile.dataDir);
    app = await profile.launch();
    await app.setSize(1200, 800);
  });

  after(async () => {
    await app?.quit();
    stopAll();
  });

  for (const value of ['light', 'dark']) {
    it(`every control on every screen and dialog, ${value} theme: borders at least 3:1, words at least 4.5:1`, async () => {
      await app.useTheme(value);
      const found = [];
      await walk(app, value, found);
      assert.deepEqual(found, [], `controls below WCAG AA contrast:\n${found.join('\n')}`);
    });
  }
});

describe('the contrast of the first start screen', () => {
  let app;

  before(async () => {
    await startDisplay();
    app = await new Profile().launch({ gate: true });
    await app.setSize(1200, 800);
  });

  after(async () => {
    await app?.quit();
    stopAll();
  });

  it('the welcome screen, light and dark', async () => {
    await app.waitFor('#welcome-form');
    const found = [];
    for (const value of ['light', 'dark']) {
      await app.exec(`document.documentElement.dataset.theme = arguments[0];`, value);
      await measure(app, `${value} welcome`, found, '#gate');
    }
    assert.deepEqual(found, [], `controls below WCAG AA contrast:\n${found.join('\n')}`);
  });

  it('the onboarding of the new diary, every step, light and dark', async () => {
    await app.exec(`delete document.documentElement.dataset.theme;`);
    await app.click('#welcome-plain');
    await app.waitFor('#onboarding', 15000);
    const found = [];
    for (let step = 1; step <= 4; step++) {
      await app.until(`step ${step}`, async () => (await app.text('#onboarding-progress')) === `Step ${step} of 4`, 10000);
      for (const value of ['light', 'dark']) {
        await app.exec(`document.documentElement.dataset.theme = arguments[0];`, value);
        await measure(app, `${value} onboarding step ${step}`, found, '#onboarding');
      }
      if (step < 4) await app.click('#onboarding-next');
    }
    assert.deepEqual(found, [], `controls below WCAG AA contrast:\n${found.join('\n')}`);
  });
});
