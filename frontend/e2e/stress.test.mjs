// What a first-time scribe and IC tripped on under stress, each checked in
// the window: the reminder strip that moved the window, buttons that did not
// say what they did, a queue nobody could see, clocks scrolled out of view,
// and an escalation path with nowhere to set it. A second app on a clock
// running 60x brings a check-in reminder whose button records the check-in
// on the timeline.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootApp, removeTestDir, sql, ui, waitFor, commitLine, fillNewIncident, expectVisible, expectHidden, expectFocused, expectContains,
  productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const ctx = {};
const fast = {};
const step = scenario('stress', () => ctx);

before(async () => {
  Object.assign(ctx, await bootApp('stress'));
}, { timeout: 90000 });
after(async () => {
  for (const c of [ctx, fast]) {
    await c.browser?.close().catch(() => {});
    await c.app?.stop();
    if (c.dir) removeTestDir(c.dir);
  }
}, { timeout: 30000 });

/** The timeline's top edge on the page: it must not move when a reminder comes or goes. */
const timelineTop = (page) => ui(page).timeline.evaluate((t) => Math.round(t.getBoundingClientRect().top));
const strip = (page) => ui(page).reminder;

step('a reminder coming and going does not move the window', async () => {
  const { page } = ctx;
  const u = ui(page);
  await fillNewIncident(page, 'Checkout errors in EU');
  await expectHidden(strip(page));
  await expectVisible(page.getByText('No reminder due', { exact: true }));
  const before = await timelineTop(page);
  // Asked 40 minutes ago: its acknowledgement reminder is due at once.
  await commitLine(page, '-40m a: @lena check the replica lag on the EU primary 10m');
  await expectVisible(strip(page), { timeoutMs: 10000 });
  assert.equal(await timelineTop(page), before, 'the timeline stayed where it was when the reminder came');
  await expectFocused(u.line);
});

step('the reminder\'s first button says what it does, and Ctrl+Shift+A does it', async () => {
  const { page } = ctx;
  const u = ui(page);
  const before = await timelineTop(page);
  const banner = strip(page);
  await expectVisible(banner.getByRole('button', { name: 'Mark acknowledged by @lena', exact: true }));
  await expectVisible(banner.getByRole('button', { name: 'Dismiss', exact: true }));
  await page.keyboard.press('Control+Shift+A');
  const incident = sql(ctx.db, 'SELECT id FROM incidents')[0].id;
  await waitFor(() => sql(ctx.db, `SELECT state FROM actions WHERE incident_id = ${incident}`)[0]?.state === 'acknowledged',
    { message: 'the action acknowledged in the store' });
  await expectVisible(u.articles.filter({ hasText: /lena/ }).filter({ hasText: /acknowledg/i }).first());
  // Her report-back, promised 30 minutes ago, is overdue too: its button records it.
  const reportBack = banner.getByRole('button', { name: 'Record check-in from @lena', exact: true });
  await expectVisible(reportBack, { timeoutMs: 5000 });
  await page.keyboard.press('Control+Shift+A');
  await waitFor(() => sql(ctx.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${incident} AND text LIKE '@lena to report back in 10 min%'`)[0].n === 1,
    { message: 'the next report-back, at the interval asked, on the timeline' });
  await expectHidden(banner, { timeoutMs: 5000 });
  assert.equal(await timelineTop(page), before, 'the timeline stayed where it was when the reminder went');
  await expectFocused(u.line);
});

step('+N more and Ctrl+Shift+Q show the whole queue', async () => {
  const { page } = ctx;
  await commitLine(page, '-30m a: @sam drain the canary pool');
  await commitLine(page, '-30m a: @jo roll back payments to v41');
  const banner = strip(page);
  await expectVisible(banner, { timeoutMs: 10000 });
  await expectVisible(banner.getByRole('button', { name: /^\+\d+ more$/ }));
  await page.keyboard.press('Control+Shift+Q');
  const queue = page.getByRole('list', { name: 'Reminders due', exact: true });
  await expectVisible(queue);
  await waitFor(async () => (await queue.getByRole('listitem').count()) >= 2, { message: 'both reminders in the queue' });
  await expectContains(queue, '@sam');
  await expectContains(queue, '@jo');
  await page.keyboard.press('Control+Shift+Q');
  await expectHidden(queue);
});

step('the clocks stay in view when the actions board is opened, and the view comes back on Esc', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  for (let i = 1; i <= 10; i++) await commitLine(page, `a: @owner${i} follow-up task number ${i}`);
  await page.keyboard.press('Control+j');
  await waitFor(() => page.evaluate(() => document.activeElement?.closest('[aria-label="Open actions"]') !== null && document.activeElement?.tagName === 'LI'),
    { message: 'a row of the actions board focused' });
  const inView = async () => u.dashboard.getByRole('timer', { name: 'Next status update', exact: true }).evaluate((el) => {
    const b = el.getBoundingClientRect();
    return b.top >= 0 && b.bottom <= window.innerHeight && b.height > 0;
  });
  assert.ok(await inView(), 'the next status update countdown is in view with the actions board focused');
  await page.keyboard.press('Escape');
  await expectFocused(u.line);
  await waitFor(() => u.dashboard.evaluate((d) => d.scrollTop === 0), { message: 'the dashboard back at its top' });
  assert.ok(await inView());
});

step('the actions board opens at the most urgent action, does not wrap, and d and x can be undone', async () => {
  const { page } = ctx;
  const u = ui(page);
  const incident = sql(ctx.db, 'SELECT id FROM incidents')[0].id;
  const stateOf = (owner) => sql(ctx.db, `SELECT a.state FROM actions a JOIN entries e ON e.id = a.entry_id WHERE a.incident_id = ${incident} AND e.owner = '${owner}'`)[0]?.state;
  const board = u.dashboard.getByRole('list', { name: 'Open actions', exact: true });
  const focusedRow = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  await u.line.focus();
  await page.keyboard.press('Control+j');
  // @sam's, asked 30 minutes ago and never acknowledged, is the most urgent.
  await waitFor(async () => (await focusedRow()).startsWith('@sam:'), { message: "the board at @sam's action" });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const top = await focusedRow();
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedRow(), top, 'Up at the first row stays there');
  // d closes it; u brings it back as it stood.
  await page.keyboard.press('d');
  const closedOwner = top.match(/^@(\w+):/)[1];
  await waitFor(() => stateOf(closedOwner) === 'done', { message: 'the action done' });
  const toast = page.getByRole('status', { name: 'Undo', exact: true });
  await expectContains(toast, 'Done:');
  // The board gives the focus to the next row once the save is back.
  await waitFor(() => page.evaluate(() => document.activeElement?.tagName === 'LI' && document.activeElement.closest('[aria-label="Open actions"]') !== null),
    { message: 'a row of the board focused after d' });
  await page.keyboard.press('u');
  await waitFor(() => stateOf(closedOwner) !== 'done', { message: 'the action reopened by u' });
  await expectVisible(board.getByRole('listitem').filter({ hasText: `@${closedOwner}` }));
  // x, then back on the line, Ctrl+Z reopens it too.
  await waitFor(async () => (await focusedRow()).startsWith(`@${closedOwner}:`), { message: 'the reopened row focused' });
  await page.keyboard.press('x');
  await waitFor(() => stateOf(closedOwner) === 'abandoned', { message: 'the action abandoned' });
  await page.keyboard.press('Escape');
  await expectFocused(u.line);
  await page.keyboard.press('Control+z');
  await waitFor(() => stateOf(closedOwner) !== 'abandoned', { message: 'the action reopened by Ctrl+Z' });
  const reopened = sql(ctx.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${incident} AND text LIKE 'Reopened:%'`)[0].n;
  assert.equal(reopened, 2, 'each reopening on the timeline');
});

step('the escalation path is set in Settings and offered when paging', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.keyboard.press('Control+,');
  const dlg = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expectVisible(dlg);
  const path = dlg.getByLabel('Escalation path (one name per line, primary first)', { exact: true });
  await path.focus();
  await page.keyboard.type('priya');
  await page.keyboard.press('Enter');
  await page.keyboard.type('lena');
  const criteria = dlg.getByLabel('Default exit criteria of a monitoring watch (one per line)', { exact: true });
  await criteria.focus();
  await page.keyboard.type('Error rate under 1% for 30 minutes');
  await dlg.getByRole('button', { name: 'Save settings', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expectHidden(dlg);
  await expectFocused(u.line);
  await page.keyboard.press('Control+p');
  const pg = page.getByRole('dialog', { name: 'Page someone', exact: true });
  await expectVisible(pg);
  await expectContains(pg, 'priya → lena');
  await page.keyboard.press('Escape');
  await expectHidden(pg);
});

step('resolving with actions open asks what becomes of them; d marks them done', async () => {
  const { page } = ctx;
  const u = ui(page);
  const incident = sql(ctx.db, 'SELECT id FROM incidents')[0].id;
  const openCount = () => sql(ctx.db, `SELECT count(*) AS n FROM actions WHERE incident_id = ${incident} AND state IN ('asked', 'acknowledged')`)[0].n;
  assert.ok(openCount() > 0, 'actions open before resolving');
  await u.line.focus();
  await page.keyboard.type('phase: resolved');
  await page.keyboard.press('Enter');
  const dlg = page.getByRole('dialog', { name: 'Actions are still open', exact: true });
  await expectVisible(dlg);
  await expectContains(dlg, `${openCount()} actions are still open`);
  await page.keyboard.press('d');
  await expectHidden(dlg, { timeoutMs: 20000 });
  await waitFor(() => openCount() === 0, { timeoutMs: 20000, message: 'every open action done' });
  await waitFor(() => sql(ctx.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${incident} AND kind = 'phase' AND phase = 'resolved'`)[0].n === 1,
    { message: 'the incident resolved' });
  await expectFocused(u.line);
});

step('on a 60x clock, the check-in reminder\'s button records the check-in on the timeline', async () => {
  Object.assign(fast, await bootApp('stress-fast', { timeScale: 60 }));
  const { page } = fast;
  const u = ui(page);
  await fillNewIncident(page, 'Queue backing up');
  await commitLine(page, '! EU checkouts failing');
  // Reminders an IC would deal with come first; they are snoozed here until the check-in comes (15 app-minutes at SEV2).
  const banner = strip(page);
  await waitFor(async () => {
    const text = (await banner.isVisible()) ? await banner.innerText() : '';
    if (/Check-in due/.test(text)) return true;
    if (text) await page.keyboard.press('Control+Shift+S');
    return false;
  }, { timeoutMs: 40000, intervalMs: 300, message: 'the check-in reminder' });
  const record = banner.getByRole('button', { name: 'Record check-in', exact: true });
  await expectVisible(record);
  assert.equal(await banner.getByRole('button', { name: 'Dismiss', exact: true }).count(), 0, 'a check-in is recorded or snoozed, not dismissed');
  // The button itself, from the keyboard: at 60x another reminder can come
  // first between two looks, and Ctrl+Shift+A acts on the first one.
  await record.focus();
  await page.keyboard.press('Enter');
  const incident = sql(fast.db, 'SELECT id FROM incidents')[0].id;
  await waitFor(() => sql(fast.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${incident} AND text LIKE 'Check-in held%'`)[0].n === 1,
    { timeoutMs: 10000, message: 'the check-in on the timeline' });
  await expectVisible(u.articles.filter({ hasText: 'Check-in held' }));
}, { timeout: 90000 });

step('the pages logged no errors', async () => {
  assert.deepEqual(productProblems(ctx.page), []);
  assert.deepEqual(productProblems(fast.page), []);
}, { critical: false });
