// Issue 3's simulated call, keyboard only, on a fast clock (BRIDGELOG_TIME_SCALE=60:
// a real second is an app minute). An IC declares a SEV2, gets the first-update
// reminder, sends an update and sees the cycle restart, delegates an action and
// gets it acknowledged, marks the incident mitigated and sits out the watch,
// hands incident command over with the brief, resolves, and sees the review
// clock start. A second, much faster app then lets the review actually come due.
// Every reminder is checked where a person sees it (the banner, which must never
// take the focus) and where the engine records it (reminder_log, on the app clock).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, APP_TZ, bootApp, removeTestDir, sql, ui, waitFor, commitLine, expectText, expectContains, expectValue,
  expectFocused, expectVisible, expectHidden, recordMitigationAnyway, productProblems,
} from './helpers.mjs';
import { scenario } from './steps.mjs';

// 60x keeps the whole call near 40 s: first update due at 5 s, an action's
// acknowledgement at 2 s, the watch 15 s. (The review, 24 h, would take 24 min:
// the last steps use a second app at REVIEW_SCALE for that.)
const SCALE = 60;
const MIN = 60_000 / SCALE; // real ms per app minute
const REVIEW_SCALE = 14_400; // a real second is four app hours
const APP_MIN = 60_000;

const TITLE = 'Checkout queue backing up in EU';
const IMPACT = 'EU customers cannot check out';
const MITIGATION = 'fail over to the standby queue';
const ACTION = 'restart the queue';

const ctx = {};
const review = {}; // the second app
const step = scenario('call', () => (review.page ? review : ctx));
const state = {};

before(async () => { Object.assign(ctx, await bootApp('call', { timeScale: SCALE })); }, { timeout: 90000 });
after(async () => {
  for (const c of [review, ctx]) {
    await c.browser?.close().catch(() => {});
    await c.app?.stop();
    if (c.dir) removeTestDir(c.dir);
  }
}, { timeout: 30000 });

const timer = (page, name) => ui(page).dashboard.getByRole('timer', { name, exact: true });
const actionItem = (page, label) => ui(page).dashboard.getByRole('list', { name: 'Open actions', exact: true })
  .getByRole('listitem', { name: label, exact: true });
const entries = (where) => sql(ctx.db, `SELECT * FROM entries WHERE incident_id = ${state.incident} AND deleted_at IS NULL AND ${where} ORDER BY id`);
const reminderLog = (db, incident, like) => sql(db, `SELECT key, fired_at, acked_at, snoozed_until FROM reminder_log
  WHERE incident_id = ${incident} AND key LIKE '${like}' ORDER BY key`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hm = (ms) => new Intl.DateTimeFormat('en-GB', { timeZone: APP_TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/** What the banner says now ('' when there is none). */
async function bannerText(page) {
  const b = ui(page).reminder;
  if (!(await b.isVisible().catch(() => false))) return '';
  return (await b.innerText({ timeout: 500 }).catch(() => '')).replace(/\s+/g, ' ').trim();
}

// Reminders an IC deals with in passing while waiting for another one: a
// check-in reminder is acknowledged (that is the check-in), an action's
// report-back time too (the IC asked), a status update or the idle nudge that
// comes while the IC is busy is snoozed for 5 minutes.
const IN_PASSING = [
  { re: /Check-in due at/, key: 'Control+Shift+A', what: 'acknowledged the check-in' },
  { re: /Check in with @sam/, key: 'Control+Shift+A', what: "acknowledged @sam's report-back" },
  { re: /Status update (due|overdue)/, key: 'Control+Shift+S', what: 'snoozed the status update' },
  { re: /Nobody owns a next step/, key: 'Control+Shift+S', what: 'snoozed the idle nudge' },
];

/**
 * Waits until the banner shows a reminder matching want and returns
 * { text, at, first, passed }: at, when it showed; first, when the banner first
 * showed anything while waiting; passed, what was dealt with on the way.
 * Reminders in front of it that an IC deals with in passing (IN_PASSING) are
 * acknowledged or snoozed from the keyboard; any other one in front of it makes
 * the wait fail at its timeout. The entry line must keep the focus throughout.
 */
async function waitForReminder(page, want, { timeoutMs, pass = IN_PASSING } = {}) {
  const deadline = Date.now() + timeoutMs;
  const passed = [];
  let first = 0;
  let last = '';
  for (;;) {
    const text = await bannerText(page);
    if (text && !first) first = Date.now();
    if (want.test(text)) return { text, at: Date.now(), first, passed };
    const rule = text && pass.find((p) => p.re.test(text));
    if (rule) {
      await expectFocused(ui(page).line); // the banner never takes the focus
      await page.keyboard.press(rule.key);
      passed.push(`${rule.what} (${text.slice(0, 60)})`);
      await waitFor(async () => (await bannerText(page)) !== text, { timeoutMs: 3000, message: `the banner to move on after ${rule.key}` });
      continue;
    }
    last = text;
    if (Date.now() > deadline) {
      throw new Error(`the banner did not show ${want} within ${timeoutMs} ms; it shows: ${JSON.stringify(last || '(no banner)')}` +
        (passed.length ? `; dealt with on the way: ${passed.join('; ')}` : ''));
    }
    await sleep(50);
  }
}

/** Asserts a real delay is the app delay on a clock running scale times faster, within [-early, +late] ms. */
function assertDelay(what, realMs, appMs, scale, { early = 400, late = 1500 } = {}) {
  const want = appMs / scale;
  assert.ok(realMs >= want - early && realMs <= want + late,
    `${what}: after ${realMs} ms real, want ${want} ms (${appMs / APP_MIN} app minutes at ${scale}x) -${early}/+${late} ms`);
}

/** addBusinessDays as the review clock counts: whole 24 h steps, a step ending on a local weekend does not count. */
function addBusinessDays(ms, n) {
  let t = ms;
  while (n > 0) {
    t += 24 * 3600_000;
    const wd = new Intl.DateTimeFormat('en-US', { timeZone: APP_TZ, weekday: 'short' }).format(t);
    if (wd !== 'Sat' && wd !== 'Sun') n--;
  }
  return t;
}

/**
 * Parses a countdown's "in 1:59" (its last two minutes), "in 12m", "in 1h 04m"
 * or "in 2d 23h 59m" into ms, to the second or minute shown.
 */
function countdownMs(text) {
  const m = /^in (?:(\d+)d )?(?:(\d+)h )?(\d+)m$/.exec(text);
  if (m) return ((Number(m[1] || 0) * 24 + Number(m[2] || 0)) * 60 + Number(m[3])) * 60_000;
  const s = /^in (\d+):(\d\d)$/.exec(text);
  if (s) return (Number(s[1]) * 60 + Number(s[2])) * 1000;
  return NaN;
}

/** Creates an incident from the New incident dialog: title, severity by type-ahead, Enter. Returns the real time of Enter. */
async function declare(page, title, severity) {
  const dialog = ui(page).newIncident;
  await expectVisible(dialog, { timeoutMs: 10000 });
  const titleBox = dialog.getByLabel('Incident title', { exact: true });
  const sev = dialog.getByLabel('Severity', { exact: true });
  await expectFocused(titleBox);
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await expectFocused(sev);
  await page.keyboard.type(severity); // type-ahead in a closed select
  assert.equal(await sev.inputValue(), severity);
  await page.keyboard.press('Shift+Tab');
  await expectFocused(titleBox);
  const at = Date.now();
  await page.keyboard.press('Enter');
  await expectHidden(dialog);
  await expectFocused(ui(page).line);
  return at;
}

// ---------------------------------------------------------------- the call

step('declares a SEV2 from the keyboard on an app clock running 60x', async () => {
  const { page } = ctx;
  const u = ui(page);
  state.declaredReal = await declare(page, TITLE, 'SEV2');
  const [inc] = await waitFor(() => { const r = sql(ctx.db, 'SELECT id, declared_at FROM incidents'); return r.length ? r : null; },
    { message: 'the incident row' });
  state.incident = inc.id;
  state.declaredAt = inc.declared_at;
  assert.equal(await page.evaluate(() => window.go.app.Clocks.TimeScale()), SCALE, 'Clocks.TimeScale()');
  assert.ok(inc.declared_at > state.declaredReal, 'declared_at is stamped on the fast app clock, ahead of the wall clock');
  await expectContains(u.dashboard, 'SEV2');
  await commitLine(page, 'ic: Priya');
  await commitLine(page, `! ${IMPACT}`);
  await commitLine(page, `m: ${MITIGATION}`); // nothing else in progress: no question asked
  await expectHidden(u.mitigationConfirm);
  await expectContains(u.dashboard, 'Mitigation in progress');
  await expectContains(u.dashboard, MITIGATION);
  // The first update is due 5 app-minutes after declaring; the countdown runs on the fast clock.
  await expectText(timer(page, 'Next status update'), /^in ([1-5]m|[01]:\d\d|2:00)$/, { timeoutMs: 3000 });
  // The display ticks once a real second, so at 60x it steps an app minute at a
  // time; it shows minutes (rounded up) until the last two.
  const t1 = countdownMs(await timer(page, 'Next status update').innerText());
  await sleep(2000);
  const t2 = countdownMs(await timer(page, 'Next status update').innerText());
  assert.ok(t1 - t2 >= 60_000 && t1 - t2 <= 240_000, `the countdown runs at 60x: ${(t1 - t2) / 1000} app-seconds in 2 real seconds`);
  assert.deepEqual(entries("kind = 'mitigation'").map((e) => e.overrode), [0], 'the first mitigation overrides nothing');
});

step('the first-update reminder shows 5 app-minutes after declaring, and the line keeps the focus', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  if (Date.now() - state.declaredReal < 4.5 * MIN) assert.equal(await bannerText(page), '', 'no reminder before anything is due');
  const seen = await waitForReminder(page, /Status update due at \d\d:\d\d/, { timeoutMs: 10 * MIN });
  t.diagnostic(`first banner ${seen.first - state.declaredReal} ms after declaring, the status reminder at ${seen.at - state.declaredReal} ms` +
    (seen.passed.length ? `; in front of it: ${seen.passed.join('; ')}` : ''));
  assertDelay('the first banner', seen.first - state.declaredReal, 5 * APP_MIN, SCALE);
  assert.match(seen.text, new RegExp(`Status update due at ${hm(state.declaredAt + 5 * APP_MIN)}`), 'the due time in the app zone');
  assert.match(seen.text, /Stakeholders have heard nothing since the incident was declared/);
  await expectFocused(u.line);
  // The engine: sent once, on time on the app clock (within an app minute, one real second).
  const log = reminderLog(ctx.db, state.incident, 'status:first:%');
  assert.equal(log.length, 1, 'one status:first reminder in reminder_log');
  const late = log[0].fired_at - (state.declaredAt + 5 * APP_MIN);
  assert.ok(late >= 0 && late <= APP_MIN, `status:first fired ${late / 1000} app-seconds after due`);
  await expectText(timer(page, 'Next status update'), /^(due now|overdue \d+:\d\d|overdue \d+m)$/);
});

step('Ctrl+U opens the composer prefilled from the call; Ctrl+Enter records it and the 20-minute cycle restarts', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.keyboard.press('Control+u');
  const dlg = page.getByRole('dialog', { name: 'Status update', exact: true });
  await expectVisible(dlg);
  const text = dlg.getByLabel('Status text', { exact: true });
  await expectFocused(text);
  await waitFor(async () => (await text.getAttribute('aria-busy')) === 'false' && (await text.inputValue()).trim() !== '',
    { message: 'the drafted update' });
  const draft = await text.inputValue();
  for (const want of ['[SEV2]', TITLE, `Impact: ${IMPACT}`, `Applying: ${MITIGATION}`, 'Next update by']) {
    assert.ok(draft.includes(want), `the draft mentions ${JSON.stringify(want)}:\n${draft}`);
  }
  assert.equal(await dlg.getByLabel('Next update in (minutes)', { exact: true }).inputValue(), '20', "SEV2's interval");
  await page.keyboard.press('Control+Enter');
  await expectHidden(dlg);
  await expectFocused(u.line);
  const rows = await waitFor(() => {
    const r = sql(ctx.db, `SELECT e.id, e.kind, e.text, e.internal, e.occurred_at, s.audience, s.next_at
      FROM entries e JOIN status_updates s ON s.entry_id = e.id WHERE e.incident_id = ${state.incident}`);
    return r.length ? r : null;
  }, { message: 'a status_updates row' });
  assert.equal(rows.length, 1);
  const [s] = rows;
  assert.deepEqual({ kind: s.kind, internal: s.internal, audience: s.audience, text: s.text },
    { kind: 'status', internal: 1, audience: 'internal', text: draft.trim() });
  const promise = s.next_at - s.occurred_at;
  assert.ok(Math.abs(promise - 20 * APP_MIN) <= APP_MIN / 2, `next update promised ${promise / APP_MIN} app-minutes on`);
  state.statusAt = s.occurred_at;
  await expectText(timer(page, 'Next status update'), /^in (19|20)m$/);
  await waitFor(async () => !/Status update due/.test(await bannerText(page)), { timeoutMs: 3000, message: 'the status reminder to leave the banner' });
  await expectVisible(u.articles.filter({ hasText: 'Next update by' }));
});

step('`a: @sam restart the queue 10m` delegates an action: asked, on the board', async () => {
  const { page } = ctx;
  state.askedReal = Date.now();
  await commitLine(page, `a: @sam ${ACTION} 10m`);
  const [a] = await waitFor(() => {
    const r = sql(ctx.db, `SELECT a.id, a.state, a.acked_at, e.id AS entry_id, e.owner, e.text, e.check_in, e.occurred_at
      FROM actions a JOIN entries e ON e.id = a.entry_id WHERE a.incident_id = ${state.incident}`);
    return r.length ? r : null;
  }, { message: 'an actions row' });
  assert.deepEqual({ state: a.state, owner: a.owner, text: a.text, check_in: a.check_in, acked_at: a.acked_at },
    { state: 'asked', owner: 'sam', text: ACTION, check_in: 10, acked_at: null });
  state.action = a;
  await expectVisible(actionItem(page, `@sam: ${ACTION}, asked`));
});

step('two app-minutes later the banner asks for @sam\'s acknowledgement', async (t) => {
  const { page } = ctx;
  const seen = await waitForReminder(page, new RegExp(`Not acknowledged: ${ACTION}`), { timeoutMs: 6 * MIN });
  t.diagnostic(`the acknowledgement reminder ${seen.at - state.askedReal} ms after the action`);
  assertDelay('the acknowledgement reminder', seen.at - state.askedReal, 2 * APP_MIN, SCALE);
  assert.ok(seen.text.includes(`@sam has not confirmed "${ACTION}"`), seen.text);
  await expectFocused(ui(page).line);
  const log = reminderLog(ctx.db, state.incident, `action-ack:${state.action.id}:%`);
  assert.equal(log.length, 1, 'one action-ack reminder in reminder_log');
  const late = log[0].fired_at - (state.action.occurred_at + 2 * APP_MIN);
  assert.ok(late >= 0 && late <= APP_MIN, `action-ack fired ${late / 1000} app-seconds after due`);
});

step('Ctrl+J then `a` acknowledges it on the actions board', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.keyboard.press('Control+j');
  await expectFocused(actionItem(page, `@sam: ${ACTION}, asked`));
  await page.keyboard.press('a');
  const [a] = await waitFor(() => {
    const r = sql(ctx.db, `SELECT state, acked_at FROM actions WHERE id = ${state.action.id}`);
    return r[0]?.state === 'acknowledged' ? r : null;
  }, { message: 'the action acknowledged in the database' });
  assert.ok(a.acked_at > state.action.occurred_at, 'acked_at after it was asked');
  const ack = entries(`kind = 'action' AND id > ${state.action.entry_id}`);
  assert.deepEqual(ack.map((e) => e.text), [`Acknowledged by sam: ${ACTION}`], 'the acknowledgement on the timeline');
  // Go wrote that entry, not the line: the timeline picks it up from the change it announced.
  await expectVisible(u.articles.filter({ hasText: `Acknowledged by sam: ${ACTION}` }), { timeoutMs: 3000 });
  assert.equal(sql(ctx.db, 'SELECT count(*) AS n FROM actions')[0].n, 1, 'an acknowledgement entry asks for nothing new');
  await expectFocused(actionItem(page, `@sam: ${ACTION}, acknowledged`));
  await waitFor(async () => !/Not acknowledged/.test(await bannerText(page)), { timeoutMs: 3000, message: 'the acknowledgement reminder to leave the banner' });
  await page.keyboard.press('Escape');
  await expectFocused(u.line);
});

step('`phase: monitoring` marks it mitigated and starts the 15-minute watch', async () => {
  const { page } = ctx;
  const u = ui(page);
  state.monitoringReal = Date.now();
  await commitLine(page, 'phase: monitoring');
  const [p] = await waitFor(() => { const r = entries("kind = 'phase' AND phase = 'monitoring'"); return r.length ? r : null; },
    { message: 'the phase entry' });
  state.monitoringAt = p.occurred_at;
  const watch = timer(page, 'Monitoring watch');
  await expectText(watch, /^in 1[3-5]m$/);
  const criteria = u.dashboard.getByRole('group', { name: 'Exit criteria', exact: true }).getByRole('checkbox');
  await waitFor(async () => (await criteria.count()) >= 1, { message: 'exit criteria to tick' });
  await expectContains(u.dashboard, /Mitigation in progress\s*None/); // monitoring closes the mitigation
  await expectFocused(u.line);
  // The dashboard mid-call, for the README and for a person to look at.
  await sleep(1500);
  mkdirSync(join(ROOT, 'build', 'out', 'e2e'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'build', 'out', 'e2e', 'call-dashboard.png') });
});

step('the watch ends 15 app-minutes later: the banner says so and the card offers Resolve, Extend, Reopen', async (t) => {
  const { page } = ctx;
  const u = ui(page);
  const seen = await waitForReminder(page, /Monitoring watch ended/, { timeoutMs: 25 * MIN });
  t.diagnostic(`the watch reminder ${seen.at - state.monitoringReal} ms after \`phase: monitoring\`; dealt with on the way: ${seen.passed.join('; ') || 'nothing'}`);
  // Reminders dealt with on the way may hold it back a little.
  assertDelay('the watch reminder', seen.at - state.monitoringReal, 15 * APP_MIN, SCALE, { late: 3000 });
  const log = reminderLog(ctx.db, state.incident, 'watch:%');
  assert.equal(log.length, 1, 'one watch reminder in reminder_log');
  const late = log[0].fired_at - (state.monitoringAt + 15 * APP_MIN);
  assert.ok(late >= 0 && late <= APP_MIN, `the watch reminder fired ${late / 1000} app-seconds after the end`);
  await expectText(timer(page, 'Monitoring watch'), /^ended \d+:\d\d$/);
  for (const name of ['Resolve', 'Extend 15 min', 'Reopen']) await expectVisible(u.dashboard.getByRole('button', { name, exact: true }));
  await expectFocused(u.line);
}, { timeout: 60000 });

step('Ctrl+H hands incident command to Jordan: the brief, the name, the confirmation, Complete', async () => {
  const { page } = ctx;
  const u = ui(page);
  await page.keyboard.press('Control+h');
  const dlg = page.getByRole('dialog', { name: 'Hand off incident command', exact: true });
  await expectVisible(dlg);
  const brief = dlg.getByLabel('Handoff brief', { exact: true });
  await waitFor(async () => (await brief.getAttribute('aria-busy')) === 'false' && (await brief.inputValue()).trim() !== '',
    { message: 'the generated brief' });
  const text = await brief.inputValue();
  for (const want of [TITLE, 'Severity SEV2, phase monitoring', `Impact: ${IMPACT}`, `@sam ${ACTION}`, 'Priya']) {
    assert.ok(text.includes(want), `the brief mentions ${JSON.stringify(want)}:\n${text}`);
  }
  await expectContains(dlg, /Priya has been IC since/);
  const incoming = dlg.getByLabel('Incoming IC', { exact: true });
  await expectFocused(incoming);
  await page.keyboard.type('Jordan');
  await page.keyboard.press('Tab');
  const confirm = dlg.getByRole('checkbox', { name: /Incoming IC has confirmed/ });
  await expectFocused(confirm);
  await page.keyboard.press('Space');
  assert.ok(await confirm.isChecked(), 'the confirmation is ticked');
  const complete = dlg.getByRole('button', { name: 'Complete handoff', exact: true });
  for (let i = 0; i < 4 && !(await complete.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expectFocused(complete);
  await page.keyboard.press('Enter');
  await expectHidden(dlg);
  await expectFocused(u.line);
  const [role] = await waitFor(() => { const r = entries("kind = 'role' AND person = 'Jordan'"); return r.length ? r : null; },
    { message: 'the role entry' });
  assert.deepEqual({ role: role.role, person: role.person, raw: role.raw, key: role.key }, { role: 'ic', person: 'Jordan', raw: 'tl: ic: Jordan', key: 1 });
  const notes = entries(`kind = 'note' AND text LIKE 'Handoff of %'`);
  assert.equal(notes.length, 1, 'one handoff note');
  // The dialog's brief says how to fill an empty Confirmed or Ruled out line; the timeline keeps "none yet".
  const saved = text.trim().replaceAll(': `? confirmed: …` adds one', '').replaceAll(': `? ruled out: …` adds one', '');
  assert.equal(notes[0].text, `Handoff of Incident Commander from Priya to Jordan, confirmed by Jordan. Brief:\n${saved}`);
  assert.equal(notes[0].internal, 1, 'the brief is an internal note');
  assert.ok(notes[0].id < role.id && notes[0].occurred_at === role.occurred_at, 'the brief, then the role change, at the same instant');
  const tir = u.dashboard.getByRole('region', { name: 'Time in role', exact: true });
  await expectContains(tir, 'Jordan');
  await waitFor(async () => !(await tir.innerText()).includes('Priya'), { timeoutMs: 3000, message: 'Priya to leave Time in role' });
});

step('resolves from the watch card (the banner\'s Open, Tab to Resolve) and the review clock starts', async () => {
  const { page } = ctx;
  const u = ui(page);
  await waitForReminder(page, /Monitoring watch ended/, { timeoutMs: 5 * MIN });
  await page.keyboard.press('Control+Shift+O');
  const card = u.dashboard.locator('[data-card="watch"]');
  await waitFor(() => card.evaluate((el) => el.contains(document.activeElement)), { message: 'the watch card to take the focus' });
  const resolve = u.dashboard.getByRole('button', { name: 'Resolve', exact: true });
  for (let i = 0; i < 10 && !(await resolve.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expectFocused(resolve);
  await page.keyboard.press('Enter');
  const [p] = await waitFor(() => { const r = entries("kind = 'phase' AND phase = 'resolved'"); return r.length ? r : null; },
    { message: 'the resolved phase entry' });
  const due = addBusinessDays(p.occurred_at, 1);
  const reviewTimer = timer(page, 'Review due');
  await expectText(reviewTimer, /^in /);
  const left = countdownMs(await reviewTimer.innerText());
  const want = due - (p.occurred_at + 2 * APP_MIN); // a second or two of real time has passed since
  assert.ok(Math.abs(left - want) <= 3 * APP_MIN, `Review due shows ${await reviewTimer.innerText()}, want about ${want / 3600_000} h`);
  await expectHidden(timer(page, 'Next status update')); // no status cycle once resolved
  await expectHidden(timer(page, 'Monitoring watch'));
  await waitFor(async () => (await bannerText(page)) === '', { timeoutMs: 3000, message: 'no reminder left once resolved' });
  // Esc goes back to the line from the card.
  await page.keyboard.press('Escape');
  await expectFocused(u.line);
});

step('the call\'s page logged no errors', async () => {
  assert.deepEqual(productProblems(ctx.page), []);
}, { critical: false });

// ---------------------------------------------------------------- the review comes due

step('on a clock running 14,400x, a resolved incident\'s review comes due one business day later', async (t) => {
  Object.assign(review, await bootApp('call-review', { timeScale: REVIEW_SCALE }));
  const { page } = review;
  const u = ui(page);
  await declare(page, 'Search latency after the index rebuild', 'SEV3');
  const [inc] = sql(review.db, 'SELECT id FROM incidents');
  // The entry's time is taken at its first keystroke, so the real moment to
  // count from is just before typing: at 14,400x, the second a loaded machine
  // takes to store the line and show it to sqlite3 is four app hours.
  const resolvedReal = Date.now();
  await commitLine(page, 'phase: resolved latency back to normal');
  const [p] = await waitFor(() => {
    const r = sql(review.db, `SELECT occurred_at FROM entries WHERE incident_id = ${inc.id} AND kind = 'phase' AND phase = 'resolved'`);
    return r.length ? r : null;
  }, { message: 'the resolved phase entry' });
  const due = addBusinessDays(p.occurred_at, 1);
  await expectText(timer(page, 'Review due'), /^in /);
  const seen = await waitForReminder(page, /Post-incident review due/, { timeoutMs: (due - p.occurred_at) / REVIEW_SCALE + 5000, pass: [] });
  t.diagnostic(`review due ${(due - p.occurred_at) / 3600_000} app-hours after resolving; the banner showed after ${seen.at - resolvedReal} ms`);
  assertDelay('the review reminder', seen.at - resolvedReal, due - p.occurred_at, REVIEW_SCALE, { early: 500, late: 2000 });
  await expectText(timer(page, 'Review due'), /^overdue /);
  const log = reminderLog(review.db, inc.id, 'review:%');
  assert.equal(log.length, 1, 'one review reminder in reminder_log');
  const late = log[0].fired_at - due;
  assert.ok(late >= 0 && late <= 5 * APP_MIN, `the review reminder fired ${late / 1000} app-seconds after due`);
  await expectFocused(u.line);
  assert.deepEqual(productProblems(page), [], 'page errors');
}, { timeout: 60000 });
