// What the scribe sees while typing: the grammar's problem with the line waits
// for the pause at a word's end (never "Unknown phase" while "monitoring" is
// being typed), "(backdated)" is said only of a time the grammar read, and a
// row written well after its time carries a marker naming both times.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootApp, removeTestDir, ui, commitLine, typeLine, fillNewIncident, expectValue, expectFocused, expectContains, waitFor,
  productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const ctx = {};
const step = scenario('typing', () => ctx);

before(async () => { Object.assign(ctx, await bootApp('typing')); }, { timeout: 90000 });
after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.app?.stop();
  if (ctx.dir) removeTestDir(ctx.dir);
}, { timeout: 30000 });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// What a locator shows now, without waiting: '' when hidden (the empty problem is not displayed).
const text = (locator) => locator.allInnerTexts().then((t) => t.join('').trim());

/** Empties the focused line the way a person does: select all, delete. */
async function emptyLine(page) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expectValue(ui(page).line, '');
}

step('opens an incident to type in', async () => {
  const { page } = ctx;
  await fillNewIncident(page, 'Typing on the line');
  await expectFocused(ui(page).line);
});

step('does not call a word unknown while it is being typed', async () => {
  const { page } = ctx;
  const u = ui(page);
  await typeLine(page, 'phase: moni');
  const typedAt = Date.now();
  // Go has read the line well within these 300 ms; its problem must still wait.
  const seen = [];
  while (Date.now() - typedAt < 300) {
    seen.push(await text(u.problem));
    await sleep(25);
  }
  ctx.typedAt = typedAt;
  assert.deepEqual(seen.filter((t) => t !== ''), [], 'the problem was shown within 300 ms of the last key');
}, { critical: false });

step('shows the problem once the scribe pauses', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  let shown = '';
  while (Date.now() - ctx.typedAt < 1500 && !shown) {
    shown = await text(u.problem);
    if (!shown) await sleep(25);
  }
  const after = Date.now() - ctx.typedAt;
  t.diagnostic(`the problem showed ${after} ms after the last key: ${JSON.stringify(shown)}`);
  assert.match(shown, /phase/i, `1.5 s after the last key the problem says ${JSON.stringify(shown)}`);
  await emptyLine(page);
  assert.equal(await text(u.problem), '', 'the problem outlived the line');
}, { critical: false });

step('does not call an unreadable time backdated', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  await typeLine(page, '@25:99 x');
  // The pause shows Go's problem with the time; the time area never says backdated.
  await waitFor(async () => (await text(u.problem)) !== '', { timeoutMs: 3000, message: 'the problem with "@25:99"' });
  const when = await text(u.entryTime);
  t.diagnostic(`"@25:99 x": the time says ${JSON.stringify(when)}, the problem ${JSON.stringify(await text(u.problem))}`);
  assert.ok(!when.includes('backdated'), `the time beside "@25:99 x" says ${JSON.stringify(when)}`);
  await emptyLine(page);
}, { critical: false });

step('says backdated beside a time the grammar read', async () => {
  const { page } = ctx;
  const u = ui(page);
  await typeLine(page, '-10m x');
  await expectContains(u.entryTime, '(backdated)', { timeoutMs: 3000 });
  await emptyLine(page);
}, { critical: false });

step('marks a backdated row on the timeline with when it was written and when it is dated', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  await commitLine(page, '-10m something');
  await commitLine(page, 'written as it happened');
  const marker = page.getByRole('img', { name: /^Written \d\d:\d\d, dated \d\d:\d\d$/ });
  const backdated = u.articles.filter({ hasText: 'something' });
  await backdated.getByRole('img', { name: /^Written / }).waitFor({ state: 'visible', timeout: 5000 });
  const name = await backdated.getByRole('img', { name: /^Written / }).getAttribute('aria-label');
  const [, wh, wm, dh, dm] = name.match(/^Written (\d\d):(\d\d), dated (\d\d):(\d\d)$/) ?? [];
  assert.ok(wh, `the marker is named ${JSON.stringify(name)}`);
  t.diagnostic(`the backdated row's marker is named ${JSON.stringify(name)}`);
  const gap = (((+wh * 60 + +wm) - (+dh * 60 + +dm)) + 1440) % 1440;
  assert.ok(gap >= 10 && gap <= 11, `the marker says ${JSON.stringify(name)}: ${gap} minutes apart, want 10`);
  assert.equal(await backdated.getAttribute('aria-label').then((l) => l.includes('something')), true);
  const now = u.articles.filter({ hasText: 'written as it happened' });
  assert.equal(await now.getByRole('img', { name: /^Written / }).count(), 0, 'a row written as it happened is marked backdated');
  assert.equal(await marker.count(), 1, 'one backdated row, one marker');
  assert.deepEqual(productProblems(page), []);
});
