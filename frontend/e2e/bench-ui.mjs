// Enter-to-visible latency in the real UI at 10,000 entries (run by build/bench.sh).
// Seeds an incident with N entries through the bound Timeline.Add, reloads the page,
// then types M entries and measures, in the page, from the Enter keydown to the new
// row being in the DOM and to the next animation frame after that.
// Prints one JSON object on the last line.
import { bootApp, sql, ui, waitFor, fillNewIncident, expectFocused, expectValue, typeLine, removeTestDir } from './helpers.mjs';

const SEED = Number(process.env.BENCH_SEED || 10000);
const SAMPLES = Number(process.env.BENCH_SAMPLES || 50);

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

async function main() {
  const ctx = await bootApp('bench');
  const watchdog = setTimeout(() => { console.error('bench-ui: timed out'); process.exit(2); }, Number(process.env.BENCH_TIMEOUT_MS || 240000));
  try {
    const { page } = ctx;
    await fillNewIncident(page, 'Bench incident');
    const id = sql(ctx.db, 'SELECT id FROM incidents')[0].id;

    const t0 = Date.now();
    await page.evaluate(async ({ id, n }) => {
      const add = window.go.app.Timeline.Add;
      const kinds = ['', 'd: ', 'a: @sam ', 'm: ', 'ev: ', '? '];
      for (let i = 0; i < n; i += 50) {
        const batch = [];
        for (let j = i; j < Math.min(n, i + 50); j++) {
          batch.push(add(id, `${kinds[j % kinds.length]}seeded entry ${j} checkout latency on shard ${j % 97}`, ''));
        }
        await Promise.all(batch);
      }
    }, { id, n: SEED });
    const seedMs = Date.now() - t0;
    const stored = sql(ctx.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${id}`)[0].n;
    process.stderr.write(`bench-ui: seeded ${stored} entries in ${seedMs} ms\n`);

    const reloadStart = Date.now();
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => window.go && window.go.app && window.go.app.Timeline);
    const u = ui(page);
    await u.line.waitFor({ state: 'visible', timeout: 30000 });
    await waitFor(async () => (await u.articles.count()) > 0, { timeoutMs: 30000, message: 'rows after reload' });
    const loadMs = Date.now() - reloadStart;
    const domRows = await u.articles.count();
    await expectFocused(u.line);

    await page.evaluate(() => {
      window.__bench = { pending: null, samples: [] };
      const log = document.querySelector('[role="log"]');
      const line = document.querySelector('textarea[aria-label="Timeline entry"]');
      const done = (p) => {
        if (p.tFrame == null || p.tSaved == null) return;
        window.__bench.samples.push({ dom: p.tDom - p.t0, frame: p.tFrame - p.t0, saved: p.tSaved - p.t0 });
        window.__bench.pending = null;
      };
      window.addEventListener('keydown', (e) => {
        const p = window.__bench.pending;
        if (e.key !== 'Enter' || e.shiftKey || !p) return;
        p.t0 = performance.now();
        // Saved = the line cleared, which the UI does once Go has stored the entry.
        const poll = () => {
          if (line.value === '') { p.tSaved = performance.now(); done(p); } else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }, true);
      new MutationObserver(() => {
        const p = window.__bench.pending;
        if (!p || p.t0 == null || p.tDom != null) return;
        if (!log.textContent.includes(p.marker)) return;
        p.tDom = performance.now();
        requestAnimationFrame(() => { p.tFrame = performance.now(); done(p); });
      }).observe(log, { childList: true, subtree: true, characterData: true });
    });

    for (let i = 0; i < SAMPLES; i++) {
      const marker = `benchmark${i}x${Math.random().toString(36).slice(2, 8)}`;
      await page.evaluate((m) => { window.__bench.pending = { marker: m, t0: null }; }, marker);
      await typeLine(page, `measured entry ${marker}`);
      await page.keyboard.press('Enter');
      await waitFor(() => page.evaluate((n) => window.__bench.samples.length >= n, i + 1), { timeoutMs: 5000, intervalMs: 10, message: `row ${marker} visible` });
      await expectValue(u.line, '');
    }
    const samples = await page.evaluate(() => window.__bench.samples);
    // The bound call alone, for scale: the UI shows a row only once Add has answered.
    const addTimes = await page.evaluate(async (id) => {
      const out = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        await window.go.app.Timeline.Add(id, `round trip probe ${i}`, '');
        out.push(performance.now() - t);
      }
      return out;
    }, id);
    // The dashboard refresh that follows each commit (it lists the whole incident).
    const dashTimes = await page.evaluate(async (id) => {
      const out = [];
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        await window.go.app.Incidents.Dashboard(id);
        out.push(performance.now() - t);
      }
      return out;
    }, id);
    const dom = samples.map((s) => s.dom), frame = samples.map((s) => s.frame), saved = samples.map((s) => s.saved);
    const result = {
      seeded: stored, seedMs, reloadMs: loadMs, domRowsAfterReload: domRows, samples: samples.length,
      domP50: pct(dom, 50), domP95: pct(dom, 95), frameP50: pct(frame, 50), frameP95: pct(frame, 95), frameMax: Math.max(...frame),
      savedP50: pct(saved, 50), savedP95: pct(saved, 95),
      addP50: pct(addTimes, 50), addP95: pct(addTimes, 95), dashboardP50: pct(dashTimes, 50),
    };
    console.log(JSON.stringify(result));
  } finally {
    clearTimeout(watchdog);
    await ctx.browser.close().catch(() => {});
    await ctx.app.stop();
    removeTestDir(ctx.dir);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
