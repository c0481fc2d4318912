// What the recovery screen says and offers, from the problem the Go side
// found. Pure, so the words people read and the names tests find buttons by
// are pinned by unit tests; the component only lays them out.
import type { LogRecovery, RecoveryProblem } from './api/backups';

export type RecoveryAction = 'recover' | 'latest' | 'empty' | 'move' | 'retry';

/** One thing the screen offers. */
export interface RecoveryChoice {
  action: RecoveryAction;
  /** The button's text. */
  button: string;
  /** What choosing it does, in plain words. */
  explain: string;
  /** The question asked before doing it, and the button that does it; none for a harmless action. */
  confirm?: { label: string; question: string; yes: string };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const changes = (n: number) => count(n, 'saved change', 'saved changes');
const incidents = (n: number) => count(n, 'incident', 'incidents');
const entries = (n: number) => count(n, 'timeline entry', 'timeline entries');

/** recoveryTitle is the screen's heading for a problem's status. */
export function recoveryTitle(status: string): string {
  switch (status) {
    case 'missing':
    case 'empty':
    case 'replaced':
      return 'The database looks new, but its backups hold incidents';
    case 'unusable':
      return 'Bridgelog cannot keep its database there';
    case 'wal-damaged':
    case 'wal-only':
      return 'The database’s write-ahead log needs recovering';
  }
  return 'Bridgelog cannot open its database';
}

/** logSummary says what the intact part of a damaged log gets back. */
export function logSummary(log: LogRecovery): string {
  if (log.problem) return `Recovering from the log is not possible: ${log.problem}`;
  const total = `${incidents(log.incidents)} and ${entries(log.entries)}`;
  let s =
    log.commits === 0
      ? `The log’s intact part holds no saved change, so recovering keeps what the database file itself holds: ${total}.`
      : `The log’s intact part holds ${changes(log.commits)}; with the database file that makes ${total}.`;
  if (log.lostCommits > 0) {
    s += ` At least ${changes(log.lostCommits)} after the damage cannot be read back safely; the damaged log is kept, unchanged, with them.`;
  }
  return s;
}

/**
 * recoveryChoices lists what the screen offers for problem, the first being
 * the one the keyboard starts on. latestLabel names the newest backup that
 * can be restored, or is null when there is none.
 */
export function recoveryChoices(problem: RecoveryProblem, latestLabel: string | null): RecoveryChoice[] {
  const lost = ['missing', 'empty', 'replaced'].includes(problem.status);
  const keptFirst = lost
    ? 'The current file, if there is one, is kept as a backup first.'
    : 'The damaged file is kept aside as a backup first.';
  const list: RecoveryChoice[] = [];
  if (problem.canRecover && problem.log) {
    list.push({
      action: 'recover',
      button: 'Recover what the log holds…',
      explain:
        'Rebuilds the database from the file and the intact part of its write-ahead log. ' +
        'The damaged file, log and index are moved aside unchanged, and copied to the backup folder first. Nothing is deleted.',
      confirm: {
        label: 'Confirm recovering from the log',
        question: `Rebuild the database with ${changes(problem.log.commits)} from the log (${incidents(problem.log.incidents)}, ${entries(problem.log.entries)})? ` +
          `The damaged files are moved aside to ${problem.path}.damaged-… and copied to the backup folder first. Bridgelog restarts.`,
        yes: 'Recover and restart',
      },
    });
  }
  if (problem.canRestore && latestLabel !== null) {
    list.push({
      action: 'latest',
      button: `Restore the latest good backup (${latestLabel})…`,
      explain: `Replaces the database with the backup from ${latestLabel}; notes saved after it are not in it. ${keptFirst}`,
      confirm: {
        label: 'Confirm restore',
        question: `Restore the backup from ${latestLabel}? ${keptFirst} Bridgelog restarts.`,
        yes: 'Restore and restart',
      },
    });
  }
  if (problem.canStartEmpty) {
    list.push({
      action: 'empty',
      button: 'Start with an empty database…',
      explain: `Starts Bridgelog as new, on purpose. The backups stay in ${problem.backupDir}: restore one from Settings (Ctrl+,) at any time.`,
      confirm: {
        label: 'Confirm starting empty',
        question: 'Start with an empty database? The backups stay where they are, and Bridgelog does not ask again until a newer backup is made. Bridgelog restarts.',
        yes: 'Start empty and restart',
      },
    });
  }
  if (problem.canMoveAside) {
    list.push({
      action: 'move',
      button: 'Move the file aside and start fresh…',
      explain: `Renames the file, with its -wal and -shm files, to ${problem.path}.damaged-… beside it and starts on a new, empty database. Nothing is deleted.`,
      confirm: {
        label: 'Confirm moving the file aside',
        question: `Move the damaged file aside and start with an empty database? Nothing is deleted: the file is renamed to ${problem.path}.damaged-… beside it. Bridgelog restarts.`,
        yes: 'Move aside and restart',
      },
    });
  }
  if (problem.canRetry) {
    list.push({
      action: 'retry',
      button: 'Check again',
      explain: 'Once the problem is fixed (permissions, a mount, what is at the path), starts Bridgelog again, which checks the database afresh.',
    });
  }
  return list;
}
