// End-to-end: SOWS self-report, the clinician's COWS form, the user's own symptoms and other
// medicines, all surviving a restart; checked in the DOM and in the database file.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDisplay, Profile, stopAll } from './harness.mjs';

// Seven items at 3 and one at 2: 23, severe.
const SOWS_SCORES = [3, 3, 3, 3, 3, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0];
// Allowed COWS scores only: 19, moderate.
const COWS_SCORES = {
  cows_pulse: 2, cows_sweating: 1, cows_restlessness: 3, cows_pupils: 1, cows_aches: 2,
  cows_runny_nose: 1, cows_gi_upset: 2, cows_tremor: 1, cows_yawning: 1, cows_anxiety: 2, cows_gooseflesh: 3,
};

/** A screenshot once the window has repainted (a frame can lag behind the DOM). */
async function shot(app, name) {
  await new Promise((r) => setTimeout(r, 400));
  await app.screenshot(name);
}

/** Clicks a button after centring it, so a sticky dialog footer never covers it. */
async function press(app, css) {
  await app.waitFor(css);
  await app.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); document.scrollingElement.scrollTop = 0;`, css);
  await app.click(css);
}

const score = (key, s) => `.symptom-row[data-key="${key}"] button.score[data-score="${s}"]`;

describe('Instruments, own symptoms and other medicines', () => {
  const profile = new Profile();
  let app;

  before(async () => {
    await startDisplay();
    app = await profile.launch();
    await app.setSize(1024, 768);
  });

  after(async () => {
    await app?.quit();
    profile.stop();
    stopAll();
  });

  it('fills in SOWS after choosing it in Settings and shows the total and band', async () => {
    await app.click('#nav-settings');
    await app.waitFor('#settings-instrument');
    assert.equal(await app.exec(`return document.querySelector('#settings-instrument').value`), 'kratom');
    await app.setValue('#settings-instrument', 'sows');
    await app.until('saved', async () => (await app.text('#settings-saved')) === 'Saved');
    await app.until('stored', async () => profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0]?.includes('"checkin_instrument":"sows"'));
    await app.click('#nav-today');
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] #checkin-sows .symptom-row');
    const keys = await app.exec(`return [...document.querySelectorAll('#checkin-sows .symptom-row')].map((r) => r.dataset.key)`);
    assert.equal(keys.length, 16);
    assert.ok(keys.every((k) => k.startsWith('sows_')));
    assert.equal(await app.count('#checkin-kratom-group:not([hidden])'), 0, 'the kratom list is not on a SOWS-only form');
    const words = await app.texts(`.symptom-row[data-key="${keys[0]}"] .score-word`);
    assert.deepEqual(words, ['Not at all', 'A little', 'Moderately', 'Quite a bit', 'Extremely']);
    assert.match(await app.text('#sows-citation'), /Handelsman/);
    for (let i = 0; i < 8; i++) await press(app, score(keys[i], SOWS_SCORES[i]));
    assert.equal(await app.text('#sows-total'), 'SOWS 23 / 64 so far · answer all 16 for a band');
    for (let i = 8; i < 16; i++) await press(app, score(keys[i], SOWS_SCORES[i]));
    await app.until('live band', async () => (await app.text('#sows-total')) === 'SOWS 23 / 64 · Severe');
    await app.exec(`document.querySelector('#checkin-dialog .dialog-body').scrollTo({ top: 0 })`);
    await shot(app, '30-sows-form-1024x768');
    await app.exec(`document.querySelector('#checkin-dialog .dialog-body').scrollTo({ top: 100000 })`);
    await shot(app, '31-sows-form-bottom-1024x768');
    await app.click('#checkin-save');
    await app.waitGone('#checkin-dialog[open]');
    await app.until('SOWS row', async () => (await app.count('#checkin-list li.checkin-row')) === 1);
    const row = await app.text('#checkin-list li.checkin-row');
    assert.match(row, /SOWS/);
    assert.match(row, /23 \/ 64/);
    assert.match(row, /severe/);
    assert.deepEqual(profile.sql(`SELECT instrument, count(*) FROM checkin GROUP BY instrument`), [['sows', '1']]);
    assert.deepEqual(profile.sql(`SELECT sum(score), count(*) FROM checkin_item`), [['23', '16']]);
  });

  it('adds an own symptom in Settings and rates it on the kratom checklist', async () => {
    await app.click('#nav-settings');
    await app.type('#symptom-new-label', 'Headache');
    await app.click('#symptom-add');
    await app.until('listed', async () => (await app.count('#symptom-list li.custom-symptom[data-key="custom_headache"]')) === 1);
    await app.setValue('#settings-instrument', 'kratom');
    await app.until('stored', async () => profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0]?.includes('"checkin_instrument":"kratom"'));
    await app.exec(`const card = document.querySelector('#symptom-list').closest('section');
      document.querySelector('#content').scrollTop = card.offsetTop - 16; document.scrollingElement.scrollTop = 0;`);
    await shot(app, '32-settings-own-symptoms-1024x768');
    await app.click('#nav-today');
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] .symptom-row[data-key="custom_headache"]');
    assert.equal(await app.count('#checkin-sows-group:not([hidden])'), 0);
    await press(app, score('custom_headache', 2));
    await press(app, score('aches', 1));
    await app.until('total', async () => (await app.text('#checkin-total'))?.startsWith('Symptom total: 3 points · 2 of '));
    await app.click('#checkin-save');
    await app.waitGone('#checkin-dialog[open]');
    await app.until('two check-ins', async () => (await app.count('#checkin-list li.checkin-row')) === 2);
    assert.deepEqual(
      profile.sql(`SELECT i.symptom_key, i.score FROM checkin_item i JOIN checkin c ON c.id = i.checkin_id WHERE c.instrument = 'kratom' ORDER BY 1`),
      [['aches', '1'], ['custom_headache', '2']],
    );
  });

  it('shows both forms on one screen when chosen, saved as two check-ins', async () => {
    await app.click('#nav-settings');
    await app.setValue('#settings-instrument', 'both');
    await app.until('stored', async () => profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0]?.includes('"both"'));
    await app.click('#nav-today');
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] #checkin-sows .symptom-row');
    await app.waitFor('#checkin-dialog[open] .symptom-row[data-key="aches"]');
    await press(app, score('aches', 2));
    await press(app, score('sows_anxious', 1));
    await shot(app, '33-both-forms-1024x768');
    await app.click('#checkin-save');
    await app.waitGone('#checkin-dialog[open]');
    await app.until('four check-ins', async () => (await app.count('#checkin-list li.checkin-row')) === 4);
    assert.deepEqual(profile.sql(`SELECT instrument, count(*) FROM checkin GROUP BY instrument ORDER BY 1`), [['kratom', '2'], ['sows', '2']]);
    await app.click('#nav-settings');
    await app.setValue('#settings-instrument', 'kratom');
    await app.until('stored', async () => profile.sql(`SELECT value FROM setting WHERE key = 'app'`)[0]?.[0]?.includes('"kratom"'));
    await app.click('#nav-today');
  });

  it('logs another medicine beside the doses', async () => {
    await app.click('#add-medicine');
    await app.waitFor('#medicine-dialog[open] #medicine-name');
    await app.click('#medicine-save');
    await app.waitFor('#medicine-name-error');
    assert.match(await app.text('#medicine-name-error'), /Enter what you took/);
    await app.type('#medicine-name', 'Loperamide');
    await app.type('#medicine-amount', '2');
    await app.type('#medicine-unit', 'mg');
    await app.type('#medicine-note', 'for the stomach');
    await shot(app, '34-medicine-dialog-1024x768');
    await app.click('#medicine-save');
    await app.waitGone('#medicine-dialog[open]');
    await app.until('medicine listed', async () => (await app.count('#medicine-list li.medicine-row')) === 1);
    const row = await app.text('#medicine-list li.medicine-row');
    assert.match(row, /Loperamide/);
    assert.match(row, /2 mg/);
    assert.deepEqual(profile.sql(`SELECT name, amount, unit, note FROM medicine`), [['Loperamide', '2.0', 'mg', 'for the stomach']]);
  });

  it('takes a clinician COWS entry in its own form, allowed scores only', async () => {
    await app.click('#cows-entry');
    await app.waitFor('#cows-dialog[open] .cows-item');
    assert.equal(await app.text('#cows-title'), 'Clinician entry — COWS');
    assert.match(await app.text('#cows-note'), /clinician/);
    assert.deepEqual(
      await app.exec(`return [...document.querySelectorAll('.cows-item[data-key="cows_pulse"] button.score')].map((b) => b.dataset.score)`),
      ['0', '1', '2', '4'],
    );
    assert.match(await app.text('#cows-citation'), /Wesson/);
    await shot(app, '35-cows-dialog-top-1024x768');
    for (const [key, s] of Object.entries(COWS_SCORES)) {
      await press(app, `.cows-item[data-key="${key}"] button.score[data-score="${s}"]`);
    }
    await app.until('COWS total', async () => (await app.text('#cows-total')) === 'COWS 19 / 48 · Moderate');
    await shot(app, '35-cows-dialog-scored-1024x768');
    await app.click('#cows-save');
    await app.waitGone('#cows-dialog[open]');
    await app.until('COWS row', async () => (await app.texts('#checkin-list li.checkin-row')).some((t) => /COWS.*19 \/ 48/.test(t) && /moderate/.test(t)));
    assert.deepEqual(profile.sql(`SELECT count(*) FROM checkin WHERE instrument = 'cows'`), [['1']]);
    await app.exec(`document.querySelector('#content').scrollTop = document.querySelector('#medicines-card').offsetTop - 16`);
    await shot(app, '36-today-instruments-1024x768');
  });

  it('keeps all of it after a restart', async () => {
    await app.quit();
    app = await profile.launch();
    await app.setSize(1024, 768);
    await app.until('rows back', async () => (await app.count('#checkin-list li.checkin-row')) === 5);
    const rows = await app.texts('#checkin-list li.checkin-row');
    assert.ok(rows.some((t) => /SOWS.*23 \/ 64/.test(t) && /severe/.test(t)), rows.join('\n'));
    assert.ok(rows.some((t) => /COWS.*19 \/ 48/.test(t) && /moderate/.test(t)), rows.join('\n'));
    assert.ok(rows.some((t) => /Kratom checklist/.test(t)), rows.join('\n'));
    assert.match(await app.text('#medicine-list li.medicine-row'), /Loperamide/);
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] .symptom-row[data-key="custom_headache"]');
    assert.match(await app.text('.symptom-row[data-key="custom_headache"] .symptom-label'), /Headache/);
    await app.click('#checkin-cancel');
    await app.waitGone('#checkin-dialog[open]');
  });

  it('renames and archives an own symptom; old check-ins keep it', async () => {
    const row = '#symptom-list li.custom-symptom[data-key="custom_headache"]';
    await app.click('#nav-settings');
    await app.waitFor(row);
    await app.type(`${row} input`, 'Head pain');
    await app.click(`${row} .symptom-rename`);
    await app.until('renamed', async () => profile.sql(`SELECT label FROM symptom WHERE key = 'custom_headache'`)[0]?.[0] === 'Head pain');
    await app.click(`${row} .symptom-archive`);
    await app.until('archived', async () => (await app.text(`${row} .symptom-archived`)) === 'Archived');
    assert.equal(await app.text(`${row} .symptom-archive`), 'Restore');
    assert.deepEqual(profile.sql(`SELECT archived FROM symptom WHERE key = 'custom_headache'`), [['1']]);
    await app.exec(`const card = document.querySelector('#symptom-list').closest('section');
      document.querySelector('#content').scrollTop = card.offsetTop - 16;`);
    await shot(app, '37-settings-archived-symptom-1024x768');
    await app.click('#nav-today');
    await app.click('#check-in');
    await app.waitFor('#checkin-dialog[open] .symptom-row[data-key="aches"]');
    assert.equal(await app.count('.symptom-row[data-key="custom_headache"]'), 0, 'archived: not on the form');
    await app.click('#checkin-cancel');
    await app.waitGone('#checkin-dialog[open]');
    assert.deepEqual(profile.sql(`SELECT score FROM checkin_item WHERE symptom_key = 'custom_headache'`), [['2']]);
    assert.equal(await app.count('#checkin-list li.checkin-row'), 5);
  });
});
