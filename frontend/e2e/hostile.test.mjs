// Hostile input through the UI: a 10 MB paste into the entry line, markup and
// javascript: links typed as lines and as the incident's title, right-to-left
// overrides, and full-text search syntax that does not parse. The UI must stay
// responsive, say what is wrong, run nothing, and keep each row's layout.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootApp, removeTestDir, sql, ui, waitFor, commitLine, fillNewIncident,
  expectContains, expectValue, expectFocused, expectVisible, expectHidden, productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const ctx = {};
const step = scenario('hostile', () => ctx);

before(async () => {
  Object.assign(ctx, await bootApp('hostile'));
  await ctx.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.app.url });
}, { timeout: 90000 });
after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.app?.stop();
  if (ctx.dir) removeTestDir(ctx.dir);
}, { timeout: 30000 });

const count = () => sql(ctx.db, 'SELECT count(*) AS n FROM entries')[0].n;
const TITLE = '<img src=x onerror=alert(1)> "checkout" <script>alert(2)</script>';

/** Lists whatever in the document could run: elements with an on* handler,
 * links that are not http(s), scripts other than the app's own, and images
 * whose source is not the app's. */
async function activeContent(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith('on')) found.push(`<${el.localName} ${a.name}=${a.value}>`);
      }
    }
    for (const a of document.querySelectorAll('a[href]')) {
      if (!/^https?:\/\//i.test(a.getAttribute('href'))) found.push(`<a href=${a.getAttribute('href')}>`);
    }
    for (const s of document.querySelectorAll('script')) {
      if (!s.src) found.push(`inline <script>${s.textContent.slice(0, 40)}`);
    }
    for (const i of document.querySelectorAll('img')) {
      const src = i.getAttribute('src') || '';
      if (!src.startsWith('/attachments/') && !src.startsWith('data:image/')) found.push(`<img src=${src}>`);
    }
    return found;
  });
}

/** How long the page takes to answer and paint once: a frozen main thread shows here. */
async function frameDelay(page) {
  const start = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return Date.now() - start;
}

async function clearLine(page) {
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expectValue(ui(page).line, '', { timeoutMs: 15000 });
}

step('a title made of markup is shown as text', async () => {
  const { page } = ctx;
  await fillNewIncident(page, TITLE);
  await expectFocused(ui(page).line);
  await expectContains(page.locator('header h1'), TITLE);
  assert.deepEqual(await activeContent(page), [], 'nothing active in the page');
  assert.deepEqual(sql(ctx.db, 'SELECT title FROM incidents').map((r) => r.title), [TITLE]);
});

const BIG = 'upstream timed out while reading response header from upstream, '.repeat(170_000).slice(0, 10 * 1024 * 1024);

step('a 10 MB paste: the line says to split it, keeps the text, and Enter stores nothing', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  const before = count();
  const timings = {};
  // A real paste where the headless browser has a clipboard; else the same
  // text arriving as one input, which is what a paste is to the page.
  let how = 'Ctrl+V';
  let start = Date.now();
  const copied = await page.evaluate((s) => navigator.clipboard.writeText(s).then(() => true, () => false), BIG);
  if (copied) {
    await page.keyboard.press('Control+v');
    await waitFor(async () => (await u.line.evaluate((el) => el.value.length)) === BIG.length, { timeoutMs: 30000, message: 'the paste' })
      .catch(() => { how = ''; });
  } else how = '';
  if (!how) {
    how = 'insertText';
    await clearLine(page);
    start = Date.now();
    await page.keyboard.insertText(BIG);
  }
  timings.paste = Date.now() - start;
  await expectContains(u.problem, 'This entry is 10240 KiB; the limit is 64 KiB. Split it into several entries.', { timeoutMs: 10000 });
  timings.message = Date.now() - start;
  timings.frame = await frameDelay(page);
  assert.equal(await u.line.evaluate((el) => el.value.length), BIG.length, 'the whole paste is in the line');

  // Enter refuses it, says why, keeps every byte, and stores nothing.
  start = Date.now();
  await page.keyboard.press('Enter');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await u.line.evaluate((el) => el.value.length), BIG.length, 'the text is kept in the line');
  await expectContains(u.problem, 'Split it into several entries');
  timings.enter = Date.now() - start - 1000;
  assert.equal(count(), before, 'nothing stored');
  await expectFocused(u.line);

  // What happens to the draft: none is saved (the UI keeps drafts up to 256 KiB).
  await new Promise((r) => setTimeout(r, 800));
  const drafts = sql(ctx.db, 'SELECT length(text) AS n FROM drafts');
  t.diagnostic(`10 MB paste via ${how}: in the line after ${timings.paste} ms, message after ${timings.message} ms, ` +
    `next frame ${timings.frame} ms, Enter answered in ${timings.enter} ms; draft saved: ${drafts.length ? drafts[0].n + ' bytes' : 'none (lost on a crash)'}`);
  for (const [what, ms] of Object.entries(timings)) assert.ok(ms < 10000, `${what} took ${ms} ms`);
}, { critical: false, timeout: 120000 });

step('a key typed after a 10 MB paste shows within a second', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  try {
    const have = await u.line.evaluate((el) => el.value.length);
    assert.equal(have, BIG.length, 'the paste is still in the line');
    const start = Date.now();
    await page.keyboard.type('!');
    await waitFor(async () => (await u.line.evaluate((el) => el.value.length)) === have + 1, { timeoutMs: 20000, message: 'the typed key' });
    const ms = Date.now() - start;
    t.diagnostic(`one key after the 10 MB paste took ${ms} ms to show`);
    assert.ok(ms < 1000, `one key took ${ms} ms`);
  } finally {
    const start = Date.now();
    await clearLine(page);
    t.diagnostic(`clearing the 10 MB line took ${Date.now() - start} ms`);
  }
}, { critical: false, timeout: 120000, todo: 'frontend: with 10 MB in the line each key re-lays out the textarea (1 to 4 s a key here); a paste this large could be refused or offered as a log attachment' });

const MARKUP = [
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '[click me](javascript:alert(1))',
  'javascript:alert(1)',
  '<svg onload=alert(1)><circle r=9></svg>',
  'https://example.test/"onmouseover="alert(1) and https://example.test/x\'onclick=alert(1)',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
];

step('markup and javascript: links typed as lines stay text: no dialog, no handler, no script link', async () => {
  const { page } = ctx;
  const u = ui(page);
  for (const line of MARKUP) await commitLine(page, line);
  for (const line of MARKUP) await expectVisible(u.articles.filter({ hasText: line.slice(0, 30) }));
  // Point at every row and every link, as a reader's mouse would.
  for (const row of await u.articles.all()) await row.hover();
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(page.dialogs, [], 'no alert() ran');
  assert.deepEqual(await activeContent(page), [], 'nothing active in the page');
  const links = await u.timeline.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.every((h) => /^https:\/\/example\.test\/[^"'\s]*$/.test(h)), `only the web links are links: ${JSON.stringify(links)}`);
  const stored = sql(ctx.db, 'SELECT raw FROM entries ORDER BY id').map((r) => r.raw);
  for (const line of MARKUP) assert.ok(stored.includes(line), `stored as typed: ${line}`);
}, { critical: false });

step('a right-to-left override is dropped and the row keeps its columns in order', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  const lines = ['invoice\u202Efdp.exe restarted', 'خطأ في الخادم 500 على db-1 \u2067then\u2069 english'];
  for (const line of lines) await commitLine(page, line);
  const stored = sql(ctx.db, 'SELECT text FROM entries ORDER BY id DESC LIMIT 2').map((r) => r.text).reverse();
  assert.deepEqual(stored, ['invoicefdp.exe restarted', 'خطأ في الخادم 500 على db-1 then english'], 'stored without bidi controls');
  for (const [i, text] of stored.entries()) {
    const row = u.articles.filter({ hasText: text.slice(0, 12) }).last();
    await expectVisible(row);
    const seen = await row.evaluate((el) => {
      const part = (sel) => el.querySelector(sel);
      const box = (sel) => part(sel)?.getBoundingClientRect();
      const textEl = part('.text');
      return {
        text: textEl?.textContent,
        dir: textEl?.getAttribute('dir'),
        bidi: textEl ? getComputedStyle(textEl).unicodeBidi : null,
        controls: [...(el.textContent || '')].filter((c) => /[\u202A-\u202E\u2066-\u2069]/.test(c)).length,
        x: ['time', '.kindcol', '.body', '.meta'].map((s) => Math.round(box(s)?.left ?? -1)),
      };
    });
    t.diagnostic(`row ${i + 1}: dir=${seen.dir} unicode-bidi=${seen.bidi}, bidi controls in the row: ${seen.controls}, column x: ${seen.x.join(' < ')}`);
    assert.equal(seen.controls, 0, 'no bidi control reaches the page');
    assert.ok(seen.x.every((x, j) => j === 0 || x > seen.x[j - 1]), `time, kind, text and author stay left to right: ${seen.x}`);
    assert.ok(seen.dir === 'auto' || seen.bidi === 'isolate' || seen.bidi === 'plaintext', `the text is isolated from the row (dir=${seen.dir}, unicode-bidi=${seen.bidi})`);
  }
}, { critical: false });

step('search with broken full-text syntax shows a clear alert; plain words still work', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Search entries', exact: true });
  await expectFocused(box);
  // The alert is empty, and so hidden, while there is nothing to say.
  const alert = page.getByRole('dialog', { name: 'Search' }).locator('[role="alert"]');
  const alertText = async () => ((await alert.count()) ? (await alert.first().textContent()).trim() : '');
  const results = page.getByRole('list', { name: 'Search results', exact: true }).getByRole('listitem');
  const seen = [];
  try {
    for (const [q, want] of [
      ['"unbalanced', /^Search could not read "\\?"unbalanced": check quotes and AND\/OR\/NOT, or search plain words$/],
      ['NEAR(', /Search could not read "NEAR\(".*plain words/],
      ['*', /Search could not read "\*".*plain words/],
      ['^', /Search could not read "\^".*plain words/],
      ['text:', /Search could not read "text:".*plain words/],
      ['AND OR', null],
      [':', null],
      ['onerror', null],
    ]) {
      await box.fill(q);
      if (want) {
        await expectContains(alert, want, { timeoutMs: 5000 });
      } else {
        await new Promise((r) => setTimeout(r, 600));
        assert.equal(await alertText(), '', `no alert for ${q}`);
      }
      seen.push(`${q} -> ${(await alertText()) || `${await results.count()} results`}`);
    }
    // A pasted page of text is refused with what to do, at once.
    const start = Date.now();
    await box.fill('upstream timed out '.repeat(3000));
    await expectContains(alert, /Search looks for words or a phrase, and this is \d+ KiB of text: search for a few distinctive words/, { timeoutMs: 5000 });
    seen.push(`57 KB paste -> alert after ${Date.now() - start} ms`);
    assert.deepEqual(page.dialogs, [], 'no alert() ran');
  } finally {
    t.diagnostic(seen.join('; '));
    await page.keyboard.press('Escape');
    await expectHidden(box);
  }
  await expectFocused(u.line);
}, { critical: false });

step('the page logged no errors', async () => {
  assert.deepEqual(productProblems(ctx.page), []);
}, { critical: false });
