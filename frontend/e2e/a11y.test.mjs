// Accessibility measured, not assumed: axe-core (the npm package) runs on the
// window with real data in both panes, with a reminder banner showing, and on
// every dialog, each opened from the keyboard. No serious or critical
// violation is allowed; the counts of every impact are printed per view, so
// a change is compared by its figures. Focus rings are checked by walking the
// controls with Tab: each focused control must draw an outline or a ring.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import {
  bootApp, removeTestDir, ui, commitLine, fillNewIncident, expectVisible, expectHidden, expectFocused, waitFor, productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ctx = {};
const step = scenario('a11y', () => ctx);
const totals = {};

before(async () => {
  Object.assign(ctx, await bootApp('a11y'));
}, { timeout: 90000 });
after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.app?.stop();
  if (ctx.dir) removeTestDir(ctx.dir);
  process.stdout.write(`# axe-core totals: ${JSON.stringify(totals)}\n`);
}, { timeout: 30000 });

/** audit runs axe-core on the page (or within selector) and returns its violations by impact. */
async function audit(t, page, name, selector) {
  // Measured once the dialog has faded in: mid-animation colours are not what a person reads.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    null, { timeout: 5000 }).catch(() => {});
  // Evaluated, not added as a <script>: the app's content security policy
  // refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (sel) => {
    const r = await window.axe.run(sel ? document.querySelector(sel) : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim()}`),
    }));
  }, selector ?? null);
  const count = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) count[v.impact] = (count[v.impact] ?? 0) + 1;
  for (const [k, n] of Object.entries(count)) totals[k] = (totals[k] ?? 0) + n;
  t.diagnostic(`${name}: ${JSON.stringify(count)}${violations.length ? ' ' + violations.map((v) => `${v.impact} ${v.id}`).join(', ') : ''}`);
  // BRIDGELOG_A11Y_COUNT_ONLY=1 prints the counts without failing: to measure an older build.
  if (process.env.BRIDGELOG_A11Y_COUNT_ONLY) return;
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${name}: serious or critical violations`);
}

step('the first-launch dialog', async (t) => {
  const { page } = ctx;
  await expectVisible(ui(page).newIncident, { timeoutMs: 10000 });
  await audit(t, page, 'new incident (first launch)');
  await fillNewIncident(page, 'Checkout errors in EU');
});

step('both panes with a real timeline and a reminder showing', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  for (const l of ['ic: Priya', 'scribe: Sam', '! EU customers cannot pay', 'd: roll back payments to v41', '? cache stampede after deploy',
    'm: scale the pool to 12', 'tl: error rate back under 1%', 'ev: https://grafana.example/d/payments']) {
    await commitLine(page, l, l.startsWith('m:') ? {} : {});
  }
  // An action backdated past its acknowledgement time brings a reminder at once.
  await commitLine(page, '-40m a: @lena check the replica lag 10m');
  await expectVisible(u.reminder, { timeoutMs: 10000 });
  await audit(t, page, 'window (timeline, dashboard, banner)');
}, { critical: false });

const dialogs = [
  ['Control+k', 'Switch incident'],
  ['Control+f', 'Search'],
  ['F1', 'Keyboard and grammar cheat sheet'],
  ['Control+i', 'Edit incident'],
  ['Control+,', 'Settings'],
  ['Control+u', 'Status update'],
  ['Control+h', 'IC handoff'],
  ['Control+p', 'Page someone'],
  ['Control+e', 'Export'],
  ['Control+o', 'Import chat'],
  ['Control+n', 'New incident'],
];
for (const [key, label] of dialogs) {
  step(`the ${label} dialog (${key})`, async (t) => {
    const { page } = ctx;
    await ui(page).line.focus();
    await page.keyboard.press(key);
    const dialog = page.getByRole('dialog').first();
    await expectVisible(dialog, { timeoutMs: 5000 });
    const name = (await dialog.getAttribute('aria-label')) ?? label;
    try {
      await audit(t, page, `dialog "${name}"`);
    } finally {
      await page.keyboard.press('Escape');
      await expectHidden(page.getByRole('dialog'), { timeoutMs: 5000 });
    }
  }, { critical: false });
}

step('every control the keyboard reaches shows a focus ring', async () => {
  const { page } = ctx;
  const u = ui(page);
  await u.line.focus();
  const seen = [];
  const without = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const drawn = (x) => {
        const s = getComputedStyle(x);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
      };
      // The ring may be drawn by the box around a borderless field (:focus-within).
      let ring = drawn(el);
      for (let p = el.parentElement, k = 0; !ring && p && k < 3; p = p.parentElement, k++) ring = p.matches(':focus-within') && drawn(p);
      const name = el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30) || el.tagName;
      return { name: `${el.tagName.toLowerCase()} "${name}"`, ring };
    });
    if (!f) continue;
    seen.push(f.name);
    if (!f.ring) without.push(f.name);
  }
  assert.ok(seen.length > 10, `Tab reached ${seen.length} controls`);
  assert.deepEqual([...new Set(without)], [], 'controls without a visible focus ring');
});

step('the page logged no errors', async () => {
  assert.deepEqual(productProblems(ctx.page), []);
}, { critical: false });
