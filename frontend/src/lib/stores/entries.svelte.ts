// The open incident's timeline, paged from Go's store: the windows of it
// the timeline has read (held.ts), never every entry, so an incident of
// 200,000 entries opens and types as fast as a short one. Counts and bounds
// come from the store with each window. Held values are replaced, never
// mutated: $state.raw skips deep proxies.
import * as api from '../api/timeline';
import type { Entry, Kind } from '../api/types';
import { timelineWindow } from '../generated/limits';
import * as H from '../held';
import { compareEntries, lastRecorded } from '../order';

/** The most entries held at once: a few windows around what is on screen. */
export const maxHeld = 4 * timelineWindow;

class EntriesStore {
  incidentId = $state(0);
  /** The kind filter the held windows are of ("" for every kind). */
  kind = $state<Kind | ''>('');
  held = $state.raw<H.Held>(H.empty);
  /** Visible entries of any kind. */
  all = $state(0);
  /** The first and last visible entries' times, of any kind. */
  firstAt = $state.raw<Date | null>(null);
  lastAt = $state.raw<Date | null>(null);
  /** Bumped when what is held is thrown away: the timeline lays out anew. */
  generation = $state(0);
  /** The position the timeline shows (set by it): trimming keeps what is near. */
  focus = 0;
  /** Texts of overridden mitigations, by id, as the windows brought them. */
  private overrode = new Map<number, string>();
  /** The line saved last here: "Up" edits it without asking Go. */
  private saved: Entry | null = null;
  private pending = 0;
  // A read answered after the incident, the filter or the held set changed is dropped.
  private seq = 0;

  get total(): number {
    return this.held.total;
  }

  /** items is every held entry in order: the whole timeline when it is short. */
  get items(): Entry[] {
    return H.all(this.held);
  }

  at(i: number): Entry | undefined {
    return H.at(this.held, i);
  }

  /** before is the time of the entry before position i, when known. */
  before(i: number): Date | null {
    if (i <= 0) return null;
    const e = H.at(this.held, i - 1);
    if (e) return e.occurredAt;
    return this.held.segments.find((s) => s.start === i)?.prevAt ?? null;
  }

  /** set holds a whole timeline at once (a short one, or a test's). */
  set(incidentId: number, list: Entry[]): void {
    this.reset(incidentId, '');
    const sorted = list.slice().sort(compareEntries);
    this.held = { total: sorted.length, segments: sorted.length ? [{ start: 0, items: sorted, prevAt: null }] : [] };
    this.all = sorted.length;
    this.firstAt = sorted[0]?.occurredAt ?? null;
    this.lastAt = sorted.at(-1)?.occurredAt ?? null;
    this.saved = lastRecorded(sorted);
  }

  private reset(incidentId: number, kind: Kind | ''): void {
    this.seq++;
    if (incidentId !== this.incidentId) {
      this.saved = null;
      this.overrode.clear();
    }
    this.incidentId = incidentId;
    this.kind = kind;
    this.held = H.empty;
    this.pending = 0;
    this.generation++;
  }

  /** open shows an incident from its newest entries. */
  async open(incidentId: number, kind: Kind | '' = ''): Promise<void> {
    this.show(await api.entryWindow(incidentId, kind, api.windowEnd, timelineWindow));
  }

  /** show holds one window read for an incident, and nothing else. */
  show(w: api.EntryWindow): void {
    this.reset(w.incidentId, w.kind);
    this.take(w, true);
  }

  /** filter shows the entries of one kind ("" for all), from the newest. */
  async filter(kind: Kind | ''): Promise<void> {
    if (!this.incidentId) return;
    await this.open(this.incidentId, kind);
  }

  /**
   * read asks for the window from offset on; apply takes it in. They are two
   * steps so the timeline can keep the row in view where it was.
   */
  async read(offset: number): Promise<api.EntryWindow | null> {
    const seq = this.seq;
    const id = this.incidentId;
    const w = await api.entryWindow(id, this.kind, offset, timelineWindow);
    return seq === this.seq && id === this.incidentId ? w : null;
  }

  apply(w: api.EntryWindow): void {
    if (w.incidentId !== this.incidentId || w.kind !== this.kind) return;
    // The store's count moved under what is held (an entry written by Go on
    // the UI's behalf, another window's edit): positions held are stale.
    // Only the window just read is certain then; the rest is read again as it scrolls in.
    const stale = w.total !== this.held.total;
    if (stale) this.seq++;
    this.take(w, stale);
  }

  private take(w: api.EntryWindow, fresh: boolean): void {
    for (const [id, text] of w.overrode) this.overrode.set(id, text);
    let h = H.merge(fresh ? H.empty : this.held, { start: w.offset, items: w.entries, prevAt: w.prevAt }, w.total);
    h = H.trim(h, this.focus, maxHeld);
    this.held = h;
    this.all = w.all;
    this.firstAt = w.firstAt;
    this.lastAt = w.lastAt;
  }

  /**
   * reload reads the newest entries again, and the stretch in view, after
   * Go wrote entries on the UI's behalf: the view stays where it is.
   */
  async reload(): Promise<void> {
    const id = this.incidentId;
    const kind = this.kind;
    if (!id) return;
    const seq = ++this.seq;
    const focus = this.focus;
    const last = await api.entryWindow(id, kind, api.windowEnd, timelineWindow);
    const near = focus >= last.total - timelineWindow;
    const mid = near ? null : await api.entryWindow(id, kind, Math.max(0, focus - timelineWindow / 2), timelineWindow);
    if (seq !== this.seq || id !== this.incidentId || kind !== this.kind) return;
    this.take(last, true);
    if (mid && mid.total === last.total) this.take(mid, false);
  }

  /**
   * put shows a new entry, or an edited one in its new place; was is the
   * entry as it stood before the edit, when known.
   */
  put(e: Entry, was?: Entry | null): void {
    if (e.incidentId !== this.incidentId) return;
    let h = this.held;
    const old = was ?? H.at(h, H.indexOf(h, e.id)) ?? null;
    if (old) {
      const r = H.remove(h, old);
      if (!r.found) return void this.reload();
      h = r.held;
    } else {
      this.all++;
    }
    if (e.pending) this.pending++;
    if (!this.kind || e.kind === this.kind) h = H.insert(h, e);
    this.held = h;
    if (!this.firstAt || e.occurredAt < this.firstAt) this.firstAt = e.occurredAt;
    if (!this.lastAt || e.occurredAt > this.lastAt) this.lastAt = e.occurredAt;
    if (e.id > 0 && (!this.saved || e.recordedAt >= this.saved.recordedAt)) this.saved = e;
  }

  /** remove takes an entry out (hidden, or a pending row replaced by the saved one). */
  remove(e: Entry): void {
    if (e.incidentId !== this.incidentId) return;
    this.all = Math.max(0, this.all - 1);
    if (e.pending) this.pending = Math.max(0, this.pending - 1);
    if (this.saved?.id === e.id) this.saved = null;
    if (this.kind && e.kind !== this.kind) return;
    const r = H.remove(this.held, e);
    if (!r.found) return void this.reload();
    this.held = r.held;
  }

  /** hasPending says whether a row is still being saved. */
  get hasPending(): boolean {
    return this.pending > 0;
  }

  byId(id: number | null): Entry | null {
    if (id === null) return null;
    return H.at(this.held, H.indexOf(this.held, id)) ?? null;
  }

  overrodeText(id: number): string | undefined {
    return this.byId(id)?.text ?? this.overrode.get(id);
  }

  /**
   * neighbour is the held entry before (-1) or after (+1) one in timeline
   * order, stepping over rows still being saved; undefined when the step
   * leaves what is held (ask Go), null at either end of the timeline.
   */
  neighbour(id: number, step: -1 | 1): Entry | null | undefined {
    const i = H.indexOf(this.held, id);
    if (i < 0) return undefined;
    for (let j = i + step; j >= 0 && j < this.held.total; j += step) {
      const e = H.at(this.held, j);
      if (!e) return undefined;
      if (e.id > 0) return e;
    }
    return null;
  }

  /**
   * lastSaved is the entry written down most recently, when this window
   * knows it (it saw the save, or holds the whole timeline); else null: ask Go.
   */
  lastSaved(): Entry | null {
    return this.saved;
  }
}

export const entries = new EntriesStore();
