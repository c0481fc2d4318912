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

/** What the recovery screen shows; mirrors app.RecoveryProblem. */
export interface RecoveryProblem {
  message: string;
  status: string;
  path: string;
  backupDir: string;
  backups: Backup[];
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
  return {
    message: p.message,
    status: p.status ?? '',
    path: p.path ?? '',
    backupDir: p.backupDir ?? '',
    backups: (p.backups ?? []).map(toBackup),
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

/** moveAside renames the damaged file (nothing is deleted) and returns its new name. */
export async function moveAside(): Promise<string> {
  return call(() => R.MoveAside());
}

export async function quitRecovery(): Promise<void> {
  await call(() => R.Quit());
}
