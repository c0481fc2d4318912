// Helpers for the UI suite: start and stop the dev-tagged app under Xvfb, drive it
// from Chromium, and read what it stored. Every process started here runs in its own
// session (setsid) and is killed with all of that session at teardown, on failure
// and at process exit, so a failing or hung test never leaves an app behind.
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEV_BINARY = process.env.BRIDGELOG_DEV_BINARY || join(ROOT, 'build', 'bin', 'bridgelog-dev');
export const ASSET_DIR = process.env.BRIDGELOG_ASSET_DIR || join(ROOT, 'frontend', 'dist');
// The app and the page run in a half-hour zone so a UTC/local mix-up cannot hide.
export const APP_TZ = process.env.BRIDGELOG_TEST_TZ || 'Asia/Kolkata';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- processes

const live = new Set(); // session ids of processes still to kill

/** Lists the pids whose session id is sid (every process started under one setsid). */
export function sessionPids(sid) {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is the state, [1] ppid, [2] pgrp, [3] session.
      if (Number(fields[3]) === sid && fields[0] !== 'Z') out.push(Number(name));
    } catch { /* the process ended while we looked */ }
  }
  return out;
}

/** Lists pid and every descendant of it (by parent pid). */
export function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch { /* gone */ }
  }
  const all = [];
  const walk = (p) => { all.push(p); for (const c of children.get(p) || []) walk(c); };
  walk(pid);
  return all;
}

function killSession(sid, signal) {
  try { process.kill(-sid, signal); } catch { /* group gone */ }
  for (const pid of sessionPids(sid)) {
    try { process.kill(pid, signal); } catch { /* gone */ }
  }
}

/** Kills a whole session: TERM, up to graceMs to exit, then KILL. */
export async function stopSession(sid, graceMs = 4000) {
  killSession(sid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && sessionPids(sid).length > 0) await sleep(50);
  killSession(sid, 'SIGKILL');
  const hard = Date.now() + 3000;
  while (Date.now() < hard && sessionPids(sid).length > 0) await sleep(50);
  live.delete(sid);
}

function killAllNow() {
  for (const sid of live) killSession(sid, 'SIGKILL');
  live.clear();
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { killAllNow(); process.exit(128 + 1); });
}

/** Returns a TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Makes a fresh directory for one test: db, config and logs live in it. */
export function makeTestDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `bridgelog-e2e-${name}-`));
  mkdirSync(join(dir, 'cfg'), { recursive: true });
  return { dir, db: join(dir, 'test.db'), cfg: join(dir, 'cfg') };
}

export function removeTestDir(dir) {
  if (process.env.BRIDGELOG_KEEP_TMP) return;
  try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
}

/**
 * Starts the dev-tagged app on db under dbus-run-session and Xvfb and waits until
 * its dev server answers on port. Returns { port, url, sid, log, stop() }.
 * timeScale runs the app's clock that many times faster than real time from
 * launch (BRIDGELOG_TIME_SCALE, test-only: 60 makes a real second an app
 * minute); without it the app runs on the wall clock, whatever the caller's
 * environment says. env adds or overrides variables.
 */
export async function startApp(opts) {
  try {
    return await startAppOnce(opts);
  } catch (e) {
    // `xvfb-run -a` picks a display number by its lock file; two servers
    // started close together can pick the same one, and the app then meets
    // the other server's authorisation and GTK cannot start. That race is the
    // test rig's, not the app's: one more try, on a new port and display.
    if (!/failed to init GTK/.test(e.message)) throw e;
    process.stderr.write(`# GTK could not start on the display xvfb-run chose; starting the app once more\n`);
    return startAppOnce({ ...opts, port: undefined });
  }
}

async function startAppOnce({ dir, db, cfg, port, timeoutMs = 45000, env = {}, timeScale }) {
  if (!existsSync(DEV_BINARY)) throw new Error(`no dev binary at ${DEV_BINARY}: run build/e2e.sh`);
  port = port || await freePort();
  const logPath = join(dir, `app-${port}-${Date.now()}.log`);
  const fd = openSync(logPath, 'a');
  const base = { ...process.env };
  delete base.BRIDGELOG_TIME_SCALE;
  if (timeScale !== undefined) {
    if (!(Number(timeScale) >= 1)) throw new Error(`timeScale must be a number >= 1, got ${timeScale}`);
    base.BRIDGELOG_TIME_SCALE = String(timeScale);
  }
  // Xvfb first, then the session bus inside it: a notification daemon the bus
  // starts on demand (dunst) inherits DISPLAY and can show the app's desktop
  // notifications, as on a real desktop.
  const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x900x24',
    'dbus-run-session', '--',
    DEV_BINARY, '-assetdir', ASSET_DIR, '-devserver', `localhost:${port}`,
  ], {
    cwd: ROOT,
    detached: true, // setsid: the app, Xvfb, dbus and WebKit share one session we can kill
    stdio: ['ignore', fd, fd],
    env: {
      ...base,
      BRIDGELOG_DB: db,
      XDG_CONFIG_HOME: cfg,
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      TZ: APP_TZ,
      ...env,
    },
  });
  closeSync(fd);
  const sid = child.pid;
  live.add(sid);
  if (process.env.BRIDGELOG_E2E_SIDS) appendFileSync(process.env.BRIDGELOG_E2E_SIDS, `${sid}\n`);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const url = `http://localhost:${port}/`;
  const handle = {
    port, url, sid, log: logPath, child, timeScale: timeScale === undefined ? 1 : Number(timeScale),
    stop: () => stopSession(sid),
    logText: () => { try { return readFileSync(logPath, 'utf8'); } catch { return ''; } },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stopSession(sid);
      throw new Error(`app exited before serving (${JSON.stringify(exited)}); log:\n${tail(handle.logText())}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        const body = await res.text();
        if (body.includes('<')) break;
      }
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      await stopSession(sid);
      throw new Error(`app did not answer on ${url} within ${timeoutMs} ms; log:\n${tail(handle.logText())}`);
    }
    await sleep(100);
  }
  return handle;
}

export function tail(text, lines = 40) {
  return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------- browser

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches Debian's Chromium (never a downloaded one) with a fresh profile. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30000,
  });
}

/**
 * Opens the app's page in a new context and waits for the Go bindings. The page's
 * console errors, uncaught exceptions and any alert() are collected in page.problems.
 */
export async function openPage(browser, url, { timezoneId = APP_TZ } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId, locale: 'en-GB' });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.problems = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message} ${String(e.stack || '').split('\n').slice(1, 4).map((l) => l.trim()).join(' < ')}`));
  page.on('response', (r) => { if (r.status() >= 400) page.problems.push(`http ${r.status()}: ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('dialog', async (d) => { page.dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss().catch(() => {}); });
  await page.goto(url, { waitUntil: 'load', timeout: 20000 });
  await page.waitForFunction(() => window.go && window.go.app && window.go.app.Timeline && window.go.app.Incidents, null, { timeout: 15000 });
  return page;
}

/**
 * The page's problems that are the product's: uncaught exceptions and console
 * errors, less two that come from the harness rather than Bridgelog. Wails' dev
 * bridge (/wails/ipc.js, only served to a browser in dev mode, never in the
 * production window) throws while mounting its own overlay; and Chromium's
 * favicon request 404s (reported without a URL; real 4xx responses are logged
 * separately as "http 4xx: URL").
 */
export function productProblems(page) {
  return [...(page?.problems ?? []), ...(page?.dialogs ?? [])].filter((p) =>
    !(p.startsWith('pageerror:') && p.includes('/wails/ipc.js')) &&
    !(p.startsWith('console: Failed to load resource') && !/http 4\d\d/.test(p)) &&
    !/favicon/i.test(p));
}

// ---------------------------------------------------------------- database

/** Runs a read query on the SQLite file with the sqlite3 CLI and returns its rows. */
export function sql(db, query) {
  const out = execFileSync('sqlite3', ['-json', '-cmd', '.timeout 5000', db, query], {
    encoding: 'utf8', timeout: 10000, maxBuffer: 64 * 1024 * 1024,
  });
  return out.trim() ? JSON.parse(out) : [];
}

/** Quotes a value as an SQL string literal. */
export function q(s) { return `'${String(s).replaceAll("'", "''")}'`; }

// ---------------------------------------------------------------- waiting

/**
 * Polls fn until it returns a truthy value (returned) or timeoutMs passes; then
 * throws with message and the last value or error seen.
 */
export async function waitFor(fn, { timeoutMs = 5000, intervalMs = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) { last = e; }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}; last: ${detail}`);
    }
    await sleep(intervalMs);
  }
}

/** Waits until locator's text equals (string) or matches (RegExp) want. */
export async function expectText(locator, want, opts = {}) {
  let seen;
  try {
    await waitFor(async () => {
      seen = (await locator.first().innerText({ timeout: 500 })).trim();
      return typeof want === 'string' ? seen === want : want.test(seen);
    }, { timeoutMs: 5000, ...opts, message: `${locator} to have text ${want}` });
  } catch (e) {
    throw new Error(`${e.message}\n  expected: ${want}\n  seen: ${JSON.stringify(seen)}`);
  }
}

/** Waits until locator's text contains want. */
export async function expectContains(locator, want, opts = {}) {
  let seen;
  try {
    await waitFor(async () => {
      seen = await locator.first().innerText({ timeout: 500 });
      return typeof want === 'string' ? seen.includes(want) : want.test(seen);
    }, { timeoutMs: 5000, ...opts, message: `${locator} to contain ${want}` });
  } catch (e) {
    throw new Error(`${e.message}\n  expected to contain: ${want}\n  seen: ${JSON.stringify(seen)}`);
  }
}

/** Waits until an input or textarea holds value. */
export async function expectValue(locator, want, opts = {}) {
  let seen;
  try {
    await waitFor(async () => {
      seen = await locator.inputValue({ timeout: 500 });
      return typeof want === 'string' ? seen === want : want.test(seen);
    }, { timeoutMs: 5000, ...opts, message: `${locator} to have value ${typeof want === 'string' ? JSON.stringify(want.slice(0, 80)) : want}` });
  } catch (e) {
    throw new Error(`${e.message}\n  seen: ${JSON.stringify(String(seen).slice(0, 200))}`);
  }
}

/** Waits until locator is the focused element. */
export async function expectFocused(locator, opts = {}) {
  let seen;
  try {
    await waitFor(async () => {
      const focused = await locator.first().evaluate((el) => el === document.activeElement, null, { timeout: 500 });
      if (!focused) {
        seen = await locator.page().evaluate(() => {
          const a = document.activeElement;
          return a ? `<${a.tagName.toLowerCase()} aria-label=${JSON.stringify(a.getAttribute('aria-label'))}>` : 'none';
        });
      }
      return focused;
    }, { timeoutMs: 5000, ...opts, message: `${locator} to be focused` });
  } catch (e) {
    throw new Error(`${e.message}\n  focused instead: ${seen}`);
  }
}

export async function expectVisible(locator, opts = {}) {
  await locator.first().waitFor({ state: 'visible', timeout: opts.timeoutMs || 5000 });
}

export async function expectHidden(locator, opts = {}) {
  await locator.first().waitFor({ state: 'hidden', timeout: opts.timeoutMs || 5000 });
}

// ---------------------------------------------------------------- the UI contract

/** Locators named by the UI contract (notes/ui-spec.md). */
export function ui(page) {
  return {
    line: page.getByRole('textbox', { name: 'Timeline entry', exact: true }),
    chip: page.getByRole('status', { name: 'Entry kind', exact: true }),
    problem: page.getByRole('alert', { name: 'Entry problem', exact: true }),
    entryTime: page.getByLabel('Entry time', { exact: true }),
    timeline: page.getByRole('log', { name: 'Timeline', exact: true }),
    articles: page.getByRole('log', { name: 'Timeline', exact: true }).getByRole('article'),
    newIncident: page.getByRole('dialog', { name: 'New incident', exact: true }),
    switchIncident: page.getByRole('dialog', { name: 'Switch incident', exact: true }),
    cheatSheet: page.getByRole('dialog', { name: 'Keyboard and grammar cheat sheet', exact: true }),
    editing: page.getByRole('status', { name: 'Editing entry', exact: true }),
    dashboard: page.getByRole('complementary', { name: 'IC dashboard', exact: true }),
    // The IC's clocks (notes/clocks-api.md).
    mitigationConfirm: page.getByRole('dialog', { name: 'Another mitigation is in progress', exact: true }),
    reminder: page.getByRole('alert', { name: 'Reminder', exact: true }),
  };
}

/**
 * Answers the "Another mitigation is in progress" dialog the way a scribe does
 * who means it: the dialog names the mitigation still running (inProgress, if
 * given), "Record anyway" has the focus, Enter records the line.
 */
export async function recordMitigationAnyway(page, inProgress) {
  const u = ui(page);
  await expectVisible(u.mitigationConfirm, { timeoutMs: 5000 }).catch((e) => {
    throw new Error(`the dialog "Another mitigation is in progress" did not open: ${e.message}`);
  });
  if (inProgress) await expectContains(u.mitigationConfirm, inProgress);
  await expectFocused(u.mitigationConfirm.getByRole('button', { name: 'Record anyway', exact: true }));
  await page.keyboard.press('Enter');
  await expectHidden(u.mitigationConfirm);
  await expectFocused(u.line);
}

/**
 * Types a line into the focused entry line and presses Enter, then waits until the
 * line is empty again (the UI clears it only when the entry was saved).
 */
export async function commitLine(page, text, { delay = 0, mitigationInProgress } = {}) {
  const u = ui(page);
  await typeLine(page, text, { delay });
  await page.keyboard.press('Enter');
  // An m: line started while another mitigation runs asks first (clocks-api.md):
  // mitigationInProgress names the one the dialog must show; Enter records anyway.
  if (mitigationInProgress !== undefined) await recordMitigationAnyway(page, mitigationInProgress || undefined);
  // Resolving with actions still open asks what becomes of them; Enter
  // leaves them open, as resolving did before it asked.
  if (/(^|\s)phase:\s*resolved\b/i.test(text)) {
    const asked = page.getByRole('dialog', { name: 'Actions are still open', exact: true });
    if (await asked.waitFor({ state: 'visible', timeout: 1500 }).then(() => true, () => false)) {
      await page.keyboard.press('Enter');
      await asked.waitFor({ state: 'hidden', timeout: 5000 });
    }
  }
  await expectValue(u.line, '', { timeoutMs: 5000 }).catch(async (e) => {
    const problem = await u.problem.innerText({ timeout: 200 }).catch(() => '');
    const asked = await u.mitigationConfirm.isVisible().catch(() => false);
    throw new Error(`line was not cleared after Enter on ${JSON.stringify(text.slice(0, 80))}` +
      (problem ? `; Entry problem says: ${problem}` : '') +
      (asked ? '; the dialog "Another mitigation is in progress" is open' : '') + `\n${e.message}`);
  });
}

/** Types text with the keyboard; newlines are typed as Shift+Enter. */
export async function typeLine(page, text, { delay = 0 } = {}) {
  const parts = text.split('\n');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) await page.keyboard.press('Shift+Enter');
    if (parts[i]) await page.keyboard.type(parts[i], { delay });
  }
}

/** Creates an incident through the New incident dialog (already open). */
export async function fillNewIncident(page, title) {
  const { newIncident } = ui(page);
  await expectVisible(newIncident);
  const titleInput = newIncident.getByLabel('Incident title', { exact: true });
  await expectFocused(titleInput);
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await expectHidden(newIncident);
}

/** Reads the scroll position of the timeline (role log). */
export async function logScroll(page) {
  return ui(page).timeline.evaluate((t) => ({
    scrollTop: Math.round(t.scrollTop), clientHeight: t.clientHeight, scrollHeight: t.scrollHeight,
    atBottom: t.scrollTop + t.clientHeight >= t.scrollHeight - 2,
  }));
}

/** Waits until the timeline is scrolled to its bottom. */
export async function expectPinnedToBottom(page, what) {
  let seen;
  await waitFor(async () => (seen = await logScroll(page)).atBottom, { timeoutMs: 2000, message: 'the timeline at its bottom' })
    .catch(() => { throw new Error(`${what}: the timeline is not pinned to the bottom: ${JSON.stringify(seen)}`); });
}

/** Test-local state: one app + one browser, torn down by close(). */
export async function bootApp(name, { env, timeScale } = {}) {
  const t = makeTestDir(name);
  let app;
  try {
    app = await startApp({ ...t, env, timeScale });
  } catch (e) {
    removeTestDir(t.dir); // the error carries the app log's tail
    throw e;
  }
  let browser;
  try {
    browser = await launchBrowser();
    const page = await openPage(browser, app.url);
    return { ...t, app, browser, page };
  } catch (e) {
    await browser?.close().catch(() => {});
    await app.stop();
    removeTestDir(t.dir);
    throw e;
  }
}
