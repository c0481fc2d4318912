// A damaged database and the backups. The app started on a file of garbage
// shows the recovery screen, says what is wrong and leaves the file exactly as
// it was; moving it aside starts Bridgelog again on a fresh database. On a
// healthy database, Settings lists the backups, "Back up now" adds one, and a
// restore asks first, then brings the app back on the backup. A write-ahead
// log damaged halfway is recovered up to the damage; a deleted database with
// a backup beside it is not taken for a new one, and starting empty is a
// choice; a named pipe at the database path gets the screen, not a hang.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import {
  bootApp, launchBrowser, makeTestDir, removeTestDir, startApp, ui, waitFor, commitLine, fillNewIncident,
  expectContains, expectFocused, expectHidden, expectVisible, productProblems, sql, APP_TZ,
} from './helpers.mjs';
import { scenario } from './steps.mjs';
import { killApp } from './kill.mjs';

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Opens the app's page and waits for the recovery binding, the only one a recovery start binds. */
async function openRecoveryPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: APP_TZ, locale: 'en-GB' });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.problems = [];
  // As helpers.openPage records them, so productProblems leaves out the dev bridge's own.
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message} ${String(e.stack || '').split('\n').slice(1, 4).map((l) => l.trim()).join(' < ')}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  await page.goto(url, { waitUntil: 'load', timeout: 20000 });
  await page.waitForFunction(() => window.go && window.go.app && window.go.app.Recovery, null, { timeout: 15000 });
  return page;
}

/**
 * Reloads the page once the app has started again on the same port: the old
 * run logs "starting again" just before it replaces itself, so a page loaded
 * after that line is the new run's.
 */
async function reloadWhenBack(app, page, binding) {
  await waitFor(() => app.logText().includes('starting again'), { timeoutMs: 30000, intervalMs: 100, message: 'the app to close and start again' });
  await waitFor(async () => (await fetch(app.url, { signal: AbortSignal.timeout(1000) })).ok, { timeoutMs: 30000, intervalMs: 200, message: 'the new run to serve the page' });
  await waitFor(async () => {
    try {
      await page.reload({ waitUntil: 'load', timeout: 5000 });
      await page.waitForFunction((b) => window.go?.app?.[b], binding, { timeout: 5000 });
      return true;
    } catch { return false; }
  }, { timeoutMs: 30000, intervalMs: 500, message: `the app to start again with ${binding} bound` });
}

// ---------------------------------------------------------------- recovery

const damaged = {};
const step = scenario('recovery', () => damaged);
const garbage = Buffer.concat([Buffer.from('this is not a database\n'), Buffer.alloc(4096, 0xa5)]);

after(async () => {
  for (const c of [damaged, healthy, walCtx, lostCtx, pipeCtx]) {
    await c.browser?.close().catch(() => {});
    await c.app?.stop();
    if (c.dir) removeTestDir(c.dir);
  }
}, { timeout: 30000 });

step('a database of garbage opens the recovery screen, not the app', async () => {
  Object.assign(damaged, makeTestDir('recovery'));
  writeFileSync(damaged.db, garbage, { mode: 0o600 });
  damaged.sum = sha256(damaged.db);
  damaged.app = await startApp(damaged);
  damaged.browser = await launchBrowser();
  const page = damaged.page = await openRecoveryPage(damaged.browser, damaged.app.url);
  await expectVisible(page.getByRole('heading', { name: 'Bridgelog cannot open its database', exact: true }), { timeoutMs: 10000 });
  const problem = page.getByRole('alert', { name: 'Database problem', exact: true });
  await expectContains(problem, `The file at ${damaged.db} is not a Bridgelog database`);
  await expectContains(problem, 'It has not been changed.');
  await expectContains(page.getByRole('main'), 'There are no backups of this database.');
  // No backup to restore: moving the file aside is what the keyboard is on.
  await expectFocused(page.getByRole('button', { name: 'Move the file aside and start fresh…', exact: true }));
  assert.equal(await ui(page).line.count(), 0, 'no entry line on the recovery screen');
  assert.deepEqual(productProblems(page), []);
});

step('the damaged file is left exactly as it was', async () => {
  assert.equal(sha256(damaged.db), damaged.sum, 'sha256 of the database file');
  for (const side of ['-wal', '-shm', '-journal']) assert.ok(!existsSync(damaged.db + side), `no ${side} file beside it`);
});

step('moving the file aside keeps its bytes and starts again on a fresh database', async () => {
  const { page } = damaged;
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('group', { name: 'Confirm moving the file aside', exact: true });
  await expectVisible(confirm);
  await expectFocused(confirm.getByRole('button', { name: 'Move aside and restart', exact: true }));
  await page.keyboard.press('Escape'); // taken back: nothing happens
  await expectHidden(confirm);
  assert.equal(sha256(damaged.db), damaged.sum);
  await page.keyboard.press('Enter');
  await expectVisible(confirm);
  await page.keyboard.press('Enter');
  const dir = dirname(damaged.db);
  const moved = await waitFor(() => readdirSync(dir).find((n) => n.startsWith('test.db.damaged-')), { timeoutMs: 10000, message: 'the damaged file moved aside' });
  assert.equal(sha256(join(dir, moved)), damaged.sum, 'the moved file holds the same bytes');
  await reloadWhenBack(damaged.app, page, 'Timeline');
  // A fresh database: the first-launch dialog, and a toast saying where the old file went.
  await expectVisible(ui(page).newIncident, { timeoutMs: 10000 });
  await expectContains(page.locator('body'), moved);
}, { critical: false, timeout: 90000 });

// ---------------------------------------------------------------- backups

const healthy = {};
const bstep = scenario('backups', () => healthy);

bstep('Settings lists no backups on a new database', async () => {
  Object.assign(healthy, await bootApp('backups'));
  const { page } = healthy;
  await fillNewIncident(page, 'Backup checks');
  await commitLine(page, 'tl: before the backup');
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expectVisible(settings);
  await expectContains(settings.getByRole('region', { name: 'Backups', exact: true }), 'No backups yet.');
});

bstep('"Back up now" makes a backup and lists it', async () => {
  const { page } = healthy;
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('button', { name: 'Back up now', exact: true }).click();
  const list = settings.getByRole('list', { name: 'Backups', exact: true });
  await expectVisible(list, { timeoutMs: 15000 });
  const items = list.getByRole('listitem');
  assert.equal(await items.count(), 1);
  await expectContains(items.first(), 'made by hand');
  await expectContains(items.first(), '1 incident');
  await expectContains(settings.getByRole('status', { name: 'Backup status', exact: true }), /^Backed up at \d\d:\d\d: 1 incident\.$/);
  const files = readdirSync(join(healthy.dir, 'test-backups'));
  assert.equal(files.filter((n) => /^bridgelog-\d{8}T\d{6}Z-\d+e-\d+i-manual\.db$/.test(n)).length, 1, `backup folder: ${files}`);
  assert.deepEqual(productProblems(page), []);
});

bstep('a restore asks first; Esc takes the question back and keeps Settings open', async () => {
  const { page } = healthy;
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  const restore = settings.getByRole('button', { name: /^Restore backup from \d\d:\d\d$/ });
  healthy.restoreName = await restore.getAttribute('aria-label');
  await restore.focus();
  await page.keyboard.press('Enter');
  const confirm = settings.getByRole('group', { name: 'Confirm restore', exact: true });
  const when = healthy.restoreName.replace('Restore backup from ', '');
  await expectContains(confirm, `Restore the backup from ${when}? The current database is kept aside as a backup first. Bridgelog restarts.`);
  await expectFocused(confirm.getByRole('button', { name: 'Restore and restart', exact: true }));
  await page.keyboard.press('Escape');
  await expectHidden(confirm);
  await expectVisible(settings);
  await expectFocused(restore);
});

bstep('restoring brings the app back on the backup, the later entry kept aside', async () => {
  const { page } = healthy;
  await page.keyboard.press('Escape'); // close Settings
  await commitLine(page, 'tl: after the backup');
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('button', { name: healthy.restoreName, exact: true }).click();
  await settings.getByRole('button', { name: 'Restore and restart', exact: true }).click();
  await reloadWhenBack(healthy.app, page, 'Timeline');
  await expectContains(ui(page).timeline, 'before the backup', { timeoutMs: 10000 });
  assert.equal(await ui(page).articles.filter({ hasText: 'after the backup' }).count(), 0, 'the later entry is not in the restored database');
  await expectContains(page.locator('body'), 'Restored the backup from');
  const files = readdirSync(join(healthy.dir, 'test-backups'));
  assert.equal(files.filter((n) => /-before-restore(-\d+)?\.db$/.test(n)).length, 1, `the replaced database kept: ${files}`);
}, { critical: false, timeout: 90000 });

// ---------------------------------------------------------------- a damaged write-ahead log

// Lines typed and the app killed before any checkpoint: the lines live in the
// -wal file only. A byte flipped in a frame halfway through it would make
// SQLite drop every later transaction without a word; the app shows the
// recovery screen instead, leaves the three files as they were, and
// recovering brings back exactly what SQLite's valid frames hold.

const walCtx = {};
const wstep = scenario('recovery-wal', () => walCtx);

/** Reads a WAL file's frames: page size, salts, and each frame's commit field and salts. */
function walFrames(path) {
  const b = readFileSync(path);
  const ps = b.readUInt32BE(8);
  const salt = b.subarray(16, 24).toString('hex');
  const frames = [];
  for (let off = 32; off + 24 + ps <= b.length; off += 24 + ps) {
    frames.push({ off, commit: b.readUInt32BE(off + 4), ours: b.subarray(off + 8, off + 16).toString('hex') === salt });
  }
  return { ps, frames };
}

/** Counts the lines this scenario typed in the database at db, as SQLite reads it with its -wal beside it. */
function walLines(db) {
  return sql(db, "SELECT count(*) AS n FROM entries WHERE text LIKE 'wal line %'")[0].n;
}

wstep('lines typed, then SIGKILL before any checkpoint: the lines live in the write-ahead log', async () => {
  Object.assign(walCtx, await bootApp('recovery-wal'));
  const { page } = walCtx;
  await fillNewIncident(page, 'Checkout errors');
  // Eight lines stay under wal_autocheckpoint's 256 pages (each line writes
  // its entry, the search index and the change log with their indexes).
  for (let i = 1; i <= 8; i++) await commitLine(page, `tl: wal line ${i}`);
  await killApp(walCtx.app); // well within the quiet time before a checkpoint
  await walCtx.browser.close();
  walCtx.browser = null;
  const { frames } = walFrames(walCtx.db + '-wal');
  assert.ok(frames.filter((f) => f.commit && f.ours).length >= 8, `commits in the log: ${frames.length} frames`);
});

wstep('a byte flipped halfway through the log opens the recovery screen and changes nothing', async () => {
  const { db } = walCtx;
  const { ps, frames } = walFrames(db + '-wal');
  // The first frame written after line 6 was saved: the first to hold any of
  // line 7's text (its draft, then the entry). Commits of this log follow it.
  const wal = readFileSync(db + '-wal');
  const at = wal.indexOf('wal line 7');
  const k = frames.findIndex((f) => at >= f.off && at < f.off + 24 + ps);
  assert.ok(k > 0 && frames.slice(k + 1).some((f) => f.commit && f.ours), `line 7 first in frame ${k} of ${frames.length}`);
  wal[frames[k].off + 24 + Math.floor(ps / 2)] ^= 0xff;
  writeFileSync(db + '-wal', wal);
  // What SQLite itself finds, from a copy: the lines saved before that frame.
  const copy = join(walCtx.dir, 'sqlite-sees.db');
  copyFileSync(db, copy);
  copyFileSync(db + '-wal', copy + '-wal');
  walCtx.expected = walLines(copy);
  walCtx.entries = sql(copy, 'SELECT count(*) AS n FROM entries')[0].n;
  assert.equal(walCtx.expected, 6, 'lines SQLite finds before the damage');
  walCtx.sums = ['', '-wal', '-shm'].map((s) => sha256(db + s));

  walCtx.app = await startApp(walCtx);
  walCtx.browser = await launchBrowser();
  const page = walCtx.page = await openRecoveryPage(walCtx.browser, walCtx.app.url);
  await expectVisible(page.getByRole('heading', { name: 'The database’s write-ahead log needs recovering', exact: true }), { timeoutMs: 10000 });
  const problem = page.getByRole('alert', { name: 'Database problem', exact: true });
  await expectContains(problem, `The write-ahead log of the database at ${db}`);
  await expectContains(problem, 'Nothing has been opened or changed.');
  await expectContains(page.getByLabel('What the log holds', { exact: true }), `with the database file that makes 1 incident and ${walCtx.entries} timeline entries`);
  await expectContains(page.getByRole('region', { name: 'What each choice does' }), 'Rebuilds the database from the file and the intact part of its write-ahead log');
  await expectFocused(page.getByRole('button', { name: 'Recover what the log holds…', exact: true }));
  assert.deepEqual(['', '-wal', '-shm'].map((s) => sha256(db + s)), walCtx.sums, 'sha256 of the database, its -wal and -shm');
  assert.deepEqual(productProblems(page), []);
});

wstep('recovering asks first, then starts again with every line the valid frames held', async () => {
  const { page, db } = walCtx;
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('group', { name: 'Confirm recovering from the log', exact: true });
  await expectVisible(confirm);
  await expectFocused(confirm.getByRole('button', { name: 'Recover and restart', exact: true }));
  await page.keyboard.press('Escape');
  await expectHidden(confirm);
  await expectFocused(page.getByRole('button', { name: 'Recover what the log holds…', exact: true }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await reloadWhenBack(walCtx.app, page, 'Timeline');
  await expectContains(page.locator('body'), 'Recovered 1 incident and', { timeoutMs: 10000 });
  await expectContains(ui(page).timeline, 'wal line 1', { timeoutMs: 10000 });
  const moved = readdirSync(dirname(db)).find((n) => /^test\.db\.damaged-[0-9TZ]+$/.test(n));
  assert.ok(moved, 'the damaged files moved aside');
  assert.deepEqual(['', '-wal', '-shm'].map((s) => sha256(join(dirname(db), moved) + s)), walCtx.sums, 'the moved files hold the damaged bytes');
  assert.equal(walLines(db), walCtx.expected, 'lines in the recovered database');
}, { critical: false, timeout: 90000 });

// ---------------------------------------------------------------- a deleted database with backups

const lostCtx = {};
const lstep = scenario('recovery-lost', () => lostCtx);

lstep('a deleted database with a backup beside it opens the recovery screen, not a new database', async () => {
  Object.assign(lostCtx, await bootApp('recovery-lost'));
  const { page } = lostCtx;
  await fillNewIncident(page, 'Lost database checks');
  await commitLine(page, 'tl: kept in the backup');
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('button', { name: 'Back up now', exact: true }).click();
  await expectVisible(settings.getByRole('list', { name: 'Backups', exact: true }), { timeoutMs: 15000 });
  await lostCtx.browser.close();
  lostCtx.browser = null;
  await lostCtx.app.stop();
  for (const s of ['', '-wal', '-shm']) rmSync(lostCtx.db + s, { force: true });

  lostCtx.backups = readdirSync(join(lostCtx.dir, 'test-backups')).sort();
  lostCtx.app = await startApp(lostCtx);
  lostCtx.browser = await launchBrowser();
  const p = lostCtx.page = await openRecoveryPage(lostCtx.browser, lostCtx.app.url);
  await expectVisible(p.getByRole('heading', { name: 'The database looks new, but its backups hold incidents', exact: true }), { timeoutMs: 10000 });
  await expectContains(p.getByRole('alert', { name: 'Database problem', exact: true }), `There is no database file at ${lostCtx.db}`);
  await expectFocused(p.getByRole('button', { name: /^Restore the latest good backup \(.+\)…$/ }));
  assert.ok(!existsSync(lostCtx.db), 'no database was created');
  assert.deepEqual(productProblems(p), []);
});

lstep('starting empty on purpose is one Tab away, asks first, and is not asked again', async () => {
  const { page } = lostCtx;
  await page.keyboard.press('Tab');
  await expectFocused(page.getByRole('button', { name: 'Start with an empty database…', exact: true }));
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('group', { name: 'Confirm starting empty', exact: true });
  await expectFocused(confirm.getByRole('button', { name: 'Start empty and restart', exact: true }));
  await page.keyboard.press('Enter');
  await reloadWhenBack(lostCtx.app, page, 'Timeline');
  await expectVisible(ui(page).newIncident, { timeoutMs: 10000 });
  await expectContains(page.locator('body'), 'Started with an empty database');
  const backups = readdirSync(join(lostCtx.dir, 'test-backups')).filter((n) => !n.startsWith('.')).sort();
  assert.deepEqual(backups, lostCtx.backups.filter((n) => !n.startsWith('.')), 'the backups are untouched');
  // The next start opens the app on the empty database: the choice holds.
  await lostCtx.app.stop();
  lostCtx.app = await startApp(lostCtx);
  await page.goto(lostCtx.app.url, { waitUntil: 'load', timeout: 20000 });
  await page.waitForFunction(() => window.go?.app?.Timeline, null, { timeout: 15000 });
  await expectVisible(ui(page).newIncident, { timeoutMs: 10000 });
  assert.equal(await page.getByRole('heading', { name: 'The database looks new, but its backups hold incidents' }).count(), 0);
}, { critical: false, timeout: 90000 });

// ---------------------------------------------------------------- an unusable location

const pipeCtx = {};
const pstep = scenario('recovery-pipe', () => pipeCtx);

pstep('a named pipe at the database path gets the recovery screen at once, naming the path and what to do', async () => {
  Object.assign(pipeCtx, makeTestDir('recovery-pipe'));
  execFileSync('mkfifo', ['-m', '600', pipeCtx.db]);
  pipeCtx.app = await startApp(pipeCtx);
  pipeCtx.browser = await launchBrowser();
  const page = pipeCtx.page = await openRecoveryPage(pipeCtx.browser, pipeCtx.app.url);
  await expectVisible(page.getByRole('heading', { name: 'Bridgelog cannot keep its database there', exact: true }), { timeoutMs: 10000 });
  const problem = page.getByRole('alert', { name: 'Database problem', exact: true });
  await expectContains(problem, `Bridgelog cannot keep its database at ${pipeCtx.db}: it is a named pipe (FIFO), not a file.`);
  await expectContains(problem, '--db');
  await expectFocused(page.getByRole('button', { name: 'Check again', exact: true }));
  assert.equal(await page.getByRole('button', { name: 'Move the file aside and start fresh…', exact: true }).count(), 0);
  assert.ok(statSync(pipeCtx.db).isFIFO(), 'the pipe is left as it was');
  assert.deepEqual(productProblems(page), []);
});
