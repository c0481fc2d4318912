// The keyboard map of the ui-spec, as one pure function so every binding is
// unit-tested. App.svelte feeds it window keydown events and runs the command.

export type Command =
  | 'newIncident' | 'switchIncident' | 'search' | 'editIncident' | 'toggleUtc' | 'settings'
  | 'cheatSheet' | 'cheatSheetQuestion' | 'focusFilter'
  | 'closeDialog' | 'cancelEdit' | 'focusLine'
  | 'editLast' | 'editOlder' | 'editNewer' | 'deleteEditing' | 'undoDelete'
  | 'pageUp' | 'pageDown'
  // The IC's clocks (issue 3).
  | 'statusUpdate' | 'handoff' | 'focusActions' | 'pageSomeone'
  | 'reminderAct' | 'reminderSnooze' | 'reminderOpen' | 'reminderDismiss' | 'reminderQueue'
  // Sharing the record (issue 4).
  | 'exportRecord' | 'importChat';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export interface KeyContext {
  /** The entry line holds no text. */
  lineEmpty: boolean;
  /** The entry line is editing an existing entry. */
  editing: boolean;
  /** A dialog (or the search panel) has the focus. */
  dialogOpen: boolean;
  /** A deleted entry can still be brought back (its undo toast is showing). */
  canUndo?: boolean;
}

/** Commands that act on the entry line; App runs them only when the line has focus. */
export const lineCommands: ReadonlySet<Command> = new Set<Command>([
  'editLast', 'editOlder', 'editNewer', 'deleteEditing', 'undoDelete', 'cheatSheetQuestion', 'pageUp', 'pageDown',
]);

// Ctrl shortcuts (Cmd on a Mac). Letters are matched case-insensitively because
// Caps Lock turns "n" into "N" without Shift.
const ctrlKeys: Record<string, Command> = {
  n: 'newIncident', k: 'switchIncident', f: 'search', i: 'editIncident', t: 'toggleUtc', ',': 'settings',
  u: 'statusUpdate', h: 'handoff', j: 'focusActions', p: 'pageSomeone',
  e: 'exportRecord', o: 'importChat',
};

// Ctrl+Shift shortcuts. The reminder banner's buttons: they work from the line
// without taking its focus.
const ctrlShiftKeys: Record<string, Command> = {
  f: 'focusFilter', a: 'reminderAct', s: 'reminderSnooze', o: 'reminderOpen', x: 'reminderDismiss', q: 'reminderQueue',
};

/** commandFor returns what a key press means in the given context, or null to let it through. */
export function commandFor(e: KeyLike, ctx: KeyContext): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Escape') {
    if (ctx.dialogOpen) return 'closeDialog';
    return ctx.editing ? 'cancelEdit' : 'focusLine';
  }
  if (e.key === 'F1' && !mod && !e.altKey && !e.shiftKey) return 'cheatSheet';
  // A dialog owns every other key (its inputs need Up, Down, Enter and letters).
  if (ctx.dialogOpen) return null;

  if (mod && !e.altKey) {
    const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (e.shiftKey && ctrlShiftKeys[k]) return ctrlShiftKeys[k];
    if (!e.shiftKey && ctrlKeys[k]) return ctrlKeys[k];
    // Otherwise Ctrl+Z is the text field's own undo (a line cleared by mistake).
    if (k === 'z' && !e.shiftKey) return ctx.lineEmpty && !ctx.editing && ctx.canUndo ? 'undoDelete' : null;
    if (k === 'Delete' && !e.shiftKey) return ctx.editing ? 'deleteEditing' : null;
  }
  // Ctrl+Up/Down or Alt+Up/Down walk through earlier entries to edit.
  const walk = !e.shiftKey && ((mod && !e.altKey) || (e.altKey && !mod));
  if (walk && e.key === 'ArrowUp') {
    if (ctx.editing) return 'editOlder';
    return ctx.lineEmpty ? 'editLast' : null;
  }
  if (walk && e.key === 'ArrowDown') return ctx.editing ? 'editNewer' : null;

  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  // The line keeps the focus, so Page Up/Down scroll the timeline from there.
  if (e.key === 'PageUp' && !e.shiftKey) return 'pageUp';
  if (e.key === 'PageDown' && !e.shiftKey) return 'pageDown';
  if (e.key === 'ArrowUp' && !e.shiftKey && ctx.lineEmpty) return ctx.editing ? 'editOlder' : 'editLast';
  // "?" on an empty line opens the cheat sheet; "? hypothesis" stays typeable (see CheatSheet).
  if (e.key === '?' && ctx.lineEmpty && !ctx.editing) return 'cheatSheetQuestion';
  return null;
}

/**
 * isPrintable reports whether a key press types a character. AltGr arrives as
 * Ctrl+Alt on Windows, so that pair still counts as typing.
 */
export function isPrintable(e: KeyLike): boolean {
  if ([...e.key].length !== 1) return false;
  if (e.metaKey) return false;
  return e.ctrlKey === e.altKey;
}
