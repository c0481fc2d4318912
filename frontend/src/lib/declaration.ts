// An incident whose timeline starts before it was declared: the scribe wrote
// up what happened before opening Bridgelog (the pager, yesterday's call).
// The app says so once and offers to move the declaration, or the detection,
// to the first entry. Pure, so the rule is tested without a window.

import type { Entry, Incident } from './api/types';

/** What the notice is about: the incident's earliest entry, before its declaration. */
export interface EarlyStart {
  incidentId: number;
  at: Date;
  /** How long before the declaration the first entry is, in milliseconds. */
  beforeMs: number;
  /** The detection may move to the first entry: it is unknown or later. */
  canDetect: boolean;
  /** Names this finding, so it is said once, not again after every change. */
  key: string;
}

/**
 * earlyStart returns the first entry's time when it is before the
 * declaration by a second or more, else null. entries are in timeline order;
 * deleted ones do not count.
 */
export function earlyStart(inc: Incident | null, entries: readonly Entry[]): EarlyStart | null {
  if (!inc) return null;
  const first = entries.find((e) => e.incidentId === inc.id && !e.deletedAt);
  return earlyStartAt(inc, first?.occurredAt ?? null);
}

/** earlyStartAt is earlyStart given the time of the incident's first visible entry (the timeline holds only part of a long one). */
export function earlyStartAt(inc: Incident | null, firstAt: Date | null): EarlyStart | null {
  if (!inc || !firstAt) return null;
  const beforeMs = inc.declaredAt.getTime() - firstAt.getTime();
  if (beforeMs < 1000) return null;
  const at = firstAt;
  return {
    incidentId: inc.id, at, beforeMs,
    canDetect: !inc.detectedAt || inc.detectedAt.getTime() > at.getTime(),
    key: `${inc.id}:${at.getTime()}`,
  };
}

/**
 * exactToken writes an instant as a time the entry line's parser reads back
 * exactly to the second: "@2018-03-03 09:12:05Z". Go rounds nothing further.
 */
export function exactToken(d: Date): string {
  return '@' + d.toISOString().slice(0, 19).replace('T', ' ') + 'Z';
}
