// Choosing chat messages to import: the default selection, the words of the
// summary and the button, each message's accessible name and badges, and
// keyboard movement that skips messages that cannot be picked: already
// imported, or left out by the choice of messages by time. Pure, tested.
import type { ImportResult, PreviewMessage } from './api/imports';
import { kindName } from './kinds';
import { clock } from './time';

type Msg = Pick<PreviewMessage, 'index' | 'selected' | 'duplicate'> & Partial<Pick<PreviewMessage, 'outside'>>;

/** blocked: already imported, or left out by the choice of messages by time. */
export function blocked(m: Msg): boolean {
  return m.duplicate || !!m.outside;
}

/** initialSelection is what Go suggested, less what is already imported. */
export function initialSelection(msgs: readonly Msg[]): Set<number> {
  return new Set(msgs.filter((m) => m.selected && !blocked(m)).map((m) => m.index));
}

/** selectAll picks every message that can still be imported. */
export function selectAll(msgs: readonly Msg[]): Set<number> {
  return new Set(msgs.filter((m) => !blocked(m)).map((m) => m.index));
}

/** toggle adds or removes one message; an already imported one never joins. */
export function toggle(sel: ReadonlySet<number>, m: Msg): Set<number> {
  const out = new Set(sel);
  if (out.has(m.index)) out.delete(m.index);
  else if (!blocked(m)) out.add(m.index);
  return out;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** summary: "12 of 340 messages selected". */
export function summary(selected: number, total: number): string {
  return `${selected.toLocaleString('en-GB')} of ${plural(total, 'message', 'messages')} selected`;
}

/** importLabel is the import button's text: "Import 12 messages". */
export function importLabel(n: number): string {
  return `Import ${plural(n, 'message', 'messages')}`;
}

/** importedMessage is the status after an import: "Added 12 entries, 3 were already there". */
export function importedMessage(r: Pick<ImportResult, 'added' | 'skipped'>): string {
  const added = `Added ${plural(r.added, 'entry', 'entries')}`;
  if (r.skipped === 0) return added;
  return `${added}, ${r.skipped.toLocaleString('en-GB')} ${r.skipped === 1 ? 'was' : 'were'} already there`;
}

/** messageTime is when a message was said, in the zone shown, or its offset into the recording. */
export function messageTime(m: Pick<PreviewMessage, 'at' | 'offset'>, tz?: string): string {
  if (m.at) return clock(m.at, tz);
  return m.offset ? `+${m.offset}` : '--:--:--';
}

/** messageLabel is a message's checkbox name: "14:05:12 Ada: roll back to v41", the text clamped. */
export function messageLabel(m: Pick<PreviewMessage, 'at' | 'offset' | 'author' | 'text'>, tz?: string, max = 100): string {
  const flat = m.text.replace(/\s+/g, ' ').trim();
  const text = flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
  return `${messageTime(m, tz)} ${m.author || 'Unknown'}: ${text}`;
}

/** badges says what is special about a message, in the order the list shows them. */
export function badges(m: Omit<PreviewMessage, 'index' | 'line' | 'at' | 'offset' | 'author' | 'text' | 'selected'>): string[] {
  const out: string[] = [];
  if (m.duplicate) out.push('already imported');
  if (m.when) out.push(m.when);
  if (m.pinned) out.push('pinned');
  if (m.starred) out.push('starred');
  if (m.key) out.push('TL');
  if (m.kind === 'followup') out.push('TODO');
  else if (m.kind && m.kind !== 'note') out.push(kindName(m.kind));
  if (m.reply) out.push('reply');
  if (m.reaction) out.push('reaction');
  if (m.private) out.push('private');
  return out;
}

/**
 * step moves from position `from` in the list by dir (-1 up, 1 down), skipping
 * messages already imported; it stays put at either end.
 */
export function step(msgs: readonly Msg[], from: number, dir: -1 | 1): number {
  for (let i = from + dir; i >= 0 && i < msgs.length; i += dir) {
    if (!blocked(msgs[i])) return i;
  }
  return from;
}

/** firstFocus is where the list's focus starts: the first selected message, else the first importable one. */
export function firstFocus(msgs: readonly Msg[], sel: ReadonlySet<number>): number {
  const i = msgs.findIndex((m) => sel.has(m.index));
  if (i >= 0) return i;
  const j = msgs.findIndex((m) => !blocked(m));
  return j >= 0 ? j : 0;
}
