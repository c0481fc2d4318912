// A damaged database and the backups. The app started on a file of garbage
// shows the recovery screen, says what is wrong and leaves the file exactly as
// it was; moving it aside starts Bridgelog again on a fresh database. On a
// healthy database, Settings lists the backups, "Back up now" adds one, and a
// restore asks first, then brings the app back on the backup.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  bootApp, launchBrowser, makeTestDir, removeTestDir, startApp, ui, waitFor, commitLine, fillNewIncident,
  expectContains, expectFocused, expectHidden, expectVisible, productProblems, APP_TZ,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

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
  for (const c of [damaged, healthy]) {
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
