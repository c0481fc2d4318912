// Helpers for the crash tests: kill the app's Go process with SIGKILL (no
// shutdown hook runs, nothing is flushed), check the SQLite file it leaves,
// and watch in the page which saves Go acknowledged.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { DEV_BINARY, sessionPids, stopSession } from './helpers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Returns the pid of binary running in the app's session (not Xvfb, dbus or WebKit). */
export function appPid(app, binary = DEV_BINARY) {
  const want = realpathSync(binary);
  const found = sessionPids(app.sid).filter((pid) => {
    // A binary rebuilt while it runs shows as "path (deleted)".
    try { return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '') === want; } catch { return false; }
  });
  if (found.length !== 1) throw new Error(`want one ${want} in session ${app.sid}, found pids [${found}]`);
  return found[0];
}

/** Reports whether pid runs (a zombie has already died). */
function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch { return false; }
}

/**
 * Sends SIGKILL to the app's Go process (pid, when looked up beforehand with
 * appPid, saves the look-up's milliseconds), waits until it is gone, then ends
 * the rest of its session (Xvfb, dbus, WebKit's helpers). Returns the pid;
 * app.killedAt is when the signal was sent (Date.now()).
 */
export async function killApp(app, { binary = DEV_BINARY, pid = appPid(app, binary) } = {}) {
  app.killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 5000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`pid ${pid} still runs 5 s after SIGKILL`);
    await sleep(10);
  }
  await stopSession(app.sid, 1000);
  return pid;
}

/** Runs PRAGMA integrity_check on the file with the sqlite3 command and returns its answer. */
export function integrityCheck(db) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, 'PRAGMA integrity_check'], { encoding: 'utf8', timeout: 30000 }).trim();
}

/**
 * Wraps the page's Timeline.Add and Timeline.SaveDraft bindings, which the
 * UI calls for every Enter and every draft save, so the page records each
 * call and Go's answer: window.__acks.adds [{ line, id, text, ok, at, ackAt | errAt }],
 * window.__acks.drafts [{ text, ok, at, ackAt | errAt }] (times from Date.now()). An entry is acknowledged when Go
 * answered with its stored row: the moment the UI stops showing it as saving.
 * Rows the timeline shows as saved (no aria-busy) are recorded too, in
 * window.__acks.rows, as a check on the wrapped calls.
 */
export async function watchAcks(page) {
  await page.evaluate(() => {
    const acks = { adds: [], drafts: [], rows: new Set() };
    window.__acks = acks;
    const t = window.go.app.Timeline;
    const add = t.Add;
    t.Add = (incidentId, line, startedAt) => {
      const rec = { line, ok: null, at: Date.now() };
      acks.adds.push(rec);
      return add(incidentId, line, startedAt).then((e) => {
        Object.assign(rec, { ok: true, id: e.id, text: e.text, ackAt: Date.now() });
        return e;
      }, (err) => {
        Object.assign(rec, { ok: false, error: String(err?.message ?? err), errAt: Date.now() });
        throw err;
      });
    };
    const save = t.SaveDraft;
    t.SaveDraft = (incidentId, text, startedAt, editingId) => {
      const rec = { text, ok: null, at: Date.now() };
      acks.drafts.push(rec);
      return save(incidentId, text, startedAt, editingId).then((v) => {
        Object.assign(rec, { ok: true, ackAt: Date.now() });
        return v;
      }, (err) => {
        Object.assign(rec, { ok: false, error: String(err?.message ?? err), errAt: Date.now() });
        throw err;
      });
    };
    const seen = (el) => {
      if (el.matches?.('article[data-entry-id]') && Number(el.dataset.entryId) > 0 && el.getAttribute('aria-busy') !== 'true') {
        acks.rows.add(el.querySelector('.body')?.innerText ?? el.innerText);
      }
    };
    const log = document.querySelector('[role="log"][aria-label="Timeline"]');
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') seen(r.target);
        for (const n of r.addedNodes ?? []) {
          if (n.nodeType !== 1) continue;
          seen(n);
          n.querySelectorAll?.('article[data-entry-id]').forEach(seen);
        }
      }
    }).observe(log, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy', 'data-entry-id'] });
  });
}

/** Reads what watchAcks recorded so far. */
export async function readAcks(page) {
  return page.evaluate(() => ({
    adds: window.__acks.adds.map((a) => ({ ...a })),
    drafts: window.__acks.drafts.map((d) => ({ ...d })),
    rows: [...window.__acks.rows],
    pendingRows: document.querySelectorAll('[role="log"][aria-label="Timeline"] article[aria-busy="true"]').length,
  }));
}

/**
 * Takes SQLite's write lock on db with the sqlite3 command (BEGIN IMMEDIATE)
 * and holds it until release() is called: a stand-in for anything that keeps
 * the file busy for a while, such as a big chat import or a slow disk.
 */
export async function holdWriteLock(db) {
  const child = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((r) => child.on('exit', r));
  child.stdin.write(".timeout 5000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n");
  const deadline = Date.now() + 10000;
  while (!out.includes('locked')) {
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`sqlite3 did not take the write lock: ${out}`); }
    await sleep(10);
  }
  return {
    release: async () => {
      child.stdin.end('COMMIT;\n');
      await exited;
    },
  };
}
