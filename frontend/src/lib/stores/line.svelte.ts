// The scribe's entry line: the text, when its first key was pressed (on Go's
// clock), the live preview from the grammar, edit mode, the draft that survives a
// crash, and committing. The data flow follows the ui-spec's "Data flow" section.
import * as api from '../api/timeline';
import { toApiError } from '../api/errors';
import type { Draft, Entry, LinePreview } from '../api/types';
import { isMitigationOutcome } from '../clocks';
import { DraftQueue, type DraftText } from '../draftQueue';
import { clock } from './clock.svelte';
import { clocks } from './clocks.svelte';
import { dashboard } from './dashboard.svelte';
import { entries } from './entries.svelte';
import { ui } from './ui.svelte';
import { maxDraftBytes, maxEntryBytes } from '../generated/limits';

import { draftDelayMs, problemPauseMs, utf8Length, type EarlyLine } from '../lineTiming';

export { problemPauseMs };

class LineStore {
  text = $state('');
  /** RFC 3339 time of the first keystroke, on Go's clock; null until then. */
  startedAt = $state<string | null>(null);
  preview = $state.raw<LinePreview | null>(null);
  editing = $state.raw<Entry | null>(null);
  /** Why the last save failed; cleared by the next keystroke. */
  saveError = $state('');
  busy = $state(false);
  /** The mitigation still in progress while the scribe is asked whether to start another. */
  inProgress = $state.raw<Entry | null>(null);
  /**
   * Go's question while the scribe is asked whether to date an untimed line
   * now, in an incident written up after the fact; '' otherwise.
   */
  undated = $state('');

  /**
   * True while keys come faster than problemPauseMs: the grammar's problem
   * waits for the pause, or for Enter. A save error and the size problem do not.
   */
  typing = $state(false);

  problem = $derived(this.saveError || this.localProblem() || (this.typing ? '' : this.preview?.line.problem) || '');

  /** The incident the line belongs to; 0 until one is open, or while a new one is being created. */
  private incidentId = 0;
  /** Lines entered while incidentId was 0, saved in order once the line has an incident (see open). */
  private early: EarlyLine[] = [];
  /** The last first-keystroke time given (ms on Go's clock): each line's is later. */
  private lastStart = 0;
  private drafts = new DraftQueue((id, d) => api.saveDraft(id, d.text, d.startedAt, d.editingId));
  private previewSeq = 0;
  /** The text the current preview was parsed from; a preview of older text is stale. */
  private previewFor = '';
  private pendingSeq = 0;
  private previewBusy = false;
  private previewAgain = false;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;

  /** input is called for every change of the textarea. */
  input(text: string): void {
    this.text = text;
    this.saveError = '';
    this.keyTyped();
    if (text === '') {
      if (!this.editing) this.forgetStart();
      this.previewSeq++;
      this.preview = null;
    } else {
      if (!this.editing) this.started();
      void this.refreshPreview();
    }
    this.scheduleDraft();
  }

  /**
   * started returns the line's first-keystroke time, taking it now if it has
   * none: the entry's time. It is read at once from the UI's copy of Go's
   * clock (asking Go would answer after the next keys, or after the next line,
   * under load), and it is always later than the previous line's, so two lines
   * typed a millisecond apart keep the order they were typed in.
   */
  started(): string {
    if (this.startedAt) return this.startedAt;
    const t = Math.max(Math.floor(clock.at(Date.now())), this.lastStart + 1);
    this.lastStart = t;
    this.startedAt = new Date(t).toISOString();
    return this.startedAt;
  }

  /** ensureStarted is started() for callers that await it. */
  ensureStarted(): Promise<string> {
    return Promise.resolve(this.started());
  }

  /** keyTyped holds the grammar's problem back until the scribe pauses (see typing). */
  private keyTyped(): void {
    clearTimeout(this.pauseTimer);
    this.typing = true;
    this.pauseTimer = setTimeout(() => this.paused(), problemPauseMs);
  }

  /** paused shows the grammar's problem, if any: the scribe paused, pressed Enter, or the line was not typed. */
  paused(): void {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    this.typing = false;
  }

  private forgetStart(): void {
    this.startedAt = null;
  }

  /** keepOrder makes a line's time, restored or put back, count as given: lines after it start later. */
  private keepOrder(startedAt: string | null): void {
    const t = startedAt ? Date.parse(startedAt) : NaN;
    if (t > this.lastStart) this.lastStart = t;
  }

  private localProblem(): string {
    const n = utf8Length(this.text, maxEntryBytes + 1);
    if (n <= maxEntryBytes) return '';
    return `This entry is ${Math.ceil(n / 1024)} KiB; the limit is ${maxEntryBytes / 1024} KiB. Split it into several entries.`;
  }

  /**
   * refreshPreview keeps at most one Preview call in flight: keys typed meanwhile
   * trigger one more call when it returns, so a fast typist does not queue dozens
   * of calls ahead of the Add that follows. The latest answer is shown unless the
   * line was cleared or switched to another entry since (previewSeq).
   */
  private async refreshPreview(): Promise<void> {
    if (this.previewBusy) {
      this.previewAgain = true;
      return;
    }
    this.previewBusy = true;
    try {
      do {
        this.previewAgain = false;
        const seq = this.previewSeq;
        const text = this.text;
        // A huge paste is not sent to Go on every keystroke; the size problem says enough.
        if (text === '' || utf8Length(text, maxEntryBytes + 1) > maxEntryBytes) continue;
        const base = this.editing ? this.editing.occurredAt.toISOString() : this.started();
        const p = await api.preview(text, base, this.incidentId).catch(() => null); // a courtesy: the commit reports real errors
        if (p && seq === this.previewSeq) {
          this.preview = p;
          this.previewFor = text;
        }
      } while (this.previewAgain);
    } finally {
      this.previewBusy = false;
    }
  }

  private scheduleDraft(): void {
    clearTimeout(this.draftTimer);
    if (this.incidentId) this.draftTimer = setTimeout(() => this.flushDraft(), draftDelayMs);
  }

  /**
   * flushDraft saves the pending draft now (before switching incidents, for
   * one). Saves go one at a time, the latest text winning (see DraftQueue).
   */
  flushDraft(): void {
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    if (!this.incidentId || utf8Length(this.text, maxDraftBytes + 1) > maxDraftBytes) return;
    this.drafts.save(this.incidentId, this.draftText());
  }

  private draftText(): DraftText {
    return { text: this.text, startedAt: this.startedAt, editingId: this.editing?.id ?? null };
  }

  private cancelDraft(): void {
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
  }

  /** clear empties the line (after a commit, a cancel or a switch). */
  clear(): void {
    this.paused();
    this.previewSeq++;
    this.text = '';
    this.forgetStart();
    this.preview = null;
    this.editing = null;
    this.saveError = '';
  }

  /**
   * open makes the line belong to an incident and restores its draft. What
   * was typed while the line had no incident (straight after the New incident
   * dialog's Enter, or before the last incident had loaded) belongs to this
   * one: the text stays on the line, after the draft if there is one, and
   * the lines entered meanwhile are saved now, in the order typed.
   */
  open(incidentId: number, d: Draft | null): void {
    if (this.incidentId && this.draftTimer !== undefined) this.flushDraft();
    const typed = this.incidentId ? null : { text: this.text, startedAt: this.startedAt };
    const early = this.incidentId ? [] : this.early.splice(0);
    this.incidentId = incidentId;
    this.clear();
    if (d) this.drafts.loaded(incidentId, { text: d.text, startedAt: d.startedAt, editingId: d.editingId });
    if (d && d.text !== '') {
      this.editing = entries.byId(d.editingId);
      this.text = d.text;
      this.startedAt = this.editing ? null : d.startedAt;
      // An edit of a row the timeline does not hold (far back in a long call).
      if (!this.editing && d.editingId) void this.resumeEdit(incidentId, d.editingId, d.text);
      this.keepOrder(this.startedAt);
    }
    if (typed && typed.text !== '') {
      if (this.text === '') [this.text, this.startedAt] = [typed.text, typed.startedAt];
      else this.text = `${this.text} ${typed.text}`;
    }
    for (const l of early) void this.save(l.text, l.startedAt, null, false);
    if (this.text !== '') void this.refreshPreview();
    if (typed && typed.text !== '') this.scheduleDraft();
  }

  /**
   * detach is called as a new incident is being created: the line as typed
   * stays the open incident's draft, and what is typed from now on waits for
   * the new incident (see open). Enter is not held up by Go creating it.
   */
  detach(): void {
    if (this.incidentId && this.draftTimer !== undefined) this.flushDraft();
    this.incidentId = 0;
    this.clear();
  }

  /**
   * takeBack is called when the incident the line waited for could not be
   * created: the lines entered meanwhile come back onto the line, before what
   * is typed there, unsaved, so nothing is lost or filed in another incident.
   */
  takeBack(): void {
    if (this.incidentId || this.early.length === 0) return;
    const early = this.early.splice(0);
    const text = [...early.map((l) => l.text), this.text].filter((t) => t !== '').join(' ');
    this.clear();
    this.text = text;
    this.startedAt = early[0].startedAt;
    void this.refreshPreview();
  }

  /**
   * startsMitigation reports whether text, as the grammar reads it, starts a new
   * mitigation (an `m:` line that does not report an outcome), and when it will
   * say it happened (null when not known).
   */
  private async startsMitigation(text: string): Promise<{ at: Date | null } | null> {
    if (!/(^|\s)m:/i.test(text)) return null; // no "m:" prefix anywhere: not worth asking Go
    let p = this.preview && this.previewFor === text ? this.preview : null;
    if (!p) p = await api.preview(text, this.startedAt).catch(() => null);
    const parsed = p?.line;
    if (parsed?.kind !== 'mitigation' || parsed.problem || isMitigationOutcome(parsed.text)) return null;
    return { at: p?.occurredAt ?? null };
  }

  /**
   * commit saves the line. A new mitigation while another is in progress is not
   * saved at once: the confirmation dialog opens (line.inProgress names the one
   * in progress) and commit(true) saves it anyway; Go records the override.
   */
  async commit(confirmed = false): Promise<void> {
    const text = this.text;
    this.paused(); // Enter asks what is wrong with the line now
    if (this.busy || text.trim() === '') return;
    // Go refuses more than maxEntryBytes anyway; saying so here spares sending megabytes over the bridge.
    const tooLarge = this.localProblem();
    if (tooLarge) {
      this.saveError = tooLarge;
      return;
    }
    if (!this.incidentId) {
      // The incident is being created: the line waits for it (see open), and
      // the line is free at once for the next one.
      this.early.push({ text, startedAt: this.started() });
      this.cancelDraft();
      this.clear();
      return;
    }
    const editing = this.editing;
    // Only an m: line waits for Go before the line is freed; every other line is
    // saved without a pause, so typing straight on after Enter starts a new line.
    if (!editing && !confirmed && /(^|\s)m:/i.test(text)) {
      this.busy = true;
      let current: Entry | null = null;
      try {
        // Judged at the line's own time: typed late but dated before another
        // mitigation started, it did not start while that one was in progress.
        const starts = await this.startsMitigation(text);
        if (starts) current = await api.mitigationInProgress(this.incidentId, starts.at).catch(() => null);
      } finally {
        this.busy = false;
      }
      if (this.text !== text) return; // typed on meanwhile: the next Enter decides
      if (current) {
        this.inProgress = current;
        ui.open('mitigation');
        return;
      }
    }
    // Resolving with actions still open asks what becomes of them (resolve dialog).
    if (!editing && !confirmed && /(^|\s)phase:\s*resolved\b/i.test(text) && clocks.openActions.length > 0) {
      ui.open('resolve');
      return;
    }
    this.inProgress = null;
    await this.save(text, editing ? null : this.started(), editing, true);
  }

  /**
   * save records a line of the open incident: a new entry, or the edit of one.
   * The row shows at once, marked as saving, and is replaced by the stored
   * entry when Go answers; the line is free at once, so keys typed while Go
   * saves start the next line. If the save fails, the text comes back to the line.
   */
  /**
   * commitDatedNow saves the line dated now after the scribe was asked (see
   * undated): the incident is written up after the fact, and Go saves such
   * a line only when told it was meant.
   */
  async commitDatedNow(): Promise<void> {
    const text = this.text;
    this.undated = '';
    if (this.busy || text.trim() === '' || !this.incidentId || this.editing) return;
    await this.save(text, this.started(), null, true, true);
  }

  private async save(text: string, startedAt: string | null, editing: Entry | null, fromLine: boolean, datedNow = false): Promise<void> {
    this.cancelDraft();
    const incidentId = this.incidentId;
    // Go clears the line's draft with the entry; the queue clears it later if a
    // draft save of the line could land after that.
    const done = this.drafts.committing(incidentId, { text, startedAt, editingId: editing?.id ?? null });
    const pending = editing ? null : this.pendingEntry(text, startedAt);
    if (pending) entries.put(pending);
    if (fromLine) this.clear();
    try {
      const add = datedNow ? api.addEntryDatedNow : api.addEntry;
      const e = editing ? await api.editEntry(editing.id, text) : await add(incidentId, text, startedAt);
      if (pending) entries.remove(pending);
      // A "declared:" or "detected:" line without text stores no entry: it
      // moved the incident's time, which the refresh below brings.
      if (e) {
        entries.put(e, editing);
        ui.flash(e.id);
      }
      dashboard.refreshSoon(incidentId);
      clocks.refreshSoon(incidentId);
      done(true);
    } catch (err) {
      done(false);
      if (pending) entries.remove(pending);
      const apiErr = toApiError(err);
      this.restore(incidentId, text, editing, startedAt, apiErr.message);
      if (apiErr.code === 'confirm' && this.incidentId === incidentId) {
        // Not a failure: Go asks before dating the line now.
        this.undated = apiErr.message;
        ui.open('datenow');
        return;
      }
      this.saveError = apiErr.message;
    }
  }

  /**
   * restore puts a line whose save failed back, so nothing typed is lost. Text
   * typed since Enter stays after it; the failed line keeps its first-keystroke time.
   */
  private restore(incidentId: number, text: string, editing: Entry | null, startedAt: string | null, message: string): void {
    if (this.incidentId !== incidentId) {
      // The scribe switched incident while this line was saving. It becomes
      // that incident's draft again (before anything typed there since), so it
      // is on its line when the scribe goes back.
      void api.draft(incidentId)
        .then((d) => this.drafts.save(incidentId, { text: d.text ? `${text} ${d.text}` : text, startedAt, editingId: editing?.id ?? null }))
        .catch(() => {});
      ui.toast(`A line for the incident you left was not saved (${message}); it is back on that incident's line.`);
      return;
    }
    const later = this.text;
    this.clear();
    this.text = later ? `${text} ${later}` : text;
    this.editing = editing;
    this.startedAt = editing ? null : startedAt;
    void this.refreshPreview();
    this.scheduleDraft();
  }

  /**
   * pendingEntry is the row shown while a new line is being saved: the grammar's
   * reading of it when the preview is of this very text, else the text as a note.
   */
  private pendingEntry(text: string, startedAt: string | null): Entry | null {
    if (!this.incidentId) return null;
    const fresh = this.preview && this.previewFor === text ? this.preview : null;
    const at = fresh?.occurredAt ?? (startedAt ? new Date(startedAt) : new Date(clock.now));
    const line = fresh?.line ?? { kind: 'note' as const, text: text.trim(), raw: text.trim(), key: false, internal: false };
    return {
      ...line, id: -++this.pendingSeq, incidentId: this.incidentId, occurredAt: at, recordedAt: at,
      author: '', authorRole: '', revisions: 0, deletedAt: null, pending: true,
    };
  }

  /** edit loads an entry's line as typed; Enter saves it with Edit, Esc cancels. */
  edit(e: Entry | null): void {
    if (!e) return;
    this.paused();
    this.previewSeq++;
    this.editing = e;
    this.text = e.raw;
    this.forgetStart();
    this.saveError = '';
    this.preview = null;
    void this.refreshPreview();
    this.scheduleDraft();
  }

  editLast(): void {
    const known = entries.lastSaved();
    if (known) return this.edit(known);
    // Opened on a long timeline: Go knows which line was written last.
    const id = this.incidentId;
    void api.lastRecordedEntry(id).then(
      (e) => e && this.incidentId === id && !this.editing && this.text === '' && this.edit(e),
      (err) => (this.saveError = toApiError(err).message),
    );
  }

  /** walk edits the entry before or after the one being edited, in timeline order. */
  walk(step: -1 | 1): void {
    const from = this.editing;
    if (!from) return this.editLast();
    const next = entries.neighbour(from.id, step);
    if (next) return this.edit(next);
    if (next === null) return;
    // The step leaves what the timeline holds: ask Go.
    void api.neighbourEntry(from.id, entries.kind, step).then(
      (e) => e && this.editing?.id === from.id && this.edit(e),
      (err) => (this.saveError = toApiError(err).message),
    );
  }

  /** resumeEdit reopens a saved draft's edit of an entry the timeline does not hold. */
  private async resumeEdit(incidentId: number, id: number, text: string): Promise<void> {
    const e = await api.findEntry(id).catch(() => null);
    if (!e || e.deletedAt || this.incidentId !== incidentId || this.editing || this.text !== text) return;
    this.editing = e;
    this.startedAt = null;
  }

  cancelEdit(): void {
    this.clear();
    this.scheduleDraft();
  }

  async deleteEditing(): Promise<void> {
    const e = this.editing;
    if (!e || this.busy) return;
    this.busy = true;
    try {
      await api.deleteEntry(e.id);
      entries.remove(e);
      ui.offerUndo(e);
      this.clear();
      this.scheduleDraft();
      dashboard.refreshSoon(e.incidentId);
    } catch (err) {
      this.saveError = toApiError(err).message;
    } finally {
      this.busy = false;
    }
  }

  async undoDelete(): Promise<void> {
    const e = ui.undo;
    if (!e) return;
    try {
      const restored = await api.restoreEntry(e.id);
      ui.clearUndo();
      entries.put(restored);
      ui.flash(restored.id);
      dashboard.refreshSoon(restored.incidentId);
    } catch (err) {
      ui.toast(toApiError(err).message);
    }
  }
}

export const line = new LineStore();
