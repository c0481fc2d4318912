import { describe, expect, it } from 'vitest';
import { commandFor, isPrintable, lineCommands, type KeyContext, type KeyLike } from './keymap';

type Mods = Partial<Omit<KeyLike, 'key'>>;
const key = (k: string, m: Mods = {}): KeyLike => ({ key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...m });
const ctx = (c: Partial<KeyContext> = {}): KeyContext => ({ lineEmpty: true, editing: false, dialogOpen: false, ...c });

const ctrl = { ctrlKey: true };
const contexts: KeyContext[] = [];
for (const lineEmpty of [true, false]) for (const editing of [true, false]) for (const dialogOpen of [true, false]) contexts.push({ lineEmpty, editing, dialogOpen });
const modCombos: Mods[] = [];
for (const ctrlKey of [false, true]) for (const shiftKey of [false, true]) for (const altKey of [false, true]) for (const metaKey of [false, true]) modCombos.push({ ctrlKey, shiftKey, altKey, metaKey });
const keys = ['PageUp', 'PageDown', 'a', 'A', 's', 'o', 'O', 'e', 'E', 'u', 'h', 'j', 'p', 'n', 'N', 'k', 'f', 'F', 'i', 't', 'z', 'Z', ',', '?', ' ', '/', 'Enter', 'Tab', 'Escape', 'F1', 'F2', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'Delete', 'Backspace', 'Home'];

describe('commandFor: the spec map', () => {
  it.each([
    ['n', 'newIncident'], ['k', 'switchIncident'], ['f', 'search'], ['i', 'editIncident'], ['t', 'toggleUtc'], [',', 'settings'],
  ] as const)('Ctrl+%s -> %s, whatever the line holds', (k, want) => {
    for (const c of [ctx(), ctx({ lineEmpty: false }), ctx({ editing: true, lineEmpty: false })]) {
      expect(commandFor(key(k, ctrl), c)).toBe(want);
      expect(commandFor(key(k, { metaKey: true }), c)).toBe(want);
    }
  });

  it('matches Ctrl letters with Caps Lock on', () => {
    expect(commandFor(key('N', ctrl), ctx())).toBe('newIncident');
  });

  it('Ctrl+Shift+F focuses the kind filter instead of searching', () => {
    expect(commandFor(key('F', { ctrlKey: true, shiftKey: true }), ctx())).toBe('focusFilter');
  });

  it('F1 opens the cheat sheet, also from a dialog (to close it)', () => {
    expect(commandFor(key('F1'), ctx())).toBe('cheatSheet');
    expect(commandFor(key('F1'), ctx({ dialogOpen: true }))).toBe('cheatSheet');
    expect(commandFor(key('F1', ctrl), ctx())).toBeNull();
  });

  it('Esc closes a dialog, else cancels an edit, else returns focus to the line', () => {
    expect(commandFor(key('Escape'), ctx({ dialogOpen: true, editing: true }))).toBe('closeDialog');
    expect(commandFor(key('Escape'), ctx({ editing: true, lineEmpty: false }))).toBe('cancelEdit');
    expect(commandFor(key('Escape'), ctx({ lineEmpty: false }))).toBe('focusLine');
    expect(commandFor(key('Escape', { shiftKey: true }), ctx())).toBe('focusLine');
  });

  it('Up on an empty line edits the last entry; with text it moves the caret', () => {
    expect(commandFor(key('ArrowUp'), ctx())).toBe('editLast');
    expect(commandFor(key('ArrowUp'), ctx({ lineEmpty: false }))).toBeNull();
    expect(commandFor(key('ArrowUp', { shiftKey: true }), ctx())).toBeNull();
    expect(commandFor(key('ArrowDown'), ctx())).toBeNull();
  });

  it('Ctrl/Alt+Up and Down walk through entries while editing', () => {
    for (const m of [{ ctrlKey: true }, { altKey: true }]) {
      expect(commandFor(key('ArrowUp', m), ctx({ editing: true, lineEmpty: false }))).toBe('editOlder');
      expect(commandFor(key('ArrowDown', m), ctx({ editing: true, lineEmpty: false }))).toBe('editNewer');
      expect(commandFor(key('ArrowUp', m), ctx())).toBe('editLast');
      expect(commandFor(key('ArrowUp', m), ctx({ lineEmpty: false }))).toBeNull();
      expect(commandFor(key('ArrowDown', m), ctx())).toBeNull();
    }
    expect(commandFor(key('ArrowUp', { ctrlKey: true, altKey: true }), ctx())).toBeNull();
  });

  it('Ctrl+Delete deletes only the entry being edited', () => {
    expect(commandFor(key('Delete', ctrl), ctx({ editing: true, lineEmpty: false }))).toBe('deleteEditing');
    expect(commandFor(key('Delete', ctrl), ctx({ lineEmpty: false }))).toBeNull();
    expect(commandFor(key('Delete'), ctx({ editing: true, lineEmpty: false }))).toBeNull();
  });

  it('Ctrl+Z undoes a delete only on an empty line, leaving text undo alone', () => {
    expect(commandFor(key('z', ctrl), ctx({ canUndo: true }))).toBe('undoDelete');
    expect(commandFor(key('z', ctrl), ctx({ lineEmpty: false, canUndo: true }))).toBeNull();
    expect(commandFor(key('z', ctrl), ctx({ editing: true, canUndo: true }))).toBeNull();
    expect(commandFor(key('Z', { ctrlKey: true, shiftKey: true }), ctx({ canUndo: true }))).toBeNull();
    // Nothing to bring back: the text field's own undo restores a line cleared by mistake.
    expect(commandFor(key('z', ctrl), ctx())).toBeNull();
  });

  it('"?" on an empty new line opens the cheat sheet, otherwise it is typed', () => {
    expect(commandFor(key('?', { shiftKey: true }), ctx())).toBe('cheatSheetQuestion');
    expect(commandFor(key('?', { shiftKey: true }), ctx({ lineEmpty: false }))).toBeNull();
    expect(commandFor(key('?', { shiftKey: true }), ctx({ editing: true }))).toBeNull();
    expect(commandFor(key('?', { shiftKey: true }), ctx({ dialogOpen: true }))).toBeNull();
  });

  it('Page Up/Down scroll the timeline from the line, outside dialogs', () => {
    expect(commandFor(key('PageUp'), ctx({ lineEmpty: false }))).toBe('pageUp');
    expect(commandFor(key('PageDown'), ctx())).toBe('pageDown');
    expect(commandFor(key('PageUp', { shiftKey: true }), ctx())).toBeNull();
    expect(commandFor(key('PageUp', ctrl), ctx())).toBeNull();
    expect(commandFor(key('PageUp'), ctx({ dialogOpen: true }))).toBeNull();
  });

  it.each([
    ['u', 'statusUpdate'], ['h', 'handoff'], ['j', 'focusActions'], ['p', 'pageSomeone'],
  ] as const)('Ctrl+%s -> %s (the IC clocks), also with text on the line', (k, want) => {
    for (const c of [ctx(), ctx({ lineEmpty: false }), ctx({ editing: true, lineEmpty: false })]) {
      expect(commandFor(key(k, ctrl), c)).toBe(want);
      expect(commandFor(key(k.toUpperCase(), ctrl), c)).toBe(want);
    }
    expect(commandFor(key(k, ctrl), ctx({ dialogOpen: true }))).toBeNull();
    expect(commandFor(key(k, { ctrlKey: true, shiftKey: true }), ctx())).toBeNull();
  });

  it.each([
    ['A', 'reminderAct'], ['S', 'reminderSnooze'], ['O', 'reminderOpen'], ['X', 'reminderDismiss'], ['Q', 'reminderQueue'],
  ] as const)('Ctrl+Shift+%s -> %s (the reminder banner), never inside a dialog', (k, want) => {
    expect(commandFor(key(k, { ctrlKey: true, shiftKey: true }), ctx())).toBe(want);
    expect(commandFor(key(k.toLowerCase(), { ctrlKey: true, shiftKey: true }), ctx({ lineEmpty: false }))).toBe(want);
    expect(commandFor(key(k, { ctrlKey: true, shiftKey: true }), ctx({ dialogOpen: true }))).toBeNull();
    expect(commandFor(key(k.toLowerCase(), ctrl), ctx())).not.toBe(want);
    expect(lineCommands.has(want)).toBe(false);
  });

  it.each([
    ['e', 'exportRecord'], ['o', 'importChat'],
  ] as const)('Ctrl+%s -> %s (sharing the record), also with text on the line', (k, want) => {
    for (const c of [ctx(), ctx({ lineEmpty: false }), ctx({ editing: true, lineEmpty: false })]) {
      expect(commandFor(key(k, ctrl), c)).toBe(want);
      expect(commandFor(key(k.toUpperCase(), ctrl), c)).toBe(want);
      expect(commandFor(key(k, { metaKey: true }), c)).toBe(want);
    }
    expect(commandFor(key(k, ctrl), ctx({ dialogOpen: true }))).toBeNull();
    expect(lineCommands.has(want)).toBe(false);
  });

  it('Ctrl+O imports while Ctrl+Shift+O still opens the reminder', () => {
    expect(commandFor(key('o', ctrl), ctx())).toBe('importChat');
    expect(commandFor(key('O', { ctrlKey: true, shiftKey: true }), ctx())).toBe('reminderOpen');
    expect(commandFor(key('E', { ctrlKey: true, shiftKey: true }), ctx())).toBeNull();
  });

  it('AltGr (Ctrl+Alt) never triggers a Ctrl shortcut', () => {
    for (const k of ['n', 'k', 'f', 'i', 't', ',', 'z', 'u', 'h', 'j', 'p', 'e', 'o']) {
      expect(commandFor(key(k, { ctrlKey: true, altKey: true }), ctx())).toBeNull();
    }
  });
});

describe('commandFor: exhaustive properties', () => {
  const all = () => {
    const out: { k: string; m: Mods; c: KeyContext; cmd: ReturnType<typeof commandFor> }[] = [];
    for (const k of keys) for (const m of modCombos) for (const c of contexts) out.push({ k, m, c, cmd: commandFor(key(k, m), c) });
    return out;
  };

  it('inside a dialog only Esc and F1 do anything', () => {
    for (const { k, c, cmd } of all()) {
      if (!c.dialogOpen || k === 'Escape' || k === 'F1') continue;
      expect(cmd, `${k} in a dialog`).toBeNull();
    }
  });

  it('Esc always means something', () => {
    for (const { k, cmd } of all()) if (k === 'Escape') expect(cmd).not.toBeNull();
  });

  it('typing a character without modifiers is never taken, except "?" on an empty line', () => {
    for (const { k, m, cmd } of all()) {
      if (k.length !== 1 || m.ctrlKey || m.altKey || m.metaKey || k === '?') continue;
      expect(cmd, `"${k}"`).toBeNull();
    }
  });

  it('Enter, Tab and Backspace always reach the focused control', () => {
    for (const { k, cmd } of all()) if (['Enter', 'Tab', 'Backspace', 'Home', 'ArrowLeft', 'F2'].includes(k)) expect(cmd, k).toBeNull();
  });

  it('line commands only arise outside dialogs', () => {
    for (const { c, cmd } of all()) if (cmd && lineCommands.has(cmd)) expect(c.dialogOpen).toBe(false);
  });
});

describe('isPrintable', () => {
  it('accepts single characters, emoji and AltGr', () => {
    expect(isPrintable(key('a'))).toBe(true);
    expect(isPrintable(key(' '))).toBe(true);
    expect(isPrintable(key('A', { shiftKey: true }))).toBe(true);
    expect(isPrintable(key('😀'))).toBe(true);
    expect(isPrintable(key('@', { ctrlKey: true, altKey: true }))).toBe(true);
  });

  it('rejects named keys and shortcuts', () => {
    expect(isPrintable(key('Enter'))).toBe(false);
    expect(isPrintable(key('F1'))).toBe(false);
    expect(isPrintable(key('a', { ctrlKey: true }))).toBe(false);
    expect(isPrintable(key('a', { altKey: true }))).toBe(false);
    expect(isPrintable(key('a', { metaKey: true }))).toBe(false);
  });
});
