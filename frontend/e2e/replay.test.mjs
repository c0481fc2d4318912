// Replays a real public incident timeline (mybinder.org, 2018-01-18) through the
// entry line, each row backdated with a UTC override, and checks that the stored
// timeline matches the source row for row: time, kind and text.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, bootApp, expectPinnedToBottom, removeTestDir, sql, ui, waitFor, commitLine, fillNewIncident, expectFocused, expectVisible,
  productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const FIXTURE = join(ROOT, '..', 'shared', 'fixtures', 'incidents', 'mybinder-2018-01-18-reddit-hug.tsv');

// The fixture's kinds, as the grammar writes them; the kind the store must hold.
const PREFIX = {
  evidence: ['ev: ', 'evidence'],
  decision: ['d: ', 'decision'],
  mitigation: ['m: ', 'mitigation'],
  action: ['a: ', 'action'],
  note: ['', 'note'],
  // "Tim signs off, Carol online" names no single role holder: a plain note.
  role_change: ['', 'note'],
  resolved: ['phase: resolved ', 'phase'],
};

/** Reads the TSV: timestamp_utc may carry a note ("[orig ...]") or an interval (start used). */
export function readFixture(path = FIXTURE) {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
  const header = lines.shift().split('\t');
  assert.deepEqual(header, ['timestamp_utc', 'kind', 'text']);
  return lines.map((l, i) => {
    const [ts, kind, text] = l.split('\t');
    const iso = ts.split(' ')[0].split('/')[0];
    const at = Date.parse(iso);
    assert.ok(!Number.isNaN(at), `row ${i + 2}: bad timestamp ${ts}`);
    assert.ok(PREFIX[kind], `row ${i + 2}: unmapped kind ${kind}`);
    const d = new Date(at).toISOString(); // 2018-01-18T12:19:00.000Z
    const token = `@${d.slice(0, 10)} ${d.slice(11, 19)}Z`;
    const body = text.replaceAll('\\n', '\n');
    return { at, kind: PREFIX[kind][1], text: body.trim(), line: `${token} ${PREFIX[kind][0]}${body}` };
  });
}

const ctx = {};
const step = scenario('replay', () => ctx);
const state = {};

before(async () => { Object.assign(ctx, await bootApp('replay')); }, { timeout: 90000 });
after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.app?.stop();
  if (ctx.dir) removeTestDir(ctx.dir);
}, { timeout: 30000 });

step('starts an incident for the replay', async () => {
  await fillNewIncident(ctx.page, 'mybinder.org: reddit hug (2018-01-18)');
  await expectFocused(ui(ctx.page).line);
  state.incident = sql(ctx.db, 'SELECT id FROM incidents')[0].id;
  state.before = new Set(sql(ctx.db, `SELECT id FROM entries WHERE incident_id = ${state.incident}`).map((r) => r.id));
  state.rows = readFixture();
  assert.equal(state.rows.length, 25);
});

// A mitigation's outcome (clocks-api.md): an m: line starting with one of these
// closes the mitigation in progress instead of starting another.
const OUTCOME = /^(done|worked|failed|reverted|abandoned|did not work)\b/i;

/**
 * Marks the rows that start a mitigation while an earlier one is still in
 * progress (row.overrides = the index of that row): the UI asks before saving
 * them and the stored entry names the one it overrode. The fixture is in time
 * order, so "earlier" is "above".
 */
export function markOverrides(rows) {
  let current = -1;
  rows.forEach((r, i) => {
    if (r.kind === 'phase') current = -1; // the fixture's only phase rows resolve
    if (r.kind !== 'mitigation') return;
    if (OUTCOME.test(r.text)) { current = -1; return; }
    if (current >= 0) r.overrides = current;
    current = i;
  });
  return rows;
}

step('types every row of the fixture with a UTC time override', async () => {
  markOverrides(state.rows);
  // Rows 16 and 24 start a mitigation while the one before is in progress: the
  // scribe records them anyway (Enter in the dialog), as the team did that day.
  assert.deepEqual(state.rows.flatMap((r, i) => (r.overrides === undefined ? [] : [[i + 1, r.overrides + 1]])), [[16, 5], [24, 16]],
    'rows (1-based) that start a mitigation while another is in progress, with the row they override');
  for (const [i, r] of state.rows.entries()) {
    const inProgress = r.overrides === undefined ? undefined : state.rows[r.overrides].text.split('\n')[0].slice(0, 40);
    await commitLine(ctx.page, r.line, { mitigationInProgress: inProgress })
      .catch((e) => { throw new Error(`row ${i + 1}: ${e.message}`); });
  }
  await waitFor(() => sql(ctx.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${state.incident}`)[0].n
    >= state.before.size + state.rows.length, { message: 'all rows stored' });
}, { timeout: 180000 });

step('the stored timeline matches the fixture row for row (time, kind, text)', async () => {
  const stored = sql(ctx.db, `SELECT id, kind, text, phase, occurred_at, overrode FROM entries
    WHERE incident_id = ${state.incident} AND deleted_at IS NULL ORDER BY occurred_at, id`)
    .filter((r) => !state.before.has(r.id));
  assert.equal(stored.length, state.rows.length, 'stored rows');
  const problems = [];
  state.rows.forEach((want, i) => {
    const got = stored[i];
    if (got.occurred_at !== want.at) problems.push(`row ${i + 1}: time ${new Date(got.occurred_at).toISOString()}, want ${new Date(want.at).toISOString()}`);
    if (got.kind !== want.kind) problems.push(`row ${i + 1}: kind ${got.kind}, want ${want.kind}`);
    if (got.text !== want.text) problems.push(`row ${i + 1}: text ${JSON.stringify(got.text.slice(0, 90))}, want ${JSON.stringify(want.text.slice(0, 90))}`);
    const overrode = want.overrides === undefined ? 0 : stored[want.overrides]?.id;
    if (got.overrode !== overrode) problems.push(`row ${i + 1}: overrode ${got.overrode}, want ${overrode}` +
      (want.overrides === undefined ? '' : ` (the entry of row ${want.overrides + 1}, still in progress)`));
  });
  const resolved = stored.find((r) => r.kind === 'phase');
  if (resolved?.phase !== 'resolved') problems.push(`the last row should set phase resolved, got ${resolved?.phase}`);
  assert.deepEqual(problems, []);
});

step('after the replay the timeline is pinned to the bottom, the last row there with its UTC time', async () => {
  const u = ui(ctx.page);
  const last = state.rows.at(-1);
  await expectPinnedToBottom(ctx.page, 'after typing the 25 rows');
  const article = u.articles.filter({ hasText: 'things are back to working order' });
  await expectVisible(article);
  const dt = await article.locator('time').first().getAttribute('datetime');
  assert.equal(Date.parse(dt), last.at, `<time datetime> ${dt}`);
}, {
  critical: false,
});

step('the page logged no errors', async () => {
  const problems = productProblems(ctx.page);
  assert.deepEqual(problems, []);
}, { critical: false });
