// What the line must refuse or neutralise: an entry over 64 KiB is refused with a
// message and stays in the line; markup is shown as text, in the timeline and in
// search results. Plus the cheat sheet, which a scribe opens with F1 mid-call.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootApp, removeTestDir, sql, ui, waitFor, commitLine, fillNewIncident,
  expectContains, expectValue, expectPinnedToBottom, expectFocused, expectVisible, expectHidden,
  productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const ctx = {};
const step = scenario('safety', () => ctx);

before(async () => { Object.assign(ctx, await bootApp('safety')); }, { timeout: 90000 });
after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.app?.stop();
  if (ctx.dir) removeTestDir(ctx.dir);
}, { timeout: 30000 });

const count = () => sql(ctx.db, 'SELECT count(*) AS n FROM entries WHERE deleted_at IS NULL')[0].n;
const state = {};

step('starts an incident from the first-launch dialog', async () => {
  await fillNewIncident(ctx.page, 'Safety checks');
  await expectFocused(ui(ctx.page).line);
  state.base = count();
});

step('an entry over 64 KiB is refused with a message and stays in the line', async () => {
  const { page } = ctx;
  const u = ui(page);
  const big = 'ev: ' + 'upstream timed out while reading response header '.repeat(1400); // ~68 KiB
  assert.ok(Buffer.byteLength(big) > 64 * 1024);
  try {
    await page.keyboard.insertText(big); // a paste: the keyboard's way to enter 68 KiB
    await page.keyboard.press('Enter');
    await expectVisible(u.problem, { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    await expectValue(u.line, big);
    assert.equal(count(), state.base, 'nothing stored');
    await expectFocused(u.line);
    await expectContains(u.problem, '64 KiB');
  } finally {
    // Leave an empty line for the next steps whatever happened.
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await expectValue(u.line, '');
  }
}, { critical: false });

step('a line the backend refuses shows the backend\'s message and stays in the line', async () => {
  // Only Go knows these rules (Preview does not flag them), so the message must
  // travel through the binding's error path: ErrorFormatter -> runtime -> UI.
  const { page } = ctx;
  const u = ui(page);
  for (const [line, want] of [['d:', 'Add some text after the prefix'], ['@2099-01-01 10:00 a future line', 'is in the future']]) {
    try {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
      await new Promise((r) => setTimeout(r, 300));
      await expectValue(u.line, line);
      await expectVisible(u.problem, { timeoutMs: 5000 });
      await expectContains(u.problem, want);
      assert.equal(await u.articles.filter({ hasText: 'a future line' }).count(), 0, 'no row left in the timeline for a refused line');
    } finally {
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Backspace');
      await expectValue(u.line, '');
    }
  }
  assert.equal(count(), state.base, 'nothing stored');
}, { critical: false });

const HTML = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
step('markup typed in a line is shown as text, never as HTML', async () => {
  const { page } = ctx;
  const u = ui(page);
  await commitLine(page, HTML);
  const article = u.articles.filter({ hasText: '<img src=x onerror=alert(1)>' });
  await expectVisible(article);
  await expectContains(article, HTML);
  assert.equal(await u.timeline.locator('img').count(), 0, 'no <img> element in the timeline');
  assert.equal(await u.timeline.locator('script').count(), 0, 'no <script> element in the timeline');
  const rows = sql(ctx.db, "SELECT text FROM entries WHERE text LIKE '<img%'");
  assert.deepEqual(rows.map((r) => r.text), [HTML]);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(page.dialogs, [], 'no alert() ran');
});

step('markup in a search snippet is shown as text', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Search entries', exact: true });
  await expectFocused(box);
  await page.keyboard.type('onerror');
  const results = page.getByRole('list', { name: 'Search results', exact: true }).getByRole('listitem');
  await waitFor(async () => (await results.count()) >= 1, { message: 'a search result' });
  await expectContains(results.first(), '<img');
  assert.equal(await page.getByRole('list', { name: 'Search results', exact: true }).locator('img').count(), 0);
  await page.keyboard.press('Escape');
  await expectHidden(box);
  await expectFocused(u.line);
  assert.deepEqual(page.dialogs, [], 'no alert() ran');
}, { critical: false });

step('F1 opens the cheat sheet with the grammar; Esc closes it back to the line', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.keyboard.press('F1');
  await expectVisible(u.cheatSheet);
  for (const s of ['todo:', 'phase:', '-3m', '@14:05']) await expectContains(u.cheatSheet, s);
  await page.keyboard.press('Escape');
  await expectHidden(u.cheatSheet);
  await expectFocused(u.line);
}, { critical: false });

step('typing straight on after Enter starts a new line: nothing is glued to the saved entry', async () => {
  // A scribe hits Enter and keeps typing. When the next key lands before the save
  // has answered (a slow disk, a big incident), it must still start a fresh line.
  const { page } = ctx;
  const u = ui(page);
  const before = sql(ctx.db, 'SELECT max(id) AS id FROM entries')[0].id;
  const [first, second] = ['status page updated for EU', 'vendor ticket 4411 opened'];
  await page.keyboard.type(first);
  await page.keyboard.press('Enter');
  await page.keyboard.type(second); // no pause: the first save is still in flight
  await page.keyboard.press('Enter');
  await new Promise((r) => setTimeout(r, 1000));
  const left = await u.line.inputValue();
  if (left !== '') { // a person would see their text still there and press Enter again
    await page.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 1000));
  }
  // In timeline order. The two saves are in flight together and Go serves bound
  // calls concurrently, so under load the second can be written first (a lower
  // id); each keeps the time of its own first keystroke, which is what orders the timeline.
  const stored = sql(ctx.db, `SELECT text FROM entries WHERE id > ${before} ORDER BY occurred_at, id`).map((r) => r.text);
  try {
    assert.deepEqual(stored, [first, second], 'stored entries');
    await expectValue(u.line, '');
  } finally {
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
  }
  assert.equal(left, '', 'the line after Enter, more typing, Enter');
}, { critical: false });

step('the timeline stays pinned to the bottom as long entries arrive', async () => {
  const { page } = ctx;
  const u = ui(page);
  await expectPinnedToBottom(page, 'before the long entries');
  const tail = 'the load balancer drained the pool and the canary kept failing its health checks; '.repeat(3);
  for (let i = 1; i <= 10; i++) {
    await commitLine(page, `long entry ${i} of 10: ${tail}`);
  }
  await expectPinnedToBottom(page, 'after 10 entries of ~250 characters');
  const last = u.articles.filter({ hasText: 'long entry 10 of 10' });
  await expectVisible(last);
  // The row is redrawn once Go confirms it (its key changes), so it is
  // measured until it holds still rather than once.
  await waitFor(async () => {
    const [box, logBox] = [await last.boundingBox(), await u.timeline.boundingBox()];
    return box && logBox && box.y + box.height <= logBox.y + logBox.height + 1;
  }, { timeoutMs: 3000, message: 'the newest entry inside the visible timeline' });
}, { critical: false });

step('the page logged no errors', async () => {
  const problems = productProblems(ctx.page);
  assert.deepEqual(problems, []);
}, { critical: false });
