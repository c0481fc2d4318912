// The entry line's draft saves, so that a crash restores the line as last
// typed. When something holds the database (a big import, a slow disk) the
// saves wait for it together and land in any order, so they are sent one at a
// time, latest wins: while one is in flight only the newest text waits. A
// line's Add (or Edit) clears its own draft in Go; when a draft of that line
// may still reach the file after it (it was in flight), the file is cleared
// once every save of a line has answered and nothing newer was typed.

export interface DraftText {
  text: string;
  /** The line's first keystroke (RFC 3339), null when editing. */
  startedAt: string | null;
  /** The entry being edited, or null for a new line. */
  editingId: number | null;
}

export const emptyDraft: DraftText = { text: '', startedAt: null, editingId: null };

/** What one incident's draft is doing. */
interface Track {
  /** What the file's draft should hold once everything sent has landed. */
  wanted: DraftText;
  /** The last save sent, and whether Go answered it. */
  sent: DraftText | null;
  answered: boolean;
  /** Lines of the incident being saved as entries. */
  saving: number;
  /** The file may hold a draft of a line already saved as an entry. */
  stale: boolean;
}

/**
 * clearedBy mirrors Go's rule (backend.EntryService.ClearDraftOf): saving
 * line clears draft d when d is that line's, by text or by first keystroke.
 */
function clearedBy(d: DraftText, line: DraftText): boolean {
  return (d.editingId ?? 0) === (line.editingId ?? 0) &&
    (d.text === line.text || (d.startedAt !== null && d.startedAt === line.startedAt));
}

export class DraftQueue {
  private pending = new Map<number, DraftText>();
  private tracks = new Map<number, Track>();
  private busy = false;

  constructor(private send: (incidentId: number, d: DraftText) => Promise<void>) {}

  /** save asks for the incident's draft to become d; older unsent text is dropped. */
  save(incidentId: number, d: DraftText): void {
    this.track(incidentId).wanted = d;
    this.pending.delete(incidentId); // re-added last: incidents are served in the order they asked
    this.pending.set(incidentId, d);
    void this.pump();
  }

  /**
   * loaded is told the incident's draft as just read from the file, unless a
   * save or a line of the incident is on its way there (then the file may
   * change after the read).
   */
  loaded(incidentId: number, d: DraftText): void {
    const t = this.track(incidentId);
    if (!t.answered || t.saving > 0 || this.pending.has(incidentId)) return;
    t.sent = d;
    t.wanted = d;
    t.stale = false;
  }

  /**
   * committing is told when line is sent to be saved as an entry (whose save
   * clears the line's draft in Go). It returns done, to call with whether the
   * save succeeded once Go answered.
   */
  committing(incidentId: number, line: DraftText): (ok: boolean) => void {
    const t = this.track(incidentId);
    // The entry carries the line; unsent text of it need not reach the file.
    this.pending.delete(incidentId);
    t.wanted = emptyDraft;
    // A draft of this line still in flight can land after the entry's save
    // cleared the file; one that was not this line's (a failed save) is unknown.
    if (t.sent && t.sent.text !== '' && !(t.answered && clearedBy(t.sent, line))) t.stale = true;
    t.saving++;
    let called = false;
    return (ok) => {
      if (called) return;
      called = true;
      t.saving--;
      if (ok) this.settle(incidentId);
    };
  }

  /**
   * settle clears a draft left behind by a saved line, once no save of a line
   * is in flight (a clear sooner could remove a draft whose line is not in
   * the file yet) and nothing was typed since: newer text replaces it anyway.
   */
  private settle(incidentId: number): void {
    const t = this.track(incidentId);
    if (t.saving > 0 || !t.stale || t.wanted.text !== '') return;
    this.save(incidentId, emptyDraft);
  }

  private track(incidentId: number): Track {
    let t = this.tracks.get(incidentId);
    if (!t) {
      t = { wanted: emptyDraft, sent: null, answered: true, saving: 0, stale: false };
      this.tracks.set(incidentId, t);
    }
    return t;
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.first(); next; next = this.first()) {
        const [incidentId, d] = next;
        this.pending.delete(incidentId);
        const t = this.track(incidentId);
        // Whatever the file held, this save replaces it once it lands.
        t.sent = d;
        t.answered = false;
        t.stale = false;
        try {
          await this.send(incidentId, d);
        } catch {
          // Not worth interrupting the scribe: the next keystroke saves again.
          // What the file holds is unknown now; the next saved line clears it.
          t.stale = true;
        }
        t.answered = true;
      }
    } finally {
      this.busy = false;
    }
  }

  private first(): [number, DraftText] | undefined {
    return this.pending.entries().next().value;
  }
}
