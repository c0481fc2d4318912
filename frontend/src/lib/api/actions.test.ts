import { describe, expect, it, vi } from 'vitest';
import * as A from '../../../wailsjs/go/app/Actions';
import * as W from '../../../wailsjs/go/app/Watch';
import * as S from '../../../wailsjs/go/app/Security';
import * as P from '../../../wailsjs/go/app/Paging';
import { abandonAction, ackAction, checkInAction, createAction, doneAction, listActions } from './actions';
import { extendWatch, reopenWatch, resolveWatch, startWatch, tickWatch } from './watch';
import { getSecurity, setSecurity, tickSecurity, unlockSecurity } from './security';
import { listPages, pageJoined, pageNoAnswer, pagePerson } from './paging';

const zero = '0001-01-01T00:00:00Z';
const goAction = (state: string) => ({
  id: 4, incidentId: 3, entryId: 9, owner: 'sam', text: 'restart the queue', state,
  askedAt: '2026-11-21T14:05:00Z', ackedAt: state === 'asked' ? zero : '2026-11-21T14:06:00Z', checkInAt: zero, closedAt: zero,
});

describe('actions', () => {
  it('creates with the owner without "@"', async () => {
    vi.mocked(A.Create).mockResolvedValue(goAction('asked') as never);
    const a = await createAction(3, '@sam', 'restart the queue', 10);
    expect(A.Create).toHaveBeenCalledWith(3, 'sam', 'restart the queue', 10);
    expect(a.checkInAt).toBeNull();
  });

  it('acks, completes, abandons and sets a check-in by id', async () => {
    vi.mocked(A.Ack).mockResolvedValue(goAction('acknowledged') as never);
    vi.mocked(A.Done).mockResolvedValue(goAction('done') as never);
    vi.mocked(A.Abandon).mockResolvedValue(goAction('abandoned') as never);
    vi.mocked(A.CheckIn).mockResolvedValue(goAction('acknowledged') as never);
    expect((await ackAction(4)).ackedAt?.toISOString()).toBe('2026-11-21T14:06:00.000Z');
    expect((await doneAction(4)).state).toBe('done');
    expect((await abandonAction(4)).state).toBe('abandoned');
    await checkInAction(4, 15);
    expect(A.CheckIn).toHaveBeenCalledWith(4, 15);
  });

  it('reports a conflict (acking twice) with its message', async () => {
    vi.mocked(A.Ack).mockRejectedValue({ code: 'conflict', message: 'sam already acknowledged it.' });
    await expect(ackAction(4)).rejects.toMatchObject({ code: 'conflict', message: 'sam already acknowledged it.' });
  });

  it('lists nothing when Go returns null', async () => {
    vi.mocked(A.List).mockResolvedValue(null as never);
    expect(await listActions(3)).toEqual([]);
  });
});

const goInc = {
  id: 3, title: 't', declaredAt: '2026-11-21T14:00:00Z', detectedAt: zero, createdAt: '2026-11-21T14:00:00Z', updatedAt: '2026-11-21T14:00:00Z',
  severity: 'SEV2', phase: 'resolved', impact: '', mitigatedAt: zero, resolvedAt: '2026-11-21T15:00:00Z', entryCount: 3,
};
const goWatch = { dueAt: '2026-11-21T14:25:00Z', amberAt: '2026-11-21T14:23:00Z', redAt: '2026-11-21T14:25:00Z', state: 'ok', startEntryId: 1, startedAt: '2026-11-21T14:10:00Z', minutes: 15, criteria: null, ended: false };

describe('watch', () => {
  it('starts, ticks, extends, resolves and reopens', async () => {
    for (const f of [W.Start, W.Tick, W.Extend]) vi.mocked(f).mockResolvedValue(goWatch as never);
    vi.mocked(W.Resolve).mockResolvedValue(goInc as never);
    vi.mocked(W.Reopen).mockResolvedValue({ ...goInc, phase: 'investigating', resolvedAt: zero } as never);
    expect((await startWatch(3, 0, [])).criteria).toEqual([]);
    expect(W.Start).toHaveBeenCalledWith(3, 0, []);
    await tickWatch(3, 1, true);
    expect(W.Tick).toHaveBeenCalledWith(3, 1, true);
    await extendWatch(3, 15);
    expect(W.Extend).toHaveBeenCalledWith(3, 15);
    expect((await resolveWatch(3)).resolvedAt?.toISOString()).toBe('2026-11-21T15:00:00.000Z');
    expect((await reopenWatch(3)).resolvedAt).toBeNull();
  });

  it('reports the conflict when the incident is not monitoring', async () => {
    vi.mocked(W.Extend).mockRejectedValue({ code: 'conflict', message: 'The incident is not being monitored.' });
    await expect(extendWatch(3, 15)).rejects.toThrow('The incident is not being monitored.');
  });
});

describe('security', () => {
  const goSec = { on: true, becameAwareAt: '2026-11-21T14:00:00Z', locked: true, checklist: [] };

  it('gets, sets, unlocks and ticks', async () => {
    for (const f of [S.Get, S.Set, S.Unlock, S.Tick]) vi.mocked(f).mockResolvedValue(goSec as never);
    expect((await getSecurity(3)).becameAwareAt?.toISOString()).toBe('2026-11-21T14:00:00.000Z');
    await setSecurity(3, true, '');
    expect(S.Set).toHaveBeenCalledWith(3, true, '');
    await unlockSecurity(3, '2026-11-21T13:00:00Z', 'found the first alert');
    expect(S.Unlock).toHaveBeenCalledWith(3, '2026-11-21T13:00:00Z', 'found the first alert');
    await tickSecurity(3, 'legal_reporting', true);
    expect(S.Tick).toHaveBeenCalledWith(3, 'legal_reporting', true);
  });

  it('reports a locked time with its message', async () => {
    vi.mocked(S.Set).mockRejectedValue({ code: 'conflict', message: 'The became-aware time is locked.' });
    await expect(setSecurity(3, true, '2026-11-21T13:00:00Z')).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('paging', () => {
  const goPage = (state: string) => ({ id: 2, incidentId: 3, person: 'sam', level: 1, state, pagedAt: '2026-11-21T14:00:00Z', answeredAt: state === 'paged' ? zero : '2026-11-21T14:03:00Z' });

  it('lists pages and the next person', async () => {
    vi.mocked(P.List).mockResolvedValue({ pages: [goPage('paged')], path: ['sam', 'lee'], next: 'lee', nextLevel: 2 } as never);
    const p = await listPages(3);
    expect(p.pages[0]).toMatchObject({ person: 'sam', state: 'paged', answeredAt: null });
    expect(p.next).toBe('lee');
    vi.mocked(P.List).mockResolvedValue({ pages: null, path: null, next: '', nextLevel: 0 } as never);
    expect(await listPages(3)).toEqual({ pages: [], path: [], next: '', nextLevel: 0 });
  });

  it('pages, and records joined and no answer', async () => {
    vi.mocked(P.Page).mockResolvedValue(goPage('paged') as never);
    vi.mocked(P.Joined).mockResolvedValue(goPage('joined') as never);
    vi.mocked(P.NoAnswer).mockResolvedValue(goPage('no_answer') as never);
    await pagePerson(3, ' sam ', 0);
    expect(P.Page).toHaveBeenCalledWith(3, 'sam', 0);
    expect((await pageJoined(2)).answeredAt?.toISOString()).toBe('2026-11-21T14:03:00.000Z');
    expect((await pageNoAnswer(2)).state).toBe('no_answer');
  });
});
