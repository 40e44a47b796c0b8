// End-to-end: the Share screen (report preview, Save PDF, CSV / backup / FHIR exports), imports
// into a second diary (a backup, the same backup again, a dose spreadsheet with a bad row), and
// Settings → Backups (back up now, restore). The native dialogs are answered by the app's test
// stand-ins: TAPER_TEST_DIALOG_DIR for save and folder dialogs, TAPER_TEST_OPEN_FILE for open.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync, statSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDisplay, Profile, stopAll } from './harness.mjs';


async function shot(app, name) {
  await app.exec(`return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => ok(true), 250))));`);
  await app.screenshot(name);
}

/** Waits for a toast whose text matches `re`; returns the text. */
async function toast(app, re, timeout = 15000) {
  return app.until(`toast ${re}`, async () => {
    const t = await app.exec(`const e = document.querySelector('#toast.open #toast-message'); return e ? e.textContent : null;`);
    return t && re.test(t) ? t : null;
  }, timeout);
}

/** Hides the toast (it would cover buttons near the bottom) and waits out its fade. */
async function hideToast(app) {
  await app.exec(`document.querySelector('#toast').classList.remove('open')`);
  await app.until('toast faded', async () =>
    (await app.exec(`return getComputedStyle(document.querySelector('#toast')).display`)) === 'none');
}

async function doseRows(app) {
  return app.count('#dose-list li.dose-row');
}

async function shownDayIs(app, day) {
  return (await app.exec(`return document.querySelector('#day-picker').value`)) === day;
}

function liveDoses(profile) {
  return Number(profile.sql('SELECT count(*) FROM dose WHERE deleted_at IS NULL')[0][0]);
}

/** The preview's page <svg>: present, labelled, without NaN. */
async function previewSvg(app) {
  return app.exec(`
    const svg = document.querySelector('#share-preview > svg');
    if (!svg || document.querySelector('#share-preview').getAttribute('aria-busy') === 'true') return null;
    const box = svg.getBoundingClientRect();
    return { label: svg.getAttribute('aria-label'), nan: svg.outerHTML.includes('NaN'), width: box.width, height: box.height };`);
}

/** "RFC 3339 with this computer's offset" for a local wall-clock time. */
function localRfc3339(day, hhmm) {
  const d = new Date(`${day}T${hhmm}:00`);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${day}T${hhmm}:00${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('Share, import and backups', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'taper-e2e-out-'));
  /** Where a file the toast names was saved: the chosen folder or a folder made in it. */
  const savedFile = (name) => {
    const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name === name ? [join(dir, e.name)] : []);
    return walk(outDir)[0] ?? null;
  };
  const inDir = mkdtempSync(join(tmpdir(), 'taper-e2e-in-'));
  const openFile = join(inDir, 'to-import.txt');
  const openLog = join(mkdtempSync(join(tmpdir(), 'taper-e2e-open-')), 'opened.log');
  const first = new Profile(undefined, { TAPER_TEST_DIALOG_DIR: outDir, TAPER_TEST_OPEN_LOG: openLog });
  const second = new Profile(undefined, { TAPER_TEST_DIALOG_DIR: inDir, TAPER_TEST_OPEN_FILE: openFile });
  let app;
  let today;
  let backupFile;

  before(async () => {
    await startDisplay();
    app = await first.launch();
    await app.setSize(1200, 800);
    today = await app.exec(`return document.querySelector('#day-picker').value`);
  });

  after(async () => {
    await app?.quit();
    first.stop();
    second.stop();
    stopAll();
  });

  it('shows a live preview of page 1 of the report', async () => {
    await app.logDose('2.5');
    await app.logDose('1.5');
    await app.until('two doses', async () => (await doseRows(app)) === 2);
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open]');
    await app.click('.symptom-row[data-key="aches"] button.score[data-score="2"]');
    await app.click('#checkin-save');
    await app.waitGone('#checkin-dialog[open]');
    await hideToast(app);

    await app.click('#nav-share');
    await app.waitFor('#screen-share');
    assert.equal(await app.exec(`return document.querySelector('#nav-share').getAttribute('aria-current')`), 'page');
    const svg = await app.until('preview drawn', () => previewSvg(app), 20000);
    assert.equal(svg.nan, false, 'no NaN in the page');
    assert.ok(svg.width > 150 && svg.height > svg.width, `a portrait page (${svg.width}x${svg.height})`);
    assert.match(await app.text('#share-preview-caption'), /^\d+ pages? · [A-Z][a-z]{2} (\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2})/);
    assert.match(svg.label, /^Page 1 of the report/);
    assert.equal(await app.text('#share-not-encrypted'), 'Exported files are not encrypted: keep them somewhere private.');
    // No plan: the report covers the last 14 days, and "This plan" is not offered.
    await app.until('last 14 days chosen', async () =>
      (await app.exec(`return document.querySelector('#share-range-last14').getAttribute('aria-checked')`)) === 'true');
    assert.equal(await app.exec(`return document.querySelector('#share-range-plan').hidden`), true);
    // Private by default.
    assert.equal(await app.exec(`return document.querySelector('#share-notes').checked`), false);
    assert.equal(await app.exec(`return document.querySelector('#share-include-name').checked`), false);
    await shot(app, '50-share');

    // Other choices redraw the preview.
    await app.click('#share-range-all');
    await app.click('#share-paper-letter');
    await app.until('preview redrawn', () => previewSvg(app), 20000);
    assert.match(await app.text('#share-preview-caption'), /pages? ·/);
  });

  it('shows a refused name under the name field', async () => {
    await app.click('#share-include-name');
    await app.waitFor('#share-name');
    await app.type('#share-name', 'x'.repeat(81));
    await app.until('name refused', async () => (await app.text('#share-name-error'))?.length > 0, 10000);
    assert.equal(await app.exec(`return document.querySelector('#share-name').getAttribute('aria-invalid')`), 'true');
    await shot(app, '50-share-name-error');
    await app.type('#share-name', 'Sam Lee');
    await app.until('name accepted', async () => (await app.text('#share-name-error')) === '', 10000);
    await app.click('#share-include-name');
    await app.waitGone('#share-name');
    await app.click('#share-range-last14');
    await app.click('#share-paper-a4');
    await app.until('preview redrawn', () => previewSvg(app), 20000);
  });

  it('saves the PDF where the save dialog says, with the day\'s total in it', async () => {
    await app.click('#share-save-pdf');
    // Named by its file name, never a raw path; "Show in folder" opens the file manager on it.
    const said = await toast(app, /^Saved taper-report-.*\.pdf$/, 30000);
    const pdf = savedFile(said.replace(/^Saved /, ''));
    assert.ok(pdf, `${said}: the file is in the chosen folder`);
    assert.equal(await app.text('#toast-undo'), 'Show in folder');
    await app.click('#toast-undo');
    await app.until('the file shown in its folder', async () =>
      existsSync(openLog) && readFileSync(openLog, 'utf8').includes(`reveal ${pdf}`));
    const bytes = readFileSync(pdf);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.match(text, /\b4(\.0)? g\b/, 'the day total (4 g) is in the PDF');
    // Page 1: the summary table, the chart and the start of the day-by-day table; the
    // checklist's total as points and items rated, never a band; no "Today" on paper.
    const one = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
    for (const want of ['Summary', 'Grams per day', 'Doses per day', 'Checklist symptom total', '2 points · 1 rated',
      "Taken and planned, with the day's symptom total", 'Day by day', 'Symptom total']) {
      assert.ok(one.includes(want), `page 1 has ${JSON.stringify(want)}: ${one}`);
    }
    assert.ok(!/\bToday\b/.test(text), 'no "Today" in the report');
    await hideToast(app);
  });

  it('exports CSV (three files), the backup (JSON) and FHIR', async () => {
    await app.click('#share-export-csv');
    const csvSaid = await toast(app, /^Saved 3 files: /, 20000);
    const files = csvSaid.replace(/^Saved 3 files: /, '').split(', ').map(savedFile);
    assert.ok(files.every((f) => f && f.endsWith('.csv')), csvSaid);
    for (const f of files) {
      const head = readFileSync(f, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      assert.match(head, /^[a-z_]+(,[a-z_]+)+$/, `${f} starts with a header row: ${head}`);
    }
    await hideToast(app);

    await app.click('#share-export-json');
    const jsonSaid = await toast(app, /^Saved .*\.json$/, 20000);
    backupFile = savedFile(jsonSaid.replace(/^Saved /, ''));
    const json = readFileSync(backupFile, 'utf8');
    assert.match(json, /taper-backup/);
    await hideToast(app);

    await app.click('#share-export-fhir');
    const fhirSaid = await toast(app, /^Saved .*fhir.*\.json$/, 20000);
    const fhir = JSON.parse(readFileSync(savedFile(fhirSaid.replace(/^Saved /, '')), 'utf8'));
    assert.equal(fhir.resourceType, 'Bundle');
    await hideToast(app);
  });

  it('backs up now and restores a backup; every screen reloads', async () => {
    await app.click('#nav-settings');
    await app.waitFor('#settings-backups');
    const before = await app.count('#backup-list li.backup-row');
    await app.click('#backup-now');
    await toast(app, /^Backed up/);
    await app.until('backup listed', async () => (await app.count('#backup-list li.backup-row')) === before + 1);
    assert.match(await app.text('#backup-list li.backup-row:first-child'), /Made by you/);
    assert.match(await app.text('#backup-list li.backup-row:first-child .backup-when'), /^[A-Z][a-z]{2} (\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2})( \d{4})? \d{1,2}:\d{2}( [AP]M)?$/);
    await hideToast(app);
    await app.exec(`document.querySelector('#settings-backups').scrollIntoView({block: 'start'})`);
    await shot(app, '52-settings-backups');

    // A dose after the backup; restoring takes the diary back to before it.
    await app.click('#nav-today');
    await app.logDose('3');
    await app.until('three doses', async () => (await doseRows(app)) === 3);
    await hideToast(app);
    await app.click('#nav-settings');
    await app.until('backup listed', async () => (await app.count('#backup-list li.backup-row')) >= before + 1);
    await app.click('#backup-list li.backup-row[data-kind="manual"] .backup-restore');
    await app.waitFor('#restore-dialog[open]');
    assert.match(await app.text('#restore-safe'), /keeps your diary as it is now as a backup/);
    assert.equal(await app.exec(`return document.activeElement.id`), 'restore-cancel', 'Cancel has focus first');
    await shot(app, '52-settings-restore-dialog');
    await app.click('#restore-confirm');
    await app.waitGone('#restore-dialog[open]');
    await toast(app, /^Restored the backup from .*kept as a backup\.$/);
    await app.until('before-restore copy listed', async () => (await app.count('#backup-list li.backup-row[data-kind="before_restore"]')) === 1);
    assert.equal(liveDoses(first), 2);
    await app.click('#nav-today');
    await app.until('two doses again', async () => (await doseRows(app)) === 2);
    await hideToast(app);
  });

  it('looks right in dark mode and at 900x600', async () => {
    await app.click('#nav-settings');
    await app.setValue('#settings-theme', 'dark');
    await app.until('dark theme', async () => (await app.exec(`return document.documentElement.dataset.theme`)) === 'dark');
    await app.click('#nav-share');
    await app.until('preview drawn', () => previewSvg(app), 20000);
    await shot(app, '53-share-dark');
    await app.setSize(900, 600);
    await app.until('window at 900x600', async () => (await app.exec(`return window.innerWidth`)) <= 900);
    await app.until('preview drawn', () => previewSvg(app), 20000);
    const overflow = await app.exec(`const c = document.querySelector('#content'); return c.scrollWidth - c.clientWidth;`);
    assert.ok(overflow <= 0, `nothing sticks out sideways at 900x600 (${overflow}px)`);
    await shot(app, '53-share-dark-900x600');
    await app.exec(`document.querySelector('#share-export').scrollIntoView({block: 'start'})`);
    await shot(app, '53-share-dark-900x600-below');
    await app.click('#nav-settings');
    await app.exec(`document.querySelector('#settings-backups').scrollIntoView({block: 'start'})`);
    await shot(app, '52-settings-backups-dark-900x600');
    await app.setValue('#settings-theme', 'system');
    await app.setSize(1200, 800);
  });

  it('moves to Share with Ctrl+4, listed on the help screen', async () => {
    await app.exec(`document.body.dispatchEvent(new KeyboardEvent('keydown', {key: '4', ctrlKey: true, bubbles: true, cancelable: true}));`);
    await app.until('Share shown', async () =>
      (await app.exec(`return [...document.querySelectorAll('main > .screen')].filter((e) => !e.hidden).map((e) => e.id).join()`)) === 'screen-share');
    await app.click('#nav-help');
    assert.match(await app.text('#shortcut-list'), /Ctrl\+4 ?Share screen/);
  });

  it('imports the backup into a fresh diary after showing what it adds', async () => {
    await app.quit();
    first.stop();
    copyFileSync(backupFile, openFile);
    app = await second.launch();
    await app.setSize(1200, 800);
    assert.equal(await doseRows(app), 0);
    await app.click('#nav-share');
    await app.click('#share-import');
    // The preview, or the reason there is none (said under the button).
    await app.waitFor('#import-dialog[open], #share-import-error:not([hidden])', 15000);
    assert.equal(await app.count('#share-import-error:not([hidden])'), 0, await app.text('#share-import-error'));
    assert.equal(await app.text('#import-summary'), 'Adds 2 doses and 1 check-in.');
    assert.equal(await app.count('#import-mode'), 0, 'an empty diary needs no choice');
    assert.equal(liveDoses(second), 0, 'nothing imported yet');
    await shot(app, '51-import-preview');
    await app.click('#import-confirm');
    await app.waitGone('#import-dialog[open]');
    await toast(app, /^Imported 2 doses and 1 check-in\./);
    await app.click('#nav-today');
    await app.until('imported doses on Today', async () => (await doseRows(app)) === 2);
    assert.match(await app.text('#dose-summary'), /^4 g taken/);
    await hideToast(app);
  });

  it('says there is nothing new in the same backup again and offers only Close, not Merge or Replace', async () => {
    await app.click('#nav-share');
    await app.click('#share-import');
    await app.waitFor('#import-dialog[open] #import-nothing');
    assert.match(await app.text('#import-summary'), /^Nothing new/);
    assert.match(await app.text('#import-duplicates'), /already in your diary are left out/);
    assert.equal(await app.text('#import-nothing'), 'There is nothing to import: your diary stays as it is.');
    assert.equal(await app.count('#import-mode'), 0, 'no choice to make');
    assert.equal(await app.exec(`return document.querySelector('#import-confirm').hidden`), true, 'no Import button');
    assert.equal(await app.text('#import-cancel'), 'Close');
    assert.equal(await app.exec(`return document.activeElement.id`), 'import-cancel');
    await shot(app, '51-import-nothing-new');
    await app.click('#import-cancel');
    await app.waitGone('#import-dialog[open]');
    assert.equal(liveDoses(second), 2, 'nothing duplicated');
    await app.click('#nav-today');
    await app.until('still two doses', async () => (await doseRows(app)) === 2);
  });

  it('keeps a dose deleted when an older backup without identities matches it, and brings it back on request', async () => {
    // The same backup as format version 1: no entry identities, so rows are matched by content.
    const v1 = JSON.parse(readFileSync(backupFile, 'utf8'));
    v1.version = 1;
    for (const list of [v1.doses, v1.checkins, v1.medicines]) for (const row of list) delete row.id;
    writeFileSync(openFile, JSON.stringify(v1));
    await app.click('#nav-today');
    await app.until('two doses', async () => (await doseRows(app)) === 2);
    await app.click('#dose-list li.dose-row:last-child .dose-delete');
    await app.until('one dose left', async () => (await doseRows(app)) === 1);
    await hideToast(app);
    await app.click('#nav-share');
    await app.click('#share-import');
    await app.waitFor('#import-dialog[open] #import-mode');
    assert.match(await app.text('#import-summary'), /^Nothing new/);
    assert.match(await app.text('#import-duplicates'), /1 row matches an entry you deleted here; it stays deleted\./);
    await app.click('#import-mode-merge');
    await app.click('#import-confirm');
    await app.waitGone('#import-dialog[open]');
    await toast(app, /^Nothing new to add\. .*it stays deleted\.$/);
    assert.equal(await app.text('#toast-undo'), 'Bring it back');
    assert.equal(liveDoses(second), 1, 'still deleted');
    await shot(app, '52-import-matched-deleted');
    await app.click('#toast-undo');
    await toast(app, /^Brought back 1 entry\./);
    assert.equal(liveDoses(second), 2);
    await app.click('#nav-today');
    await app.until('both doses again', async () => (await doseRows(app)) === 2);
    const uids = second.sql('SELECT count(DISTINCT uid) FROM dose');
    assert.equal(Number(uids[0][0]), 2, 'each dose keeps its own identity');
    await hideToast(app);
  });

  it('shows a dose spreadsheet\'s columns, good rows and every bad row before importing', async () => {
    const day = addDays(today, -2);
    writeFileSync(openFile, [
      'Time,Grams,Form,Notes,Vendor code',
      `${localRfc3339(day, '08:00')},2,powder,morning,A1`,
      `${localRfc3339(day, '13:00')},abc,powder,,A1`,
      `${localRfc3339(day, '19:30')},1.5,capsules,,A2`,
      '',
    ].join('\n'));
    await app.click('#nav-share');
    await app.click('#share-import');
    await app.waitFor('#import-dialog[open] #import-mapping');
    assert.equal(await app.text('#import-summary'), '2 doses ready to import · 3.5 g in all');
    const mapping = await app.texts('#import-mapping tbody tr');
    assert.equal(mapping.length, 5);
    assert.match(mapping[0], /^Time ?Time$/);
    assert.equal(await app.count('#import-bad li.bad-row'), 1);
    const bad = await app.text('#import-bad li.bad-row');
    assert.match(bad, /^Line 3 ?.*not a number/);
    assert.equal(liveDoses(second), 2, 'nothing imported yet');
    await shot(app, '51-import-csv');
    await app.setSize(900, 600);
    await app.until('window at 900x600', async () => (await app.exec(`return window.innerWidth`)) <= 900);
    await shot(app, '51-import-csv-900x600');
    await app.setSize(1200, 800);
    await app.click('#import-confirm');
    await app.waitGone('#import-dialog[open]');
    await toast(app, /^Imported 2 doses\./);
    assert.equal(liveDoses(second), 4);
    await app.click('#nav-today');
    await app.setValue('#day-picker', day);
    await app.until('spreadsheet doses on their day', async () => (await doseRows(app)) === 2);
  });

  it('reads a semicolon spreadsheet with decimal commas and names how it was read, light and dark', async () => {
    await hideToast(app);
    const day = addDays(today, -3);
    writeFileSync(openFile, [
      'sep=;',
      'Time;Amount;Note',
      `${localRfc3339(day, '08:00')};2,5;nach dem Frühstück, mit Tee`,
      `${localRfc3339(day, '12:00')},1,5,after lunch`,
      `${localRfc3339(day, '18:00')};1;`,
      `${localRfc3339(day, '20:00')};35;weighed twice`,
      '',
    ].join('\r\n'));
    const readAs = "Read with semicolons between fields (as the file's first line says) and a decimal comma (2,5).";
    const preview = async () => {
      await app.click('#nav-share');
      await app.click('#share-import');
      await app.waitFor('#import-dialog[open] #import-mapping');
      assert.equal(await app.text('#import-summary'), '3 doses ready to import · 38.5 g in all');
      assert.equal(await app.text('#import-large'), 'Line 6 is a dose of 30 g or more: check it is right before you import.');
      assert.equal(await app.text('#import-read-as'), readAs);
      const bad = await app.text('#import-bad li.bad-row');
      assert.match(bad, /^Line 4 ?This row has 1 field; the header has 3.*seems to use commas between fields; the header uses semicolons/);
    };
    await preview();
    await shot(app, '51-import-csv-semicolons');
    await app.click('#import-cancel');
    await app.waitGone('#import-dialog[open]');
    assert.equal(liveDoses(second), 4, 'nothing imported');

    await app.click('#nav-settings');
    await app.setValue('#settings-theme', 'dark');
    await app.until('dark theme', async () => (await app.exec(`return document.documentElement.dataset.theme`)) === 'dark');
    await preview();
    await shot(app, '51-import-csv-semicolons-dark');
    await app.click('#import-cancel');
    await app.waitGone('#import-dialog[open]');
    await app.click('#nav-settings');
    await app.setValue('#settings-theme', 'system');
    assert.equal(liveDoses(second), 4, 'nothing imported');
  });

  it('replaces the diary with the backup only after Replace is chosen and a backup of it is kept', async () => {
    // The backup plus one dose from another computer: something new, so Merge or Replace.
    const withMore = JSON.parse(readFileSync(backupFile, 'utf8'));
    withMore.doses.push({ ...withMore.doses[0], id: randomUUID(), note: 'from the other computer' });
    writeFileSync(openFile, JSON.stringify(withMore));
    assert.equal(liveDoses(second), 4);
    await app.click('#nav-share');
    await app.click('#share-import');
    await app.waitFor('#import-dialog[open] #import-mode');
    assert.equal(await app.text('#import-summary'), 'Adds 1 dose.');
    assert.match(await app.text('#import-mode'),
      /This removes the entries in your diary that are not in the backup, entries changed here go back to the backup's version, and your settings become the backup's\./);
    await shot(app, '51-import-choice');
    await app.click('#import-confirm');
    await app.until('choice required', async () => (await app.text('#import-mode-error')) === 'Choose Merge or Replace.');
    assert.equal(await app.exec(`return document.activeElement.id`), 'import-mode-merge');
    // The label is the bigger target (the whole line), as a person would click it.
    await app.click('label[for="import-mode-replace"]');
    assert.equal(await app.text('#import-confirm'), 'Back up, then replace');
    await app.click('#import-confirm');
    await app.waitGone('#import-dialog[open]');
    await toast(app, /^Your diary now holds the backup.*kept in Settings, under Backups\.$/);
    assert.equal(liveDoses(second), 3, 'the spreadsheet doses are gone, the new one is in');
    await hideToast(app);
    await app.click('#nav-settings');
    // One copy of the diary as it was, made by the import itself (not a second "Made by you").
    await app.until('safety backup listed', async () => (await app.count('#backup-list li.backup-row[data-kind="before_restore"]')) === 1);
    assert.equal(await app.count('#backup-list li.backup-row[data-kind="manual"]'), 0);
    await app.click('#nav-today');
    // Today still shows the spreadsheet's day, now empty.
    await app.until('Today reloaded', async () => (await shownDayIs(app, addDays(today, -2))) && (await doseRows(app)) === 0);
  });

  it('refuses a file that is neither, with the line at fault', async () => {
    writeFileSync(openFile, 'just some words\n');
    await app.click('#nav-share');
    await app.click('#share-import');
    await app.until('refused', async () => (await app.text('#share-import-error'))?.length > 0);
    assert.match(await app.text('#share-import-error'), /line \d/i);
    assert.equal(await app.count('#import-dialog[open]'), 0);
    assert.ok(statSync(second.db).size > 0);
  });

  it('lists the first 100 bad rows, counts the rest, and refuses a file changed since the preview', async () => {
    const day = addDays(today, -3);
    const bad = Array.from({ length: 150 }, (_, i) => `${localRfc3339(day, '09:00')},not ${i},powder`);
    writeFileSync(openFile, ['Time,Grams,Form', `${localRfc3339(day, '08:00')},2,powder`, ...bad, ''].join('\n'));
    const before = liveDoses(second);
    await app.click('#nav-share');
    await app.click('#share-import');
    await app.waitFor('#import-dialog[open] #import-mapping');
    assert.equal(await app.text('#import-bad-title'), '150 rows will be left out');
    assert.equal(await app.count('#import-bad li.bad-row'), 100);
    assert.equal(await app.text('#import-bad-more'), 'and 50 more rows, not listed.');
    // The file changes between the preview and Import: nothing is imported.
    writeFileSync(openFile, ['Time,Grams,Form', `${localRfc3339(day, '08:00')},20,powder`, ''].join('\n'));
    await app.click('#import-confirm');
    await app.until('refused', async () => /changed since the preview; preview it again/.test((await app.text('#import-error')) ?? ''));
    assert.equal(liveDoses(second), before, 'nothing imported');
    await app.click('#import-cancel');
    await app.waitGone('#import-dialog[open]');
  });
});
