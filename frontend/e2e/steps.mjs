// A scenario as a sequence of top-level node:test tests sharing one app, so each
// step is its own TAP line. A failed critical step stops the steps after it
// (reported as failures that name the step), because they would only repeat it.
import { test, before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tail, bootApp, removeTestDir } from './helpers.mjs';

export function scenario(file, getCtx) {
  let blockedBy = null;
  let n = 0;
  /**
   * step(name, fn, { critical = true, timeout = 60000, todo })
   * fn gets the node:test context (t.diagnostic adds a "# ..." line to the TAP).
   * todo (a string) marks a step that fails because of a known product bug:
   * TAP reports it with "# TODO <reason>" and a failure does not fail the run.
   */
  function step(name, fn, { critical = true, timeout = 60000, todo } = {}) {
    const idx = ++n;
    test(name, { timeout, ...(todo ? { todo } : {}) }, async (t) => {
      if (blockedBy) throw new Error(`not run: an earlier step failed: "${blockedBy}"`);
      try {
        await fn(t);
      } catch (e) {
        if (critical) blockedBy = name;
        throw await annotate(e, `${file}-${String(idx).padStart(2, '0')}`, getCtx());
      }
    });
  }
  return step;
}

/** Adds the page's errors, a screenshot path and the app log's tail to an error. */
export async function annotate(e, slug, ctx) {
  const notes = [];
  const page = ctx?.page;
  if (page && !page.isClosed()) {
    const dir = join(ROOT, 'build', 'out', 'e2e');
    mkdirSync(dir, { recursive: true });
    const shot = join(dir, `${slug}.png`);
    try { await page.screenshot({ path: shot, timeout: 5000 }); notes.push(`screenshot: ${shot}`); } catch { /* page gone */ }
    if (page.problems?.length) notes.push(`page problems:\n  ${page.problems.slice(-10).join('\n  ')}`);
  }
  const log = ctx?.app?.logText?.();
  if (log) notes.push(`app log (tail):\n${tail(log, 15)}`);
  if (notes.length && e instanceof Error) e.message += `\n--\n${notes.join('\n')}`;
  return e;
}

/**
 * appScenario boots one app for a file's steps (bootApp(name, opts)) and stops
 * it after them. It returns the context the steps share and their step().
 */
export function appScenario(name, opts) {
  const ctx = {};
  before(async () => { Object.assign(ctx, await bootApp(name, opts)); }, { timeout: 90000 });
  after(async () => {
    await ctx.browser?.close().catch(() => {});
    await ctx.app?.stop();
    if (ctx.dir) removeTestDir(ctx.dir);
  }, { timeout: 30000 });
  return { ctx, step: scenario(name, () => ctx) };
}
