// The UI figures of build/bench.sh, measured against the DOM only (the timeline
// is [role=log][aria-label=Timeline], its rows carry data-key), so they hold
// whatever the timeline component does inside.
//
//   node bench-ui.mjs record N FILE   writes an incident record (the JSON export
//                                     format `bridgelog import-record` reads) of N
//                                     entries of varied text over the last hours,
//                                     the oldest and newest carrying markers
//   node bench-ui.mjs measure DB      the dev binary on a copy of DB (one incident,
//                                     seeded from such a record), driven from Chromium:
//                                     first paint, Enter to row, scrolling to the
//                                     top and back
//
// measure prints one JSON object on its last line. No wait here is bounded by
// the wall clock alone: each gives up only after a stretch with no progress
// (BENCH_STALL_MS, default 60 s), so a slow disk makes a slow figure, not a
// missing one.
import { copyFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import {
  makeTestDir, startApp, launchBrowser, sql, ui, expectFocused, expectValue, typeLine, removeTestDir, APP_TZ,
} from './helpers.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES || 50);
const STALL_MS = Number(process.env.BENCH_STALL_MS || 60000);
export const FIRST_MARK = 'oldestseededentry';
export const LAST_MARK = 'newestseededentry';

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the record

// Words for lines like a scribe's: services, people, numbers and verbs vary,
// so the full-text index and the rows' heights see something like a call.
const services = ['checkout', 'cart-service', 'auth', 'payments-gw', 'search', 'edge-proxy', 'inventory', 'eu-west-1 LB', 'kafka', 'redis primary'];
const people = ['sam', 'priya', 'jon', 'mei', 'ade', 'lukas', 'fatima', 'diego'];
const notes = [
  (s, n) => `${s} p99 at ${n * 37 % 4000} ms, error rate ${n % 17}.${n % 10}%`,
  (s, n, p) => `${p} sees 502s from ${s} in ${['fra', 'dub', 'ams', 'iad'][n % 4]}`,
  (s, n) => `deploy ${4000 + n % 900} of ${s} finished; no change in the graphs`,
  (s) => `customers report timeouts at ${s}; support has ${s.length} tickets open`,
  (s, n, p) => `${p}: restarted ${n % 6 + 1} pods of ${s}, watching the queue depth`,
  (s, n) => `dashboard link for ${s}: https://grafana.example.com/d/${(n * 7919).toString(36)}`,
  (s, n) => `${s} connection pool at ${n % 100}/100, waiters ${n % 13}`,
  (s, n, p) => `${p} thinks the ${s} config change at 13:${String(n % 60).padStart(2, '0')} is related`,
];
const prefixed = [
  ['decision', 'd: ', (s) => `roll back ${s} to the previous build`],
  ['hypothesis', '? ', (s, n) => `${s} is starved by the batch job that started at ${n % 24}:00`],
  ['note', '', (s, n) => `long note: ${'the queue drains slowly, retries pile up behind the lock, '.repeat(n % 4 + 1)}then ${s} recovers`],
];

/** The record of one incident of n entries, its newest a minute ago. */
export function makeRecord(n, now = Date.now()) {
  const span = Math.min(20 * 3600e3, Math.max(3600e3, n * 200)); // up to 20 h, at most 5 entries a second
  const first = now - 60e3 - span;
  const iso = (ms) => new Date(ms).toISOString();
  const entries = [];
  for (let i = 0; i < n; i++) {
    const at = iso(first + Math.floor((span * i) / Math.max(1, n - 1)));
    const s = services[(i * 7) % services.length], p = people[(i * 5) % people.length];
    let kind = 'note', raw, text;
    if (i % 9 === 4) {
      const [k, pre, f] = prefixed[i % prefixed.length];
      kind = k; text = f(s, i, p); raw = pre + text;
    } else {
      text = notes[i % notes.length](s, i, p); raw = text;
    }
    if (i === 0) { text = `${FIRST_MARK} ${text}`; raw = text; kind = 'note'; }
    if (i === n - 1) { text = `${LAST_MARK} ${text}`; raw = text; kind = 'note'; }
    const e = { ref: i + 1, kind, text, raw, occurredAt: at, recordedAt: at, author: p, authorRole: 'scribe' };
    if (i % 23 === 0) e.key = true;
    if (i % 31 === 0) e.internal = true;
    entries.push(e);
  }
  const uid = randomBytes(16).toString('hex');
  return {
    format: 'bridgelog.incident-record', version: 1,
    incident: { uid, title: `Bench incident of ${n.toLocaleString('en-GB')} entries`, declaredAt: iso(first), createdAt: iso(first), updatedAt: iso(now) },
    entries, actions: [], actionEvents: [], statusUpdates: [], watches: [], pages: [], reminders: [],
  };
}

// ---------------------------------------------------------------- waits

/**
 * Polls check() until it returns a value other than undefined. progress()
 * returns something that changes while the app is still working (a count of
 * DOM mutations, a row count); the wait fails only after STALL_MS without
 * any change, never because the whole took long.
 */
async function untilProgressStops(check, progress, what, { intervalMs = 20 } = {}) {
  let last, lastAt = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    const p = JSON.stringify(await progress());
    if (p !== last) { last = p; lastAt = Date.now(); }
    if (Date.now() - lastAt > STALL_MS) throw new Error(`${what}: no progress for ${STALL_MS} ms (last ${p})`);
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------- in the page

// Installed before the page's own scripts: counts DOM mutations (the progress
// the waits watch) and notes the time, from navigation start, of the first
// frame in which a timeline row holding the newest entry's marker is inside
// the timeline's visible area.
function firstPaintProbe(marker) {
  window.__bench = { mutations: 0, firstRow: null, firstPaint: null, rowsAtFirstPaint: 0 };
  let queued = false;
  const look = () => {
    queued = false;
    if (window.__bench.firstPaint != null) return;
    const log = document.querySelector('[role="log"][aria-label="Timeline"]');
    if (!log) return;
    const box = log.getBoundingClientRect();
    let rows = 0, seen = false;
    for (const el of log.querySelectorAll('[data-key]')) {
      const r = el.getBoundingClientRect();
      if (r.bottom <= box.top || r.top >= box.bottom || r.height === 0) continue;
      rows++;
      if (el.textContent.includes(marker)) seen = true;
    }
    if (rows > 0 && window.__bench.firstRow == null) window.__bench.firstRow = performance.now();
    if (seen) { window.__bench.firstPaint = performance.now(); window.__bench.rowsAtFirstPaint = rows; }
  };
  new MutationObserver(() => {
    window.__bench.mutations++;
    if (!queued) { queued = true; requestAnimationFrame(look); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

// Scrolls the timeline to its top (or bottom) and follows it frame by frame
// until a row holding marker is in view: the time that took, the frames, and
// the frames in which no row at all was in view (blank: only placeholders or
// nothing), counted until 30 frames after arriving. The scroll is set again
// whenever the list grows under it, as a person holding Ctrl+Home would.
function scrollProbe({ where, marker, stallMs }) {
  const log = document.querySelector('[role="log"][aria-label="Timeline"]');
  const t0 = performance.now();
  const out = { ms: null, frames: 0, blankFrames: 0, minRowsInView: Infinity };
  let sig = '', sigAt = t0, settled = 0;
  const SETTLE = 30;
  const go = () => { log.scrollTop = where === 'top' ? 0 : log.scrollHeight; };
  go();
  return new Promise((resolve) => {
    const frame = () => {
      const now = performance.now();
      const box = log.getBoundingClientRect();
      let rows = 0, seen = false;
      for (const el of log.querySelectorAll('[data-key]')) {
        const r = el.getBoundingClientRect();
        if (r.bottom <= box.top || r.top >= box.bottom || r.height === 0) continue;
        rows++;
        if (el.textContent.includes(marker)) seen = true;
      }
      out.frames++;
      if (rows === 0) out.blankFrames++;
      out.minRowsInView = Math.min(out.minRowsInView, rows);
      if (seen && out.ms == null) out.ms = now - t0;
      // Once there, SETTLE more frames are sampled: rows swapped for
      // placeholders while pages load would blank the view after arriving.
      if (out.ms != null && ++settled > SETTLE) { resolve(out); return; }
      if (out.ms != null) { requestAnimationFrame(frame); return; }
      const s = `${log.scrollHeight}:${log.scrollTop | 0}:${log.querySelector('[data-key]')?.getAttribute('data-key')}:${window.__bench.mutations}`;
      if (s !== sig) { sig = s; sigAt = now; }
      if (now - sigAt > stallMs) { out.stalled = true; resolve(out); return; }
      const atEnd = where === 'top' ? log.scrollTop <= 0 : log.scrollTop + log.clientHeight >= log.scrollHeight - 1;
      if (!atEnd) go();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

// ---------------------------------------------------------------- measure

async function measure(seeded) {
  if (!existsSync(seeded)) throw new Error(`no database at ${seeded}`);
  const t = makeTestDir('bench');
  copyFileSync(seeded, t.db);
  const n = sql(t.db, 'SELECT count(*) AS n FROM entries')[0].n;
  // Starting on a large database is bounded generously by its size.
  const app = await startApp({ ...t, timeoutMs: 45000 + n * 2 });
  let browser;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: APP_TZ, locale: 'en-GB' });
    context.setDefaultTimeout(Math.max(10000, STALL_MS));
    const page = await context.newPage();
    await page.addInitScript(firstPaintProbe, LAST_MARK);
    await page.goto(app.url, { waitUntil: 'commit', timeout: 45000 + n });
    const progress = () => page.evaluate(() => window.__bench?.mutations ?? 0).catch(() => 0);
    const firstPaint = await untilProgressStops(
      () => page.evaluate(() => window.__bench?.firstPaint ?? undefined).catch(() => undefined),
      progress, 'first paint of the newest rows');
    const { rowsAtFirstPaint, firstRow } = await page.evaluate(() => window.__bench);
    const u = ui(page);
    await u.line.waitFor({ state: 'visible' });
    await expectFocused(u.line);
    const domRows = await page.locator('[role="log"][aria-label="Timeline"] [data-key]').count();
    process.stderr.write(`bench-ui: ${n} entries, newest rows painted ${firstPaint.toFixed(0)} ms after navigation, ${domRows} rows in the DOM\n`);

    const enter = await enterToRow(page, u, progress);
    const toTop = await page.evaluate(scrollProbe, { where: 'top', marker: FIRST_MARK, stallMs: STALL_MS });
    const toBottom = await page.evaluate(scrollProbe, { where: 'bottom', marker: 'measuredentry', stallMs: STALL_MS });
    process.stderr.write(`bench-ui: to the top ${JSON.stringify(toTop)}, back ${JSON.stringify(toBottom)}\n`);
    return {
      entries: n, firstPaintMs: firstPaint, firstRowMs: firstRow, rowsAtFirstPaint, domRows, ...enter,
      topMs: toTop.ms, topFrames: toTop.frames, topBlankFrames: toTop.blankFrames, topStalled: !!toTop.stalled,
      backMs: toBottom.ms, backFrames: toBottom.frames, backBlankFrames: toBottom.blankFrames, backStalled: !!toBottom.stalled,
    };
  } finally {
    await browser?.close().catch(() => {});
    await app.stop();
    removeTestDir(t.dir);
  }
}

// Types SAMPLES lines and times, in the page, each Enter keydown to the new
// row in the timeline's DOM and to the next frame after it.
async function enterToRow(page, u, progress) {
  await page.evaluate(() => {
    Object.assign(window.__bench, { pending: null, samples: [] });
    const log = document.querySelector('[role="log"][aria-label="Timeline"]');
    const done = (p) => {
      window.__bench.samples.push({ dom: p.tDom - p.t0, frame: p.tFrame - p.t0 });
      window.__bench.pending = null;
    };
    window.addEventListener('keydown', (e) => {
      const p = window.__bench.pending;
      if (e.key === 'Enter' && !e.shiftKey && p) p.t0 = performance.now();
    }, true);
    // Only what changed is looked at, so the check costs the same at any size.
    new MutationObserver((records) => {
      const p = window.__bench.pending;
      if (!p || p.t0 == null || p.tDom != null) return;
      const hit = records.some((r) => (r.type === 'characterData' ? r.target.data?.includes(p.marker)
        : [...r.addedNodes].some((a) => a.textContent?.includes(p.marker))));
      if (!hit) return;
      p.tDom = performance.now();
      requestAnimationFrame(() => { p.tFrame = performance.now(); done(p); });
    }).observe(log, { childList: true, subtree: true, characterData: true });
  });
  for (let i = 0; i < SAMPLES; i++) {
    const marker = `measuredentry${i}x${Math.random().toString(36).slice(2, 8)}`;
    await page.evaluate((m) => { window.__bench.pending = { marker: m, t0: null }; }, marker);
    await typeLine(page, `bench line ${marker}`);
    await page.keyboard.press('Enter');
    await untilProgressStops(
      () => page.evaluate((k) => (window.__bench.samples.length >= k ? true : undefined), i + 1),
      progress, `row ${marker} in the timeline`, { intervalMs: 10 });
    await expectValue(u.line, '', { timeoutMs: STALL_MS });
  }
  const samples = await page.evaluate(() => window.__bench.samples);
  const dom = samples.map((s) => s.dom), frame = samples.map((s) => s.frame);
  return {
    samples: samples.length, domP50: pct(dom, 50), domP95: pct(dom, 95),
    frameP50: pct(frame, 50), frameP95: pct(frame, 95), frameMax: Math.max(...frame),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'record') {
    const n = Number(args[0]);
    if (!(n >= 2) || !args[1]) throw new Error('usage: bench-ui.mjs record N FILE (N >= 2)');
    writeFileSync(args[1], JSON.stringify(makeRecord(n)));
    return;
  }
  if (mode === 'measure' && args[0]) {
    console.log(JSON.stringify(await measure(args[0])));
    return;
  }
  throw new Error('usage: bench-ui.mjs record N FILE | bench-ui.mjs measure DB');
}

main().catch((e) => { console.error(e); process.exit(1); });

