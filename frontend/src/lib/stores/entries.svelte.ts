// The open incident's entries, kept in timeline order (occurredAt, then id).
// The array is replaced, never mutated: $state.raw skips deep proxies, which
// matters with 10,000 entries.
import type { Entry } from '../api/types';
import { insertSorted, sortEntries } from '../order';

class EntriesStore {
  incidentId = $state(0);
  items = $state.raw<Entry[]>([]);

  set(incidentId: number, list: Entry[]): void {
    this.incidentId = incidentId;
    this.items = sortEntries(list);
  }

  /** put inserts or replaces an entry in its place; entries of other incidents are ignored. */
  put(e: Entry): void {
    if (e.incidentId !== this.incidentId) return;
    this.items = insertSorted(this.items, e);
  }

  remove(id: number): void {
    this.items = this.items.filter((e) => e.id !== id);
  }

  byId(id: number | null): Entry | null {
    if (id === null) return null;
    return this.items.find((e) => e.id === id) ?? null;
  }

  /** neighbour is the entry before (-1) or after (+1) the given one in timeline order. */
  neighbour(id: number, step: -1 | 1): Entry | null {
    const i = this.items.findIndex((e) => e.id === id);
    if (i < 0) return null;
    // Rows still being saved (negative ids) cannot be edited yet: step over them.
    for (let j = i + step; j >= 0 && j < this.items.length; j += step) {
      if (this.items[j].id > 0) return this.items[j];
    }
    return null;
  }
}

export const entries = new EntriesStore();
