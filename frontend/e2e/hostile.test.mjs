// Hostile input through the UI: a 10 MB and a 1 MB paste into the entry line, markup and
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

// pasteText pastes s into the focused line: a real Ctrl+V where the headless
// browser has a clipboard, else the same paste event built in the page.
async function pasteText(page, s) {
  const copied = await page.evaluate((t) => navigator.clipboard.writeText(t).then(() => true, () => false), s);
  if (copied) {
    await page.keyboard.press('Control+v');
    return 'Ctrl+V';
  }
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, s);
  return 'paste event';
}

step('a 10 MB paste is refused with what to do; the line stays as it was and nothing is stored', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  await clearLine(page);
  const before = count();
  const start = Date.now();
  const how = await pasteText(page, BIG);
  await expectContains(u.problem, 'Save it to a file and paste or drop an excerpt', { timeoutMs: 10000 });
  const ms = Date.now() - start;
  assert.equal(await u.line.evaluate((el) => el.value.length), 0, 'the line is not filled with 10 MB');
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(count(), before, 'nothing stored');
  await expectFocused(u.line);
  t.diagnostic(`10 MB paste via ${how}: refused with a message after ${ms} ms`);
  assert.ok(ms < 10000, `the message took ${ms} ms`);
}, { critical: false, timeout: 120000 });

step('a 1 MB paste becomes an attached log file; the line stays quick to type in', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  const MID = BIG.slice(0, 1_000_000);
  const before = count();
  const start = Date.now();
  const how = await pasteText(page, MID);
  await waitFor(async () => count() === before + 1, { timeoutMs: 20000, message: 'the evidence entry' });
  const stored = sql(ctx.db, `SELECT a.size, a.mime, e.kind FROM attachments a JOIN entries e ON e.id = a.entry_id ORDER BY a.id DESC LIMIT 1`);
  assert.equal(stored[0].size, MID.length, 'the whole paste is stored as the file');
  assert.equal(stored[0].kind, 'evidence');
  assert.equal(await u.line.evaluate((el) => el.value.length), 0, 'the line is free');
  const typed = Date.now();
  await page.keyboard.type('!');
  await waitFor(async () => (await u.line.evaluate((el) => el.value)) === '!', { timeoutMs: 5000, message: 'the typed key' });
  const keyMs = Date.now() - typed;
  t.diagnostic(`1 MB paste via ${how}: stored as ${stored[0].mime} after ${typed - start} ms; next key shown in ${keyMs} ms`);
  assert.ok(keyMs < 1000, `one key took ${keyMs} ms`);
  await clearLine(page);
}, { critical: false, timeout: 120000 });

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
