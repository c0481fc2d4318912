import { describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Timeline';
import { addEntry, addEntryDatedNow, draft, editEntry, grammar, listEntries, now, preview, saveDraft, search } from './timeline';

const goEntry = {
  id: 7, incidentId: 3, kind: 'action', text: 'restart the queue', raw: 'a: @sam restart the queue 10m',
  occurredAt: '2026-11-21T14:05:12Z', recordedAt: '2026-11-21T14:06:00Z', author: 'Ada', authorRole: 'scribe',
  key: false, internal: false, owner: 'sam', checkIn: 10, revisions: 0, deletedAt: '0001-01-01T00:00:00Z',
};

describe('addEntry', () => {
  it('passes the incident, the line and startedAt to Add', async () => {
    vi.mocked(B.Add).mockResolvedValue(goEntry as never);
    const e = (await addEntry(3, 'a: @sam restart the queue 10m', '2026-11-21T14:05:12.5Z'))!;
    expect(B.Add).toHaveBeenCalledWith(3, 'a: @sam restart the queue 10m', '2026-11-21T14:05:12.5Z');
    expect(e.occurredAt.toISOString()).toBe('2026-11-21T14:05:12.000Z');
    expect(e.deletedAt).toBeNull();
    expect(e.owner).toBe('sam');
    expect(e.checkIn).toBe(10);
  });

  it('sends "" when no first keystroke time is known, so Go uses its clock', async () => {
    vi.mocked(B.Add).mockResolvedValue(goEntry as never);
    await addEntry(3, 'note', null);
    expect(B.Add).toHaveBeenCalledWith(3, 'note', '');
  });

  it('is null for a declared: or detected: line that stored no entry', async () => {
    vi.mocked(B.Add).mockResolvedValue(null as never);
    expect(await addEntry(3, 'detected: @14:55', null)).toBeNull();
  });

  it('keeps the code of a question, and dates the line now once confirmed', async () => {
    vi.mocked(B.Add).mockRejectedValue({ code: 'confirm', message: 'The latest entry of this incident is from Sun 21 Oct 2015 16:30 UTC.' });
    await expect(addEntry(3, 'late note', null)).rejects.toMatchObject({ code: 'confirm' });
    vi.mocked(B.AddDatedNow).mockResolvedValue(goEntry as never);
    expect((await addEntryDatedNow(3, 'late note', null))?.id).toBe(7);
    expect(B.AddDatedNow).toHaveBeenCalledWith(3, 'late note', '');
  });

  it('rejects with the backend message', async () => {
    vi.mocked(B.Add).mockRejectedValue({ code: 'too_large', message: 'This entry is 70 KiB; the limit is 64 KiB.' });
    await expect(addEntry(3, 'x', null)).rejects.toThrow('This entry is 70 KiB; the limit is 64 KiB.');
  });
});

describe('editEntry and listEntries', () => {
  it('maps entries from Edit and List', async () => {
    vi.mocked(B.Edit).mockResolvedValue({ ...goEntry, revisions: 2 } as never);
    expect((await editEntry(7, 'a: x')).revisions).toBe(2);
    vi.mocked(B.List).mockResolvedValue(null as never);
    expect(await listEntries(3)).toEqual([]);
  });
});

describe('preview', () => {
  it('maps the parsed line, and a zero occurredAt to null', async () => {
    vi.mocked(B.Preview).mockResolvedValue({
      line: { kind: 'phase', text: '', raw: 'phase: monitorin', key: false, internal: false, phase: 'monitorin', problem: 'Unknown phase' },
      occurredAt: '0001-01-01T00:00:00Z',
    } as never);
    const p = await preview('phase: monitorin', null);
    expect(B.Preview).toHaveBeenCalledWith('phase: monitorin', '');
    expect(p.occurredAt).toBeNull();
    expect(p.line.problem).toBe('Unknown phase');
    expect(p.line.time).toBe('');
    expect(p.line.timeNote).toBe('');
  });

  it('passes on how a time the clocks went back over was read', async () => {
    const note = '01:30 happens twice on 1 Nov 2026 in America/New_York (clocks went back from 02:00 to 01:00): taken as the first';
    vi.mocked(B.Preview).mockResolvedValue({
      line: { kind: 'note', text: 'x', raw: 'x', key: false, internal: false, time: '@01:30', timeNote: note },
      occurredAt: '2026-11-01T05:30:00Z',
    } as never);
    const p = await preview('@01:30 x', null);
    expect(p.line.timeNote).toBe(note);
    expect(p.line.problem).toBe('');
  });

  it('passes on that a role line naming no one is kept as a note, and why', async () => {
    const hint = 'Kept as a note: a role change takes a person\'s name, not a sentence.';
    vi.mocked(B.Preview).mockResolvedValue({
      line: { kind: 'note', text: 'ic: the IC joined', raw: 'ic: the IC joined', key: false, internal: false, hint, notRole: true },
      occurredAt: '2026-11-01T05:30:00Z',
    } as never);
    const p = await preview('ic: the IC joined', null);
    expect(p.line.kind).toBe('note');
    expect(p.line.hint).toBe(hint);
    expect(p.line.notRole).toBe(true);
  });
});

describe('draft', () => {
  it('maps an empty draft to no start time and no edited entry', async () => {
    vi.mocked(B.Draft).mockResolvedValue({ incidentId: 3, text: '', startedAt: '0001-01-01T00:00:00Z', editingId: 0 } as never);
    expect(await draft(3)).toEqual({ incidentId: 3, text: '', startedAt: null, editingId: null });
  });

  it('keeps a saved start time as Go sent it', async () => {
    vi.mocked(B.Draft).mockResolvedValue({ incidentId: 3, text: 'd: x', startedAt: '2026-11-21T14:05:12.123456Z', editingId: 9 } as never);
    expect(await draft(3)).toEqual({ incidentId: 3, text: 'd: x', startedAt: '2026-11-21T14:05:12.123456Z', editingId: 9 });
  });

  it('saves with "" and 0 for unset values', async () => {
    vi.mocked(B.SaveDraft).mockResolvedValue(undefined as never);
    await saveDraft(3, 'd: x', null, null);
    expect(B.SaveDraft).toHaveBeenCalledWith(3, 'd: x', '', 0);
  });
});

describe('now, search and grammar', () => {
  it('returns Go clock text unchanged', async () => {
    vi.mocked(B.Now).mockResolvedValue('2026-11-21T14:05:12.987654321Z');
    expect(await now()).toBe('2026-11-21T14:05:12.987654321Z');
  });

  it('maps search hits and their entries', async () => {
    vi.mocked(B.Search).mockResolvedValue([{ entry: goEntry, incidentTitle: 'Checkout down', snippet: '\x02queue\x03' }] as never);
    const hits = await search('queue', 0);
    expect(B.Search).toHaveBeenCalledWith('queue', 0);
    expect(hits[0].incidentTitle).toBe('Checkout down');
    expect(hits[0].entry.occurredAt).toBeInstanceOf(Date);
  });

  it('reports a malformed query as an ApiError', async () => {
    vi.mocked(B.Search).mockRejectedValue({ code: 'invalid', message: 'The search "AND" cannot be read.' });
    await expect(search('AND', 0)).rejects.toMatchObject({ code: 'invalid', message: 'The search "AND" cannot be read.' });
  });

  it('maps the grammar', async () => {
    vi.mocked(B.Grammar).mockResolvedValue([{ prefix: 'd:', kind: 'decision', example: 'd: x', meaning: 'decision' }] as never);
    expect((await grammar())[0]).toEqual({ prefix: 'd:', kind: 'decision', example: 'd: x', meaning: 'decision' });
  });
});
