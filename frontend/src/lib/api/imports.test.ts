import { describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Imports';
import { chooseFile, importMessages, importRecord, isRecord, preview, type ImportRequest } from './imports';

vi.mock('../../../wailsjs/go/app/Imports');

const req: ImportRequest = { incidentId: 3, path: '/tmp/meeting_saved_chat.txt', day: '2026-11-21', recordingStart: '', zone: '', channel: '' };

describe('preview', () => {
  it('passes the request and maps messages, times as Date or null', async () => {
    vi.mocked(B.Preview).mockResolvedValue({
      format: 'zoom', source: 'meeting_saved_chat.txt', needsStart: false, needsDay: true, channels: null,
      messages: [
        { index: 0, line: 1, at: '2026-11-21T06:18:19Z', offset: '', author: 'Ada', text: 'd: roll back', kind: 'decision', key: false, selected: true, pinned: false, starred: false, reply: '', reaction: false, private: false, duplicate: false },
        { index: 1, line: 3, at: '', offset: '00:01:05', author: 'Sam', text: 'ok', kind: '', key: false, selected: false, pinned: false, starred: false, reply: 'Ada', reaction: true, private: false, duplicate: true },
      ],
    } as never);
    const p = await preview(req);
    expect(B.Preview).toHaveBeenCalledWith({ ...req, from: '' });
    expect(p.needsDay).toBe(true);
    expect(p.channels).toEqual([]);
    expect(p.day).toBe('');
    expect(p.messages[0].at?.toISOString()).toBe('2026-11-21T06:18:19.000Z');
    expect(p.messages[1].at).toBeNull();
    expect(p.messages[1]).toMatchObject({ kind: 'note', reply: 'Ada', reaction: true, duplicate: true, offset: '00:01:05', when: '', outside: false });
    expect(p.timing).toBeNull();
    expect(p.dayNote).toBe('');
  });

  it('passes the choice of messages by time and maps the timing Go worked out', async () => {
    vi.mocked(B.Preview).mockResolvedValue({
      format: 'zoom-chat', source: 'meeting_saved_chat.txt', needsStart: false, needsDay: true, channels: [], day: '2026-11-22',
      dayNote: 'The chat does not say its day: its times are placed on Sunday 22 November 2026, the day the incident was declared (CET).',
      timing: {
        declaredAt: '2026-11-22T10:50:00Z', detectedAt: '', dated: 9, beforeDeclared: 4, beforeDetected: 0, afterNow: 0, farAway: 0,
        warnings: ['4 of 9 messages are from before the incident was declared (earliest 11:48, declared 11:50 CET).'],
        choices: [{ from: 'all', label: 'All 9 messages', count: 9 }, { from: 'declared', label: 'From the declaration on (11:50): 5 messages', count: 5 }],
        from: 'declared', leftOut: 4,
      },
      messages: [
        { index: 0, line: 1, at: '2026-11-22T10:48:19Z', offset: '11:48:19', author: 'Ada', text: 'hi', kind: 'note', key: false, selected: false, pinned: false, starred: false, reply: '', reaction: false, private: false, duplicate: false, when: 'before the declaration', outside: true },
      ],
    } as never);
    const p = await preview({ ...req, from: 'declared' });
    expect(B.Preview).toHaveBeenCalledWith({ ...req, from: 'declared' });
    expect(p.dayNote).toContain('Sunday 22 November 2026');
    expect(p.timing).toEqual({
      beforeDeclared: 4, beforeDetected: 0, afterNow: 0, farAway: 0,
      warnings: ['4 of 9 messages are from before the incident was declared (earliest 11:48, declared 11:50 CET).'],
      choices: [{ from: 'all', label: 'All 9 messages', count: 9 }, { from: 'declared', label: 'From the declaration on (11:50): 5 messages', count: 5 }],
      from: 'declared', leftOut: 4,
    });
    expect(p.messages[0]).toMatchObject({ when: 'before the declaration', outside: true });
  });

  it('reports a file it cannot read with Go\'s message', async () => {
    vi.mocked(B.Preview).mockRejectedValue({ code: 'invalid', message: 'Line 14 of chat.txt is not a Zoom chat line.' });
    await expect(preview(req)).rejects.toThrow('Line 14 of chat.txt is not a Zoom chat line.');
  });
});

describe('importing', () => {
  it('imports the chosen indexes and reports the counts', async () => {
    vi.mocked(B.Import).mockResolvedValue({ incidentId: 3, added: 2, skipped: 1 } as never);
    expect(await importMessages(req, [0, 4, 5])).toEqual({ incidentId: 3, added: 2, skipped: 1 });
    expect(B.Import).toHaveBeenCalledWith({ ...req, from: '' }, [0, 4, 5]);
  });

  it('imports a record as a new incident', async () => {
    vi.mocked(B.ImportRecord).mockResolvedValue({
      id: 9, title: 'EU logins failing', declaredAt: '2026-11-21T14:00:00Z', detectedAt: '0001-01-01T00:00:00Z', createdAt: '2026-11-21T14:00:00Z',
      updatedAt: '2026-11-21T14:00:00Z', severity: 'SEV2', phase: 'resolved', impact: '', mitigatedAt: '', resolvedAt: '2026-11-21T16:00:00Z', entryCount: 40,
    } as never);
    const inc = await importRecord('/tmp/x.json');
    expect(B.ImportRecord).toHaveBeenCalledWith('/tmp/x.json');
    expect(inc).toMatchObject({ id: 9, title: 'EU logins failing', detectedAt: null, entryCount: 40 });
  });

  it('returns "" when the open dialog is cancelled', async () => {
    vi.mocked(B.ChooseFile).mockResolvedValue('');
    expect(await chooseFile()).toBe('');
  });
});

describe('isRecord', () => {
  it('tells a Bridgelog record from a chat', () => {
    expect(isRecord({ format: 'zoom' })).toBe(false);
    expect(isRecord({ format: 'bridgelog' })).toBe(true);
  });
});
