import { describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Backups';
import * as R from '../../../wailsjs/go/app/Recovery';
import { checkAgain, createBackup, listBackups, moveAside, recoverFromLog, recoveryProblem, restoreBackup, startEmpty } from './backups';
import { ApiError } from './errors';

vi.mock('../../../wailsjs/go/app/Backups');
vi.mock('../../../wailsjs/go/app/Recovery');

const raw = { path: '/d/bridgelog-backups/bridgelog-20261122T140509Z-manual.db', time: '2026-11-22T14:05:09Z', incidents: 3, size: 40960, reason: 'manual' };

describe('backups api', () => {
  it('lists backups with dates, and a damaged one with its problem', async () => {
    vi.mocked(B.List).mockResolvedValue([raw, { ...raw, reason: 'quit', problem: 'corrupt: database disk image is malformed' }] as never);
    const list = await listBackups();
    expect(list[0]).toEqual({ ...raw, time: new Date('2026-11-22T14:05:09Z'), problem: '' });
    expect(list[1].problem).toBe('corrupt: database disk image is malformed');
  });

  it('treats null as no backups', async () => {
    vi.mocked(B.List).mockResolvedValue(null as never);
    expect(await listBackups()).toEqual([]);
  });

  it('creates a backup and passes a refused restore on as an ApiError', async () => {
    vi.mocked(B.Create).mockResolvedValue(raw as never);
    expect((await createBackup()).incidents).toBe(3);
    vi.mocked(B.Restore).mockRejectedValue(new Error(JSON.stringify({ code: 'invalid', message: 'The backup x cannot be restored' })));
    await expect(restoreBackup('x')).rejects.toEqual(new ApiError('The backup x cannot be restored', 'invalid'));
  });
});

describe('recovery api', () => {
  it('has no problem when the database opened', async () => {
    vi.mocked(R.Problem).mockResolvedValue(null as never);
    expect(await recoveryProblem()).toBeNull();
  });

  it('reads the problem with its backups', async () => {
    vi.mocked(R.Problem).mockResolvedValue({ message: 'The file at /d/bridgelog.db is not a Bridgelog database', status: 'not-a-database', path: '/d/bridgelog.db', backupDir: '/d/bridgelog-backups', backups: [raw] } as never);
    const p = await recoveryProblem();
    expect(p?.message).toContain('not a Bridgelog database');
    expect(p?.backups[0].time).toEqual(new Date('2026-11-22T14:05:09Z'));
  });

  it('reads what a damaged log gives back and what the screen offers', async () => {
    vi.mocked(R.Problem).mockResolvedValue({
      message: 'The write-ahead log of the database at /d/bridgelog.db is damaged', status: 'wal-damaged', path: '/d/bridgelog.db',
      backupDir: '/d/bridgelog-backups', backups: [], log: { commits: 98, lostCommits: 47, incidents: 1, entries: 54 },
      canRecover: true, canRestore: true, canMoveAside: true, canStartEmpty: false, canRetry: false,
    } as never);
    const p = await recoveryProblem();
    expect(p?.log).toEqual({ commits: 98, lostCommits: 47, incidents: 1, entries: 54, problem: '' });
    expect([p?.canRecover, p?.canRestore, p?.canMoveAside, p?.canStartEmpty, p?.canRetry]).toEqual([true, true, true, false, false]);
  });

  it('offers restore and move aside when the problem names no offers', async () => {
    vi.mocked(R.Problem).mockResolvedValue({ message: 'x', status: 'corrupt', path: '/d/b.db', backupDir: '/d/b-backups', backups: [] } as never);
    const p = await recoveryProblem();
    expect([p?.log, p?.canRecover, p?.canRestore, p?.canMoveAside, p?.canStartEmpty, p?.canRetry]).toEqual([null, false, true, true, false, false]);
  });

  it('recovers from the log, starts empty and checks again through the binding', async () => {
    vi.mocked(R.RecoverFromLog).mockResolvedValue('/d/bridgelog.db.damaged-20261122T140509Z' as never);
    expect(await recoverFromLog()).toBe('/d/bridgelog.db.damaged-20261122T140509Z');
    vi.mocked(R.StartEmpty).mockRejectedValue(new Error(JSON.stringify({ code: 'conflict', message: 'That cannot be done about this problem' })));
    await expect(startEmpty()).rejects.toEqual(new ApiError('That cannot be done about this problem', 'conflict'));
    vi.mocked(R.CheckAgain).mockResolvedValue(undefined as never);
    await checkAgain();
    expect(R.CheckAgain).toHaveBeenCalledOnce();
  });

  it('returns where the damaged file went', async () => {
    vi.mocked(R.MoveAside).mockResolvedValue('/d/bridgelog.db.damaged-20261122T140509Z' as never);
    expect(await moveAside()).toBe('/d/bridgelog.db.damaged-20261122T140509Z');
  });
});
