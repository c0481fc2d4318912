// Which dialog is open, toasts, and requests between components (focus the entry
// line, reveal an entry). Components watch these instead of calling each other.
import type { Action, Attachment, Entry, GrammarPrefix, Kind } from '../api/types';
import { grammar as fetchGrammar } from '../api/timeline';

export type DialogName =
  | 'new' | 'switch' | 'search' | 'editIncident' | 'cheatSheet' | 'settings'
  | 'status' | 'handoff' | 'page' | 'mitigation' | 'datenow' | 'resolve'
  | 'export' | 'import' | 'attachment';

/** Dashboard cards that can be asked to take the focus (reminder Open, Ctrl+J). */
export type CardName = 'clocks' | 'checkin' | 'roles' | 'actions' | 'watch' | 'security' | 'paging';

export interface Toast {
  id: number;
  message: string;
}

// Long enough to read a sentence during a call, short enough not to pile up.
const toastMs = 8000;
const undoMs = 10000;

class UiStore {
  dialog = $state<DialogName | null>(null);
  /** The cheat sheet was opened by typing "?" on an empty line (see CheatSheet.svelte). */
  cheatByQuestion = $state(false);
  /** Incremented to ask the entry line to take the focus. */
  focusTick = $state(0);
  /** Where the entry line puts its caret when it next takes the focus; null: where it was. */
  caret: number | null = null;
  filterKind = $state<Kind | ''>('');
  /** An entry to scroll into view and highlight; seq makes a repeat request count. */
  reveal = $state<{ id: number; seq: number } | null>(null);
  /** A request to scroll the timeline by a page (-1 up, 1 down); seq makes a repeat count. */
  page = $state<{ dir: -1 | 1; seq: number } | null>(null);
  /** An entry highlighted briefly: just saved (maybe backdated, above) or revealed. */
  flashId = $state(0);
  /** The reminder queue is shown over the window (Ctrl+Shift+Q, "+N more"). */
  queueOpen = $state(false);
  toasts = $state<Toast[]>([]);
  /** The last deleted entry, restorable with Ctrl+Z; undoVisible shows its toast. */
  undo = $state.raw<Entry | null>(null);
  undoVisible = $state(false);
  grammar = $state.raw<GrammarPrefix[]>([]);
  /** A request for a dashboard card to take the focus; seq makes a repeat count. actionId selects an action. */
  card = $state<{ name: CardName; seq: number; actionId?: number } | null>(null);
  /** The role the handoff dialog hands over ("ic" unless a fatigue reminder named another). */
  handoffRole = $state('ic');
  /** The attachment the viewer shows (a screenshot full size, a log's text). */
  viewing = $state.raw<Attachment | null>(null);

  private nextToast = 1;
  private undoTimer: ReturnType<typeof setTimeout> | undefined;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  open(d: DialogName, byQuestion = false): void {
    this.dialog = d;
    this.cheatByQuestion = d === 'cheatSheet' && byQuestion;
  }

  /** close shuts the dialog and gives the focus back to the entry line. */
  close(): void {
    this.dialog = null;
    this.cheatByQuestion = false;
    this.focusLine();
  }

  /** focusCard asks the dashboard to focus a card (and, for the actions board, an action). */
  focusCard(name: CardName, actionId?: number): void {
    this.card = { name, seq: (this.card?.seq ?? 0) + 1, actionId };
  }

  openHandoff(role = 'ic'): void {
    this.handoffRole = role || 'ic';
    this.open('handoff');
  }

  openAttachment(a: Attachment): void {
    this.viewing = a;
    this.open('attachment');
  }

  focusLine(): void {
    this.focusTick++;
  }

  /** caretAt focuses the entry line with its caret at offset n. */
  caretAt(n: number): void {
    this.caret = n;
    this.focusLine();
  }

  scrollPage(dir: -1 | 1): void {
    this.page = { dir, seq: (this.page?.seq ?? 0) + 1 };
  }

  revealEntry(id: number): void {
    this.reveal = { id, seq: (this.reveal?.seq ?? 0) + 1 };
  }

  flash(id: number): void {
    this.flashId = id;
    clearTimeout(this.flashTimer);
    // Cleared so a row scrolled out and back does not flash again.
    this.flashTimer = setTimeout(() => (this.flashId = 0), 4500);
  }

  toast(message: string): void {
    const id = this.nextToast++;
    this.toasts = [...this.toasts, { id, message }];
    // Each toast's timer lives as long as the toast; dismissing early is harmless.
    setTimeout(() => this.dismiss(id), toastMs);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** An action just closed from the board: Ctrl+Z (or u on the board) reopens it while its toast shows. */
  reopen = $state.raw<{ action: Action; verb: 'Done' | 'Abandoned' } | null>(null);
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;

  offerReopen(action: Action, verb: 'Done' | 'Abandoned'): void {
    this.undoVisible = false; // one undo at a time: the latest
    this.reopen = { action, verb };
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => (this.reopen = null), undoMs);
  }

  clearReopen(): void {
    clearTimeout(this.reopenTimer);
    this.reopen = null;
  }

  offerUndo(e: Entry): void {
    this.clearReopen();
    this.undo = e;
    this.undoVisible = true;
    clearTimeout(this.undoTimer);
    // The toast goes away; Ctrl+Z on an empty line keeps working until the next delete.
    this.undoTimer = setTimeout(() => (this.undoVisible = false), undoMs);
  }

  clearUndo(): void {
    clearTimeout(this.undoTimer);
    this.undo = null;
    this.undoVisible = false;
  }

  /** loadGrammar fetches the cheat sheet's prefixes once. */
  async loadGrammar(): Promise<void> {
    if (this.grammar.length === 0) this.grammar = await fetchGrammar();
  }
}

export const ui = new UiStore();
