// A lived-in diary for end-to-end tests and screenshots, written through the real `taper`
// command line (built beside the app): three weeks of doses coming down from about 7 g, a
// check-in most days (kratom checklist, and SOWS on some), a few other medicines, and a
// percentage taper plan that started six days ago.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { APP } from './harness.mjs';

export const TAPER = join(APP, '..', 'taper');

/** Runs the CLI on the diary in `dir`; throws with its stderr when it fails. */
export function cli(dir, ...args) {
  const r = spawnSync(TAPER, args, { env: { ...process.env, TAPER_DATA_DIR: dir }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taper ${args.join(' ')}: ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/** "YYYY-MM-DD" of the local day `back` days before today. */
export function dayBack(back) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() - back);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const KRATOM = ['aches', 'insomnia', 'irritability', 'low_mood', 'anxiety', 'restlessness', 'runny_nose', 'sweating', 'restless_legs', 'tiredness'];
const SOWS = ['sows_anxious', 'sows_yawning', 'sows_perspiring', 'sows_eyes_tearing', 'sows_nose_running', 'sows_gooseflesh',
  'sows_shaking', 'sows_hot_flushes', 'sows_cold_flushes', 'sows_aches', 'sows_restless', 'sows_nauseous', 'sows_vomiting',
  'sows_twitching', 'sows_cramps', 'sows_using'];

/**
 * Fills the diary in `dir`: `days` days of history ending yesterday, plus a dose now.
 * Deterministic (no randomness), so screenshots compare run to run.
 */
export function seedDiary(dir, { days = 21, plan = true } = {}) {
  for (let back = days; back >= 1; back--) {
    const day = dayBack(back);
    const grams = Math.max(2, 7 - (days - back) * 0.18);
    const parts = back % 3 === 0 ? [0.4, 0.35, 0.25] : [0.55, 0.45];
    const times = ['08:10', '14:30', '20:45'];
    parts.forEach((share, i) => {
      const args = ['dose', 'add', (grams * share).toFixed(1), '--at', `${day} ${times[i]}`];
      if (i === 1 && back % 4 === 0) args.push('--note', 'before work');
      cli(dir, ...args);
    });
    if (back % 5 === 2) continue; // a day without a check-in
    const level = Math.min(4, Math.floor(((days - back) % 9) / 2));
    const items = KRATOM.slice(0, 4 + (back % 5)).map((k, i) => `${k}=${Math.max(0, level - (i % 3))}`);
    cli(dir, 'checkin', 'add', '--item', ...items, '--craving', String(2 + ((back * 3) % 7)),
      '--slept', String(4 + (back % 4) * 0.5 + 0.5), '--sleep-quality', String(back % 4), '--mood', String((back + 1) % 5),
      '--at', `${day} 21:00`);
    if (back % 3 === 1) {
      const sows = SOWS.map((k, i) => `${k}=${(i + back) % 3 === 0 ? Math.min(4, level + 1) : (i % 2)}`);
      cli(dir, 'checkin', 'add', '--instrument', 'sows', '--item', ...sows, '--at', `${day} 09:00`);
    }
    if (back % 6 === 0) cli(dir, 'med', 'add', 'loperamide', '--amount', '2', '--unit', 'mg', '--at', `${day} 10:00`);
    if (back % 7 === 3) cli(dir, 'med', 'add', 'ibuprofen', '--amount', '400', '--unit', 'mg', '--at', `${day} 13:00`);
  }
  if (plan) cli(dir, 'plan', 'create', '--shape', 'percent', '--percent', '10', '--every', '4', '--amount', '6', '--start', dayBack(6));
  // Today's first dose, now (never in the future, whatever the hour the tests run).
  cli(dir, 'dose', 'add', '1');
}
