// Timeline order, the same as the store's ListEntries: occurredAt, then id.
// A backdated entry goes to its place among the others, not to the end.

interface Ordered {
  id: number;
  occurredAt: Date;
}

export function compareEntries(a: Ordered, b: Ordered): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id;
}

/** insertSorted returns a new list with e in its place; an entry with the same id is replaced. */
export function insertSorted<T extends Ordered>(list: readonly T[], e: T): T[] {
  const rest = list.some((x) => x.id === e.id) ? list.filter((x) => x.id !== e.id) : list.slice();
  // Binary search for the first entry that sorts after e; new entries usually land at the end.
  let lo = 0;
  let hi = rest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEntries(rest[mid], e) <= 0) lo = mid + 1;
    else hi = mid;
  }
  rest.splice(lo, 0, e);
  return rest;
}

/** sortEntries returns a sorted copy. */
export function sortEntries<T extends Ordered>(list: readonly T[]): T[] {
  return list.slice().sort(compareEntries);
}

/** lastRecorded is the entry written down most recently: the one "Up" edits, even if backdated. */
export function lastRecorded<T extends Ordered & { recordedAt: Date }>(list: readonly T[]): T | null {
  let best: T | null = null;
  for (const e of list) {
    if (e.id <= 0) continue; // a row still being saved has no id yet and cannot be edited
    if (!best || e.recordedAt.getTime() > best.recordedAt.getTime() || (e.recordedAt.getTime() === best.recordedAt.getTime() && e.id > best.id)) best = e;
  }
  return best;
}
