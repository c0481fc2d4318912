// Backups of the database (Settings → Backups) and the recovery screen shown
// when the database failed its check at start. A restore closes the window:
// Bridgelog restores once the database is closed and starts again.
import * as B from '../../../wailsjs/go/app/Backups';
import * as R from '../../../wailsjs/go/app/Recovery';
import { call } from './errors';
import { requireTime } from './convert';

export type BackupReason = 'resolved' | 'quit' | 'periodic' | 'before-restore' | 'manual';

/** One copy of the database in the backup folder; mirrors backup.Backup. */
export interface Backup {
  path: string;
  /** When the copy was made. */
  time: Date;
  incidents: number;
  /** Bytes. */
  size: number;
  reason: BackupReason | string;
  /** Empty for a copy that passes its check; else what is wrong (it cannot be restored). */
  problem: string;
}

/** What recovering from a damaged write-ahead log gets back; mirrors app.LogRecovery. */
export interface LogRecovery {
  /** Saved changes (transactions) in the log's intact part. */
  commits: number;
  /** Saved changes, at least, after the damage: beyond safe reach. */
  lostCommits: number;
  /** What the database holds once recovered (the file's rows and the log's). */
  incidents: number;
  entries: number;
  /** Why recovering cannot be done; empty when it can. */
  problem: string;
}

/** What the recovery screen shows; mirrors app.RecoveryProblem. */
export interface RecoveryProblem {
  message: string;
  status: string;
  path: string;
  backupDir: string;
  backups: Backup[];
  /** Set when the problem is the write-ahead log. */
  log: LogRecovery | null;
  canRecover: boolean;
  canRestore: boolean;
  canMoveAside: boolean;
  canStartEmpty: boolean;
  canRetry: boolean;
}

interface RawBackup {
  path?: string;
  time?: string;
  incidents?: number;
  size?: number;
  reason?: string;
  problem?: string;
}

export function toBackup(b: RawBackup): Backup {
  return {
    path: b.path ?? '',
    time: requireTime(b.time),
    incidents: Number(b.incidents) || 0,
    size: Number(b.size) || 0,
    reason: b.reason ?? '',
    problem: b.problem ?? '',
  };
}

export async function listBackups(): Promise<Backup[]> {
  return ((await call(() => B.List())) ?? []).map(toBackup);
}

/** createBackup makes a backup now ("manual") and returns it. */
export async function createBackup(): Promise<Backup> {
  return toBackup(await call(() => B.Create()));
}

/** restoreBackup closes the window; Bridgelog restores the backup and starts again on it. */
export async function restoreBackup(path: string): Promise<void> {
  await call(() => B.Restore(path));
}

/** recoveryProblem is null when the database opened normally. */
export async function recoveryProblem(): Promise<RecoveryProblem | null> {
  const p = await call(() => R.Problem());
  if (!p || !p.message) return null;
  const log = p.log
    ? {
        commits: Number(p.log.commits) || 0,
        lostCommits: Number(p.log.lostCommits) || 0,
        incidents: Number(p.log.incidents) || 0,
        entries: Number(p.log.entries) || 0,
        problem: p.log.problem ?? '',
      }
    : null;
  return {
    message: p.message,
    status: p.status ?? '',
    path: p.path ?? '',
    backupDir: p.backupDir ?? '',
    backups: (p.backups ?? []).map(toBackup),
    log,
    canRecover: p.canRecover === true,
    // A problem that names no offers gets what the screen always offered.
    canRestore: p.canRestore ?? true,
    canMoveAside: p.canMoveAside ?? true,
    canStartEmpty: p.canStartEmpty === true,
    canRetry: p.canRetry === true,
  };
}

/** startNotice is what the run that started this one did as it closed (a restore), or "". */
export async function startNotice(): Promise<string> {
  return (await call(() => R.Notice())) ?? '';
}

/** Recovery actions: each starts Bridgelog again when it succeeds. */
export async function recoverRestore(path: string): Promise<void> {
  await call(() => R.Restore(path));
}

export async function recoverRestoreLatest(): Promise<void> {
  await call(() => R.RestoreLatest());
}

/** recoverFromLog rebuilds the database from its log's intact part and returns where the damaged files went. */
export async function recoverFromLog(): Promise<string> {
  return call(() => R.RecoverFromLog());
}

/** startEmpty starts on the database as it is, leaving the backups alone. */
export async function startEmpty(): Promise<void> {
  await call(() => R.StartEmpty());
}

/** checkAgain starts Bridgelog again, which checks the database afresh. */
export async function checkAgain(): Promise<void> {
  await call(() => R.CheckAgain());
}

/** moveAside renames the damaged file (nothing is deleted) and returns its new name. */
export async function moveAside(): Promise<string> {
  return call(() => R.MoveAside());
}

export async function quitRecovery(): Promise<void> {
  await call(() => R.Quit());
}
