import { describe, expect, it } from 'vitest';
import type { RecoveryProblem } from './api/backups';
import { logSummary, recoveryChoices, recoveryTitle } from './recovery';

const base: RecoveryProblem = {
  message: 'm', status: 'corrupt', path: '/d/bridgelog.db', backupDir: '/d/bridgelog-backups', backups: [], log: null,
  canRecover: false, canRestore: true, canMoveAside: true, canStartEmpty: false, canRetry: false,
};

const actions = (p: Partial<RecoveryProblem>, latest: string | null = '14:05') =>
  recoveryChoices({ ...base, ...p }, latest).map((c) => c.action);

describe('recovery screen', () => {
  it('offers recovering from a damaged log first, with what it gets back', () => {
    const log = { commits: 98, lostCommits: 47, incidents: 1, entries: 54, problem: '' };
    const p = { status: 'wal-damaged', canRecover: true, log };
    expect(actions(p)).toEqual(['recover', 'latest', 'move']);
    const recover = recoveryChoices({ ...base, ...p }, '14:05')[0];
    expect(recover.button).toBe('Recover what the log holds…');
    expect(recover.confirm?.question).toContain('Rebuild the database with 98 saved changes from the log (1 incident, 54 timeline entries)?');
    expect(recover.confirm?.yes).toBe('Recover and restart');
    expect(logSummary(log)).toBe(
      'The log’s intact part holds 98 saved changes; with the database file that makes 1 incident and 54 timeline entries. ' +
        'At least 47 saved changes after the damage cannot be read back safely; the damaged log is kept, unchanged, with them.',
    );
    expect(recoveryTitle('wal-damaged')).toBe('The database’s write-ahead log needs recovering');
  });

  it('says when the log holds nothing, or cannot be recovered from', () => {
    expect(logSummary({ commits: 0, lostCommits: 0, incidents: 2, entries: 1, problem: '' })).toBe(
      'The log’s intact part holds no saved change, so recovering keeps what the database file itself holds: 2 incidents and 1 timeline entry.',
    );
    expect(logSummary({ commits: 0, lostCommits: 0, incidents: 0, entries: 0, problem: 'There is nothing to recover' })).toBe(
      'Recovering from the log is not possible: There is nothing to recover',
    );
    expect(actions({ status: 'wal-only', canRecover: false, log: { commits: 0, lostCommits: 0, incidents: 0, entries: 0, problem: 'x' } }))
      .toEqual(['latest', 'move']);
  });

  it('offers the newest backup or an empty start for a database that looks new', () => {
    const p = { status: 'missing', canMoveAside: false, canStartEmpty: true };
    expect(actions(p)).toEqual(['latest', 'empty']);
    expect(actions(p, null)).toEqual(['empty']);
    const [latest, empty] = recoveryChoices({ ...base, ...p }, 'Sat 21 Nov 14:05');
    expect(latest.confirm?.question).toBe('Restore the backup from Sat 21 Nov 14:05? The current file, if there is one, is kept as a backup first. Bridgelog restarts.');
    expect(empty.button).toBe('Start with an empty database…');
    expect(empty.confirm?.label).toBe('Confirm starting empty');
    expect(empty.explain).toContain('/d/bridgelog-backups');
    expect(recoveryTitle('replaced')).toBe('The database looks new, but its backups hold incidents');
  });

  it('offers only to check again for a location that cannot hold a database', () => {
    const choices = recoveryChoices({ ...base, status: 'unusable', canRestore: false, canMoveAside: false, canRetry: true }, '14:05');
    expect(choices.map((c) => c.action)).toEqual(['retry']);
    expect(choices[0].confirm).toBeUndefined();
    expect(recoveryTitle('unusable')).toBe('Bridgelog cannot keep its database there');
  });

  it('keeps the damaged-file screen as it was', () => {
    expect(actions({}, null)).toEqual(['move']);
    const move = recoveryChoices(base, null)[0];
    expect(move.button).toBe('Move the file aside and start fresh…');
    expect(move.confirm).toEqual({
      label: 'Confirm moving the file aside',
      question: 'Move the damaged file aside and start with an empty database? Nothing is deleted: the file is renamed to /d/bridgelog.db.damaged-… beside it. Bridgelog restarts.',
      yes: 'Move aside and restart',
    });
    expect(recoveryChoices(base, '14:05')[0].confirm?.question).toBe('Restore the backup from 14:05? The damaged file is kept aside as a backup first. Bridgelog restarts.');
    expect(recoveryTitle('not-a-database')).toBe('Bridgelog cannot open its database');
  });
});
