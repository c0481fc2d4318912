// A scribe writes up a past incident the next day, through the entry line:
// Google's example postmortem (Shakespeare Sonnet++, 2015-10-21), every row
// of its timeline typed with an 8-character "@HH:MMZ " time once the
// declaration is set in the new-incident dialog. The header, the clocks,
// every export format and the review's figures are then checked against
// values worked out by hand from the published timeline.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, bootApp, removeTestDir, sql, ui, waitFor, commitLine, expectFocused, expectVisible, expectHidden,
  expectContains, expectValue, productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

const FIXTURE = join(ROOT, '..', 'shared', 'fixtures', 'incidents', 'google-sre-appD-shakespeare-postmortem.tsv');
const OUT = join(ROOT, 'build', 'out', 'replay-late');

// The published timeline's kinds, as a scribe types them. Most "action" rows
// report what someone did, not work handed out with a check-in, so they are
// notes. Three rows carry the incident's own times and get a line form.
const PREFIX = {
  evidence: ['ev: ', 'evidence'],
  decision: ['d: ', 'decision'],
  action: ['', 'note'],
  status_update: ['status: ', 'status'],
  resolved: ['phase: resolved ', 'phase'],
};
const SPECIAL = {
  // OUTAGE BEGINS: the first impact, a key moment.
  '14:54 **OUTAGE BEGINS**': ['tl: ! ', 'impact'],
  // The pager storm is when the problem was first noticed.
  '14:55 docbrown receives pager storm': ['detected: ev: ', 'evidence'],
  // INCIDENT BEGINS is the declaration.
  '15:01 **INCIDENT BEGINS**': ['declared: ', 'note'],
  // OUTAGE MITIGATED: the fix is in, the team watches.
  '15:36 **OUTAGE MITIGATED**': ['phase: monitoring ', 'phase'],
  // OUTAGE ENDS: all traffic back; a key moment while monitoring.
  '16:00 **OUTAGE ENDS**': ['tl: ', 'note'],
};

/** Reads the TSV into rows with the line a scribe types for each. */
function readFixture() {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim());
  const header = lines.shift().split('\t');
  assert.deepEqual(header, ['timestamp_utc', 'kind', 'text']);
  return lines.map((l, i) => {
    const [ts, kind, text] = l.split('\t');
    const at = Date.parse(ts.replace('Z', ':00Z'));
    assert.ok(!Number.isNaN(at), `row ${i + 2}: bad timestamp ${ts}`);
    const hm = ts.slice(11, 16);
    const special = Object.entries(SPECIAL).find(([k]) => `${hm} ${text}`.startsWith(k));
    const [prefix, stored] = special ? special[1] : (PREFIX[kind] ?? assert.fail(`row ${i + 2}: unmapped kind ${kind}`));
    return { at, hm, kind: stored, text, token: `@${hm}Z `, line: `@${hm}Z ${prefix}${text}` };
  });
}

const ctx = {};
const step = scenario('replay-late', () => ctx);
const state = {};
const T = (hm) => Date.parse(`2015-10-21T${hm}:00Z`);

before(async () => { Object.assign(ctx, await bootApp('replay-late')); }, { timeout: 90000 });
after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.app?.stop();
  if (ctx.dir) removeTestDir(ctx.dir);
}, { timeout: 30000 });

step('the incident is started with its declaration time typed in the dialog', async () => {
  const { page } = ctx;
  const u = ui(page);
  await expectVisible(u.newIncident);
  await expectFocused(u.newIncident.getByLabel('Incident title', { exact: true }));
  await page.keyboard.type('Shakespeare Sonnet++ (incident #465)');
  await page.keyboard.press('Tab'); // severity: SEV2 as offered
  await page.keyboard.press('Tab');
  await expectFocused(u.newIncident.getByLabel('Declared at', { exact: true }));
  await page.keyboard.type('2015-10-21 15:01Z');
  // The dialog says what it read, in the scribe's zone (Asia/Kolkata, UTC+05:30).
  await expectContains(u.newIncident.getByRole('status'), 'Wednesday 21 October 2015 20:31');
  await page.keyboard.press('Enter');
  await expectHidden(u.newIncident);
  await expectFocused(u.line);
  const [inc] = sql(ctx.db, 'SELECT id, declared_at, detected_at FROM incidents');
  assert.equal(inc.declared_at, T('15:01'), 'declared at 15:01Z');
  state.incident = inc.id;
  state.rows = readFixture();
  assert.equal(state.rows.length, 34);
});

step('every row is typed with an 8-character time that lands on the declaration day', async () => {
  const { page } = ctx;
  const u = ui(page);
  // The chip's time shows the full date the short time resolved to.
  await page.keyboard.type(state.rows[0].line);
  await expectContains(u.entryTime, 'Wednesday 21 October 2015 20:21');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expectValue(u.line, '');
  for (const [i, r] of state.rows.entries()) {
    assert.equal(r.token.length, 8, `row ${i + 1}: the time costs 8 keys`);
    await commitLine(page, r.line).catch((e) => { throw new Error(`row ${i + 1}: ${e.message}`); });
    // The declaration names its commander: one more line, as a scribe would add.
    if (r.hm === '15:01') await commitLine(page, '@15:01Z ic: jennifer');
  }
  await waitFor(() => sql(ctx.db, `SELECT count(*) AS n FROM entries WHERE incident_id = ${state.incident}`)[0].n
    >= state.rows.length + 2, { message: 'all rows stored' });
}, { timeout: 240000 });

step('the stored timeline matches the source row for row, and the header its times', async () => {
  const stored = sql(ctx.db, `SELECT kind, text, occurred_at, role, person FROM entries
    WHERE incident_id = ${state.incident} AND deleted_at IS NULL ORDER BY occurred_at, id`);
  // The declaration entry and jennifer's role line are the app's own.
  const declaration = stored.filter((r) => r.kind === 'severity' && r.text.startsWith('Declared'));
  assert.equal(declaration.length, 1);
  assert.equal(declaration[0].occurred_at, T('15:01'), 'the declaration entry sits at 15:01Z');
  const role = stored.filter((r) => r.kind === 'role');
  assert.deepEqual(role.map((r) => [r.role, r.person, r.occurred_at]), [['ic', 'jennifer', T('15:01')]]);
  const rows = stored.filter((r) => r.kind !== 'role' && !(r.kind === 'severity' && r.text.startsWith('Declared')));
  const problems = [];
  assert.equal(rows.length, state.rows.length, 'stored rows');
  state.rows.forEach((want, i) => {
    const got = rows[i];
    if (got.occurred_at !== want.at) problems.push(`row ${i + 1}: time ${new Date(got.occurred_at).toISOString()}, want ${new Date(want.at).toISOString()}`);
    if (got.kind !== want.kind) problems.push(`row ${i + 1}: kind ${got.kind}, want ${want.kind}`);
    if (got.text !== want.text) problems.push(`row ${i + 1}: text ${JSON.stringify(got.text.slice(0, 60))}, want ${JSON.stringify(want.text.slice(0, 60))}`);
  });
  assert.deepEqual(problems, []);
  const [inc] = sql(ctx.db, `SELECT declared_at, detected_at FROM incidents WHERE id = ${state.incident}`);
  assert.deepEqual([inc.declared_at, inc.detected_at], [T('15:01'), T('14:55')], 'declared 15:01Z, detected 14:55Z');
});

step('the header and the clocks show the incident as it was, with its call clocks off', async () => {
  const { page } = ctx;
  const u = ui(page);
  const top = page.getByRole('banner');
  await expectContains(top.locator('.phase'), /^resolved$/i, { timeoutMs: 5000 });
  // Declared 15:01 to resolved 16:30.
  await expectContains(top.locator('.elapsed'), '1h 29m');
  const clocksCard = u.dashboard.locator('[data-card="clocks"]');
  // From the first entry (14:51, before the declaration) to the resolution.
  await expectContains(clocksCard.getByRole('timer', { name: 'Elapsed' }), '1h 39m');
  await expectContains(clocksCard.getByRole('status', { name: 'Call clocks off' }), 'Off: written up after the fact');
  await expectContains(clocksCard, 'latest entry 2015-10-21 22:00');
  assert.equal(await u.reminder.count(), 0, 'no reminder banner for a 2015 incident');
  // jennifer was IC from the declaration to the resolution.
  await expectContains(u.dashboard.locator('[data-card="roles"] li', { hasText: 'jennifer' }), '1h 29m');
  assert.equal(await clocksCard.getByRole('timer', { name: 'Next status update' }).count(), 0, 'no status update countdown');
  for (const [term, want] of [['Declared at', '2015-10-21 20:31'], ['Detected', '2015-10-21 20:25'], ['Mitigated', '2015-10-21 21:06']]) {
    await expectContains(u.dashboard.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]'), want);
  }
  await page.screenshot({ path: join(OUT, 'replay-late-window.png') });
});

/** The text of an HTML document as a reader sees it (tags dropped, entities read). */
function htmlText(s) {
  return s.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#34;/g, '"').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
/** Markdown as a reader sees it: backslash escapes read. */
const mdText = (s) => s.replace(/\\(.)/g, '$1');

async function exportText(format) {
  return ctx.page.evaluate(([id, f]) => window.go.app.Exports.Text({ incidentId: id, format: f, from: '', to: '', external: false,
    history: false, zone: '', status: 0 }), [state.incident, format]);
}

// Worked out by hand from the published timeline (all times UTC, 2015-10-21):
// first noticed 14:55 (the pager storm), declared 15:01, mitigated 15:36
// (OUTAGE MITIGATED), resolved 16:30 (INCIDENT ENDS); the outage began 14:54.
const HAND = {
  toDiscover: '6m', // 14:55 to 15:01
  toMitigate: '35m', // 15:01 to 15:36
  toRecover: '1h 29m', // 15:01 to 16:30
  impactToMitigated: '42m', // 14:54 to 15:36
  monitored: '54m', // 15:36 to 16:30
  whole: '1h 39m', // the first row, 14:51, to 16:30
};

step('every export format tells the story with the figures worked out by hand', async () => {
  mkdirSync(OUT, { recursive: true });
  const out = {};
  for (const f of ['md', 'html', 'csv', 'json', 'chat', 'review', 'review-html', 'ics']) {
    out[f] = await exportText(f);
    writeFileSync(join(OUT, `shakespeare.${f}`), out[f]);
  }
  const read = { md: mdText(out.md), review: mdText(out.review), html: htmlText(out.html), 'review-html': htmlText(out['review-html']),
    csv: out.csv, chat: out.chat, json: JSON.parse(out.json).entries.map((e) => e.text).join('\n'),
    // iCalendar folds long lines and escapes commas.
    ics: out.ics.replace(/\r?\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1') };
  const problems = [];
  const want = (f, s) => { if (!read[f].includes(s)) problems.push(`${f}: missing ${JSON.stringify(s)}`); };
  for (const [f, text] of Object.entries(read)) {
    // No negative duration anywhere.
    const neg = text.match(/(?:^|[\s(|])-\d+[dhms]\b/m);
    if (neg) problems.push(`${f}: negative duration ${JSON.stringify(neg[0])}`);
    if (f === 'ics') continue;
    for (const r of state.rows) {
      if (!text.includes(r.text)) problems.push(`${f}: row ${r.hm} missing ${JSON.stringify(r.text.slice(0, 50))}`);
    }
  }
  // The header says which day it was.
  want('md', '**Declared:** 2015-10-21 15:01:00 UTC (2015-10-21 20:31:00 Asia/Kolkata)');
  want('md', '**Detected:** 14:55:00 UTC');
  want('md', '**Mitigated:** 15:36:00 UTC');
  want('md', '**Resolved:** 16:30:00 UTC');
  want('md', `SEV2 from 15:01:00 UTC for ${HAND.toRecover}`);
  want('chat', 'declared 2015-10-21 15:01 UTC (20:31 IST)');
  want('html', 'Declared 2015-10-21 15:01:00');
  want('html', `Time to discover ${HAND.toDiscover}`);
  want('html', `Time to mitigate ${HAND.toMitigate}`);
  want('html', `Time to recover ${HAND.toRecover}`);
  want('review-html', `Time to discover (detected to declared) ${HAND.toDiscover}`);
  want('review-html', `Time to mitigate (declared to monitoring) ${HAND.toMitigate}`);
  want('review-html', `Time to recover (declared to resolved) ${HAND.toRecover}`);
  // The review's figures and milestones.
  want('review', '| Declared | 2015-10-21 15:01:00 UTC (2015-10-21 20:31:00 Asia/Kolkata) |');
  want('review', `| Time to discover (detected to declared) | ${HAND.toDiscover} |`);
  want('review', `| Time to mitigate (declared to monitoring) | ${HAND.toMitigate} |`);
  want('review', `| Time to recover (declared to resolved) | ${HAND.toRecover} |`);
  want('review', `**How long:** ${HAND.impactToMitigated} (first impact entry 14:54:00 UTC to mitigation 15:36:00 UTC)`);
  want('review', `Monitored for ${HAND.monitored} before resolving.`);
  want('review', `A SEV2 incident of ${HAND.whole} starting Wednesday 21 October 2015, 14:51 UTC`);
  want('review', '| Incident Commander | jennifer | 15:01:00 | the end | 1h 29m |');
  for (const [at, label] of [['14:54', 'OUTAGE BEGINS'], ['14:55', 'DETECTED'], ['15:01', 'INCIDENT BEGINS'], ['15:36', 'OUTAGE MITIGATED'],
    ['16:00', 'KEY MOMENT'], ['16:30', 'OUTAGE ENDS (RESOLVED)']]) {
    want('review', `| ${at}:00 | **${label}** |`);
  }
  want('review', 'http://monitor/shakespeare?end_time=20151021T145700');
  // Machine formats: exact instants.
  const inc = JSON.parse(out.json).incident;
  for (const [k, v] of [['declaredAt', '2015-10-21T15:01:00Z'], ['detectedAt', '2015-10-21T14:55:00Z']]) {
    if (inc[k] !== v) problems.push(`json: incident.${k} ${inc[k]}, want ${v}`);
  }
  const csvRows = out.csv.trimEnd().split('\n').filter((l) => /^\d{4}-/.test(l));
  if (csvRows.length !== state.rows.length + 2) problems.push(`csv: ${csvRows.length} rows, want ${state.rows.length + 2}`);
  // The review window closed in 2015: the invitation says so, and its slot is after now.
  want('ics', 'Resolved 2015-10-21 16:30:00 UTC. The review was due by 2015-10-23 16:30:00 UTC');
  const start = /DTSTART:(\d{8}T\d{6}Z)/.exec(out.ics)?.[1];
  const startMs = start ? Date.parse(start.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6Z')) : NaN;
  if (!(startMs > Date.now())) problems.push(`ics: DTSTART ${start} is not after now`);
  if (/jennifer\.incident|at\.\d/.test(out.ics)) problems.push('ics: a sentence taken as an attendee');
  assert.deepEqual(problems, []);
  // And the PDF, through the same save a person uses.
  const pdf = join(ctx.dir, 'out', 'shakespeare.pdf');
  mkdirSync(join(ctx.dir, 'out'), { recursive: true });
  await ctx.page.evaluate(([id, path]) => window.go.app.Exports.Save({ incidentId: id, format: 'pdf', from: '', to: '', external: false,
    history: false, zone: '', status: 0 }, path), [state.incident, pdf]);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-', 'a PDF was written');
}, { timeout: 120000 });

step('an untimed line asks before it is dated now; Esc puts "@" in front for the time', async () => {
  const { page } = ctx;
  const u = ui(page);
  const ask = page.getByRole('dialog', { name: 'Date this line now?', exact: true });
  await page.keyboard.type('review drafted from the chat log');
  await page.keyboard.press('Enter');
  await expectVisible(ask);
  await expectContains(ask, 'The latest entry of this incident is from Wed 21 Oct 2015 22:00 IST');
  await expectFocused(ask.getByRole('button', { name: 'Date it now', exact: true }));
  await page.keyboard.press('Escape');
  await expectHidden(ask);
  await expectFocused(u.line);
  await expectValue(u.line, '@ review drafted from the chat log');
  await page.keyboard.type('16:45Z');
  await expectValue(u.line, '@16:45Z review drafted from the chat log');
  await page.keyboard.press('Enter');
  await expectValue(u.line, '');
  await waitFor(() => sql(ctx.db, `SELECT occurred_at FROM entries WHERE text = 'review drafted from the chat log'`)[0]?.occurred_at === T('16:45'),
    { message: 'the line stored at 16:45Z on the incident\'s day' });
});

step('Enter dates it now, and the call clocks come back', async () => {
  const { page } = ctx;
  const u = ui(page);
  const ask = page.getByRole('dialog', { name: 'Date this line now?', exact: true });
  const before = Date.now();
  await page.keyboard.type('picked up again for the review');
  await page.keyboard.press('Enter');
  await expectVisible(ask);
  await page.keyboard.press('Enter');
  await expectHidden(ask);
  await expectValue(u.line, '');
  await waitFor(() => (sql(ctx.db, `SELECT occurred_at FROM entries WHERE text = 'picked up again for the review'`)[0]?.occurred_at ?? 0) >= before - 60000,
    { message: 'the line stored dated now' });
  await expectHidden(u.dashboard.getByRole('status', { name: 'Call clocks off' }), { timeoutMs: 5000 });
}, { critical: false });

step('the page logged no errors', async () => {
  assert.deepEqual(productProblems(ctx.page), []);
}, { critical: false });
