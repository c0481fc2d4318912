import { describe, expect, it } from 'vitest';
import { backdatedAfterMs, backdatedTitle, lineTimeRead, rowBackdated } from './backdated';
import type { LinePreview } from './api/types';

const at = (iso: string) => new Date(iso);
const row = (occurred: string, recorded: string) => ({ occurredAt: at(occurred), recordedAt: at(recorded) });

describe('rowBackdated', () => {
  it('marks a row written ten minutes after the moment it is dated at', () => {
    expect(rowBackdated(row('2026-11-21T14:05:00Z', '2026-11-21T14:15:00Z'))).toBe(true);
  });
  it('leaves a row saved a minute after its first keystroke unmarked', () => {
    expect(rowBackdated(row('2026-11-21T14:05:00Z', '2026-11-21T14:06:00Z'))).toBe(false);
  });
  it('leaves a row written exactly at the threshold unmarked and marks one a second past it', () => {
    const occurred = Date.parse('2026-11-21T14:05:00Z');
    const rec = (ms: number) => new Date(occurred + ms).toISOString();
    expect(rowBackdated(row('2026-11-21T14:05:00Z', rec(backdatedAfterMs)))).toBe(false);
    expect(rowBackdated(row('2026-11-21T14:05:00Z', rec(backdatedAfterMs + 1000)))).toBe(true);
  });
  it('leaves a row dated after it was written unmarked', () => {
    expect(rowBackdated(row('2026-11-21T14:30:00Z', '2026-11-21T14:05:00Z'))).toBe(false);
  });
});

describe('backdatedTitle', () => {
  it('names when the row was written and when it is dated, in the zone shown', () => {
    expect(backdatedTitle(row('2026-11-21T14:05:00Z', '2026-11-21T14:20:30Z'), 'UTC')).toBe('Written 14:20, dated 14:05');
    expect(backdatedTitle(row('2026-11-21T14:05:00Z', '2026-11-21T14:20:30Z'), 'Asia/Kolkata')).toBe('Written 19:50, dated 19:35');
  });
});

describe('lineTimeRead', () => {
  const preview = (time: string, occurredAt: string | null, problem = ''): LinePreview => ({
    line: { kind: 'note', text: 'x', raw: 'x', key: false, internal: false, time, problem, timeNote: '', hint: '' },
    occurredAt: occurredAt ? at(occurredAt) : null,
  });
  it('is true for a time token the grammar read', () => {
    expect(lineTimeRead(preview('-10m', '2026-11-21T14:05:00Z'))).toBe(true);
  });
  it('is false for an unreadable time such as @25:99', () => {
    expect(lineTimeRead(preview('@25:99', null, 'There is no 25:99 on a clock.'))).toBe(false);
    expect(lineTimeRead(preview('@25:99', '2026-11-21T14:05:00Z', 'There is no 25:99 on a clock.'))).toBe(false);
  });
  it('is false for a line without a time token, or without a preview yet', () => {
    expect(lineTimeRead(preview('', '2026-11-21T14:05:00Z'))).toBe(false);
    expect(lineTimeRead(null)).toBe(false);
  });
});
