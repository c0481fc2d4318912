import { describe, expect, it } from 'vitest';
import type { PreviewMessage } from './api/imports';
import { badges, firstFocus, importedMessage, importLabel, initialSelection, messageLabel, messageTime, selectAll, step, summary, toggle } from './chatPick';

const msg = (index: number, over: Partial<PreviewMessage> = {}): PreviewMessage => ({
  index, line: index + 1, at: new Date('2026-11-21T08:35:12Z'), offset: '', author: 'Ada', text: 'roll back', kind: 'note', key: false,
  selected: false, pinned: false, starred: false, reply: '', reaction: false, private: false, duplicate: false, when: '', outside: false, ...over,
});

describe('messages left out by the choice of time', () => {
  const msgs = [msg(0, { selected: true, outside: true, when: 'before the declaration' }), msg(1, { outside: true }), msg(2, { selected: true }), msg(3)];

  it('are never selected, picked by A or toggled on', () => {
    expect([...initialSelection(msgs)]).toEqual([2]);
    expect([...selectAll(msgs)].sort()).toEqual([2, 3]);
    expect([...toggle(new Set(), msgs[1])]).toEqual([]);
  });

  it('are skipped by the arrows and the first focus', () => {
    expect(step(msgs, 3, -1)).toBe(2);
    expect(step(msgs, 2, -1)).toBe(2);
    expect(firstFocus(msgs, new Set())).toBe(2);
  });
});

describe('selection', () => {
  const msgs = [msg(0, { selected: true }), msg(1), msg(2, { selected: true, duplicate: true }), msg(3, { duplicate: true }), msg(4)];

  it('starts from Go\'s suggestion, never with a duplicate', () => {
    expect([...initialSelection(msgs)]).toEqual([0]);
  });

  it('selects all that can be imported', () => {
    expect([...selectAll(msgs)].sort()).toEqual([0, 1, 4]);
  });

  it('toggles, but never selects a duplicate', () => {
    expect([...toggle(new Set([0]), msgs[1])].sort()).toEqual([0, 1]);
    expect([...toggle(new Set([0, 1]), msgs[0])]).toEqual([1]);
    expect([...toggle(new Set(), msgs[3])]).toEqual([]);
  });

  it('moves past duplicates and stops at the ends', () => {
    expect(step(msgs, 1, 1)).toBe(4);
    expect(step(msgs, 4, -1)).toBe(1);
    expect(step(msgs, 0, -1)).toBe(0);
    expect(step(msgs, 4, 1)).toBe(4);
  });

  it('focuses the first selected message, else the first importable one', () => {
    expect(firstFocus(msgs, new Set([4]))).toBe(4);
    expect(firstFocus([msg(0, { duplicate: true }), msg(1)], new Set())).toBe(1);
    expect(firstFocus([], new Set())).toBe(0);
  });
});

describe('words', () => {
  it('summarises and labels the button', () => {
    expect(summary(12, 340)).toBe('12 of 340 messages selected');
    expect(summary(1, 1)).toBe('1 of 1 message selected');
    expect(summary(0, 1200)).toBe('0 of 1,200 messages selected');
    expect(importLabel(12)).toBe('Import 12 messages');
    expect(importLabel(1)).toBe('Import 1 message');
  });

  it('reports what an import did', () => {
    expect(importedMessage({ added: 12, skipped: 3 })).toBe('Added 12 entries, 3 were already there');
    expect(importedMessage({ added: 1, skipped: 1 })).toBe('Added 1 entry, 1 was already there');
    expect(importedMessage({ added: 2, skipped: 0 })).toBe('Added 2 entries');
  });

  it('names a message by time, author and clamped text', () => {
    expect(messageLabel(msg(0), 'Asia/Kolkata')).toBe('14:05:12 Ada: roll back');
    expect(messageLabel(msg(0, { text: 'line one\n\tline two', author: '' }), 'UTC')).toBe('08:35:12 Unknown: line one line two');
    const long = messageLabel(msg(0, { text: 'x'.repeat(300) }), 'UTC');
    expect(long).toBe(`08:35:12 Ada: ${'x'.repeat(99)}…`);
  });

  it('shows the offset into a recording when the time is unknown', () => {
    expect(messageTime({ at: null, offset: '00:12:05' })).toBe('+00:12:05');
    expect(messageTime({ at: null, offset: '' })).toBe('--:--:--');
  });

  it('lists badges', () => {
    expect(badges(msg(0, { pinned: true, starred: true, key: true, kind: 'followup', reply: 'Sam', reaction: true, duplicate: true })))
      .toEqual(['already imported', 'pinned', 'starred', 'TL', 'TODO', 'reply', 'reaction']);
    expect(badges(msg(0, { kind: 'decision', private: true }))).toEqual(['Decision', 'private']);
    expect(badges(msg(0))).toEqual([]);
    expect(badges(msg(0, { when: 'before the declaration', pinned: true }))).toEqual(['before the declaration', 'pinned']);
  });
});
