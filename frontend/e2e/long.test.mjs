// A long call: an incident of 200,000 entries (a day of typing plus a large
// chat import), seeded through the command line's record import, then opened
// in the real window. The timeline pages from the store, so the checks are of
// correctness at that size: the newest rows first, the count from the store,
// a line typed at the bottom, a search hit far back reached and shown, an old
// row edited in place, and the top of the incident and back. Speed and memory
// at this size are figures in build/bench.sh, not assertions here.
// BRIDGELOG_E2E_LONG sets the size (default 200000).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEV_BINARY, makeTestDir, removeTestDir, startApp, launchBrowser, openPage, sql, ui, waitFor, commitLine,
  expectFocused, expectVisible, expectHidden, expectValue, expectContains, productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const N = Number(process.env.BRIDGELOG_E2E_LONG || 200000);
// Far back, and unique: what a search must reach.
const NEEDLE_AT = 1234;
const NEEDLE = 'zanzibar certificate expired on the edge pool';
const ctx = {};
const step = scenario('long', () => ctx);
// The newest entry a minute ago: a live call, whose untimed lines are dated now.
const start = Date.now() - N * 2000 - 60000;

/** record writes an incident record of N entries, one every 2 s (over four days at 200,000). */
function record(file) {
  const entries = [];
  const words = ['checkout', 'payments', 'auth', 'cache', 'queue', 'dns', 'edge', 'db primary'];
  for (let i = 0; i < N; i++) {
    const at = new Date(start + i * 2000).toISOString();
    const text = i === NEEDLE_AT ? NEEDLE : `${words[i % words.length]} note ${i}: latency ${i % 97} ms`;
    const decision = i % 50 === 0 && i !== NEEDLE_AT;
    entries.push({ ref: i + 1, kind: decision ? 'decision' : 'note', text, raw: decision ? `d: ${text}` : text, occurredAt: at, recordedAt: at, author: 'scribe' });
  }
  writeFileSync(file, JSON.stringify({
    format: 'bridgelog.incident-record', version: 1,
    incident: { title: 'A long call', declaredAt: new Date(start).toISOString(), createdAt: new Date(start).toISOString(), updatedAt: new Date(start).toISOString() },
    entries, actions: [], actionEvents: [], statusUpdates: [], watches: [], pages: [], reminders: [],
  }));
}

before(async () => {
  const t = makeTestDir('long');
  Object.assign(ctx, t);
  const file = join(t.dir, 'long.json');
  record(file);
  const t0 = Date.now();
  const r = spawnSync(DEV_BINARY, ['import-record', file, '--db', t.db], { encoding: 'utf8', timeout: 600000 });
  if (r.status !== 0) throw new Error(`import-record failed (${r.status}): ${r.stderr || r.stdout}`);
  process.stdout.write(`# seeded ${N} entries through import-record in ${Date.now() - t0} ms\n`);
  ctx.app = await startApp({ ...t, timeoutMs: 120000 });
  ctx.browser = await launchBrowser();
  ctx.page = await openPage(ctx.browser, ctx.app.url);
  ctx.incident = sql(t.db, 'SELECT id FROM incidents')[0].id;
}, { timeout: 900000 });
after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.app?.stop();
  if (ctx.dir) removeTestDir(ctx.dir);
}, { timeout: 30000 });

const count = () => sql(ctx.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${ctx.incident} AND deleted_at IS NULL`)[0].n;

/** shown returns the entry rows in the DOM, and how many of them the viewport shows. */
async function shown(page) {
  return page.evaluate(() => {
    const log = document.querySelector('[role=log][aria-label=Timeline]');
    const box = log.getBoundingClientRect();
    const rows = [...log.querySelectorAll('article, [role=article]')];
    const inView = rows.filter((r) => { const b = r.getBoundingClientRect(); return b.bottom > box.top && b.top < box.bottom; });
    return { rows: rows.length, inView: inView.map((r) => r.innerText.split('\n').join(' ')) };
  });
}

/** searchNeedle searches for the entry far back with Ctrl+F and waits for its hit; it returns the search box. */
async function searchNeedle(page) {
  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Search entries', exact: true });
  await expectFocused(box);
  await page.keyboard.type('zanzibar');
  const results = page.getByRole('list', { name: 'Search results', exact: true }).getByRole('listitem');
  await waitFor(async () => (await results.count()) >= 1, { message: 'a search result', timeoutMs: 10000 });
  await expectContains(results.first(), 'certificate expired');
  return box;
}

step('opens on the newest rows, with the count from the store', async () => {
  const { page } = ctx;
  const u = ui(page);
  await expectVisible(u.articles.filter({ hasText: `note ${N - 1}:` }), { timeoutMs: 30000 });
  await expectFocused(u.line);
  const n = count();
  await expectContains(page.locator('.bar .count'), `${n.toLocaleString('en-GB')} entries`);
  const s = await shown(page);
  assert.ok(s.rows < 200, `a few rows in the DOM, not ${N} (saw ${s.rows})`);
  assert.ok(s.inView.some((t) => t.includes(`note ${N - 1}:`)), `the newest row in view: ${JSON.stringify(s.inView.slice(-3))}`);
});

step('a typed line lands at the bottom, in view, and in the database', async () => {
  const { page } = ctx;
  const u = ui(page);
  const before = count();
  await commitLine(page, 'typed at the end of a long call');
  await expectVisible(u.articles.filter({ hasText: 'typed at the end of a long call' }));
  await waitFor(() => count() === before + 1, { message: 'the line stored' });
  await expectContains(page.locator('.bar .count'), `${(before + 1).toLocaleString('en-GB')} entries`);
});

step('a search hit far back is reached and shown, and Ctrl+Enter edits it in place', async () => {
  const { page } = ctx;
  const u = ui(page);
  const box = await searchNeedle(page);
  await page.keyboard.press('Control+Enter');
  await expectHidden(box);
  const row = u.articles.filter({ hasText: NEEDLE });
  await expectVisible(row, { timeoutMs: 10000 });
  await waitFor(async () => (await shown(page)).inView.some((t) => t.includes(NEEDLE)), { message: 'the hit inside the viewport' });
  // Its neighbours came with it: the rows around it are its true neighbours.
  const s = await shown(page);
  assert.ok(s.inView.some((t) => t.includes(`note ${NEEDLE_AT - 1}:`)) || s.inView.some((t) => t.includes(`note ${NEEDLE_AT + 1}:`)),
    `a neighbour of the hit in view: ${JSON.stringify(s.inView)}`);
  await expectVisible(u.editing);
  await expectValue(u.line, NEEDLE);
  await page.keyboard.press('End');
  await page.keyboard.type(' (renewed 09:12)');
  await page.keyboard.press('Enter');
  await expectValue(u.line, '');
  await expectHidden(u.editing);
  const [r] = await waitFor(() => { const x = sql(ctx.db, `SELECT text, revisions FROM entries WHERE text LIKE 'zanzibar%'`); return x[0]?.revisions ? x : null; },
    { message: 'the edited row stored' });
  assert.equal(r.text, `${NEEDLE} (renewed 09:12)`);
  await expectVisible(u.articles.filter({ hasText: '(renewed 09:12)' }));
  await expectContains(u.articles.filter({ hasText: '(renewed 09:12)' }), 'edited');
});

step('Ctrl+Up walks from a row far back to the one before it', async () => {
  const { page } = ctx;
  const u = ui(page);
  await searchNeedle(page);
  await page.keyboard.press('Control+Enter');
  await expectValue(u.line, `${NEEDLE} (renewed 09:12)`);
  await page.keyboard.press('Control+ArrowUp');
  await expectValue(u.line, new RegExp(`note ${NEEDLE_AT - 1}:`));
  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press('Control+ArrowDown');
  await expectValue(u.line, new RegExp(`note ${NEEDLE_AT + 1}:`));
  await page.keyboard.press('Escape');
  await expectHidden(u.editing);
  await expectValue(u.line, '');
});

step('scrolls to the very top and back to the newest rows', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.evaluate(() => { const l = document.querySelector('[role=log][aria-label=Timeline]'); l.dispatchEvent(new WheelEvent('wheel')); l.scrollTop = 0; });
  await expectVisible(u.articles.filter({ hasText: 'checkout note 0:' }), { timeoutMs: 10000 });
  await expectVisible(page.getByRole('separator').first());
  await page.evaluate(() => { const l = document.querySelector('[role=log][aria-label=Timeline]'); l.scrollTop = l.scrollHeight; });
  await expectVisible(u.articles.filter({ hasText: 'typed at the end of a long call' }), { timeoutMs: 10000 });
  await page.locator('[role=log][aria-label=Timeline]').focus();
  await u.line.focus();
  await commitLine(page, 'and the call goes on');
  await expectVisible(u.articles.filter({ hasText: 'and the call goes on' }));
});

step('the page logged no errors', async () => {
  assert.deepEqual(productProblems(ctx.page), []);
});
