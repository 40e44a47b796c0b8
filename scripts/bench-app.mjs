// App benchmark: launch-to-Today time and memory after 5 s idle, for the real built app.
//   node scripts/bench-app.mjs [runs]      (needs the app built: cargo build [--release] -p taper-app)
// TAPER_APP_BIN picks the binary (default target/release/taper-app if built, else debug).
// Memory is PSS (proportional set size, shared pages split fairly) of the app process and the
// WebKit processes it starts, read from /proc/PID/smaps_rollup.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
if (!process.env.TAPER_APP_BIN) {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const release = join(target, 'release/taper-app');
  process.env.TAPER_APP_BIN = existsSync(release) ? release : join(target, 'debug/taper-app');
}
const { startDisplay, Profile, APP, stopAll } = await import('../tests/e2e/harness.mjs');

const runs = Number(process.argv[2] ?? 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function procs() {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      return { pid: Number(pid), ppid, comm };
    } catch { return null; }
  }).filter(Boolean);
}

function pssKiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

function appMemory() {
  const all = procs();
  const app = all.find((p) => p.comm.startsWith('taper-app'));
  if (!app) return null;
  const kids = all.filter((p) => p.ppid === app.pid);
  const appKiB = pssKiB(app.pid);
  const webKiB = kids.reduce((sum, k) => sum + pssKiB(k.pid), 0);
  return { appKiB, webKiB, totalKiB: appKiB + webKiB, children: kids.map((k) => k.comm) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await startDisplay();
const profile = new Profile();
const ready = [];
let memory;
for (let i = 0; i < runs; i++) {
  const s = await profile.launch();
  ready.push(s.readyMs);
  if (i === runs - 1) {
    await sleep(5000);
    memory = appMemory();
  }
  await s.quit();
}
profile.stop();
stopAll();
const fmt = (x) => `${Math.round(x)} ms`;
console.log(`binary: ${APP}`);
console.log(`launch to Today ready, ${runs} runs: median ${fmt(median(ready))}, min ${fmt(Math.min(...ready))}, max ${fmt(Math.max(...ready))}`);
if (memory) {
  console.log(`memory after 5 s idle (PSS): app ${(memory.appKiB / 1024).toFixed(1)} MiB + WebKit ${(memory.webKiB / 1024).toFixed(1)} MiB (${memory.children.join(', ')}) = ${(memory.totalKiB / 1024).toFixed(1)} MiB`);
}
process.exit(0);
