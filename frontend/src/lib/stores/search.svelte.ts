// Full-text search over entries. Answers can overtake each other while the
// scribe types; only the latest query's answer is kept.
import { search } from '../api/timeline';
import { toApiError } from '../api/errors';
import type { SearchHit } from '../api/types';

class SearchStore {
  hits = $state.raw<SearchHit[]>([]);
  error = $state('');
  private seq = 0;

  /** run searches one incident, or all of them when incidentId is 0. */
  async run(query: string, incidentId: number): Promise<void> {
    const mine = ++this.seq;
    if (query.trim() === '') {
      this.hits = [];
      this.error = '';
      return;
    }
    try {
      const found = await search(query, incidentId);
      if (mine !== this.seq) return;
      this.hits = found;
      this.error = '';
    } catch (err) {
      if (mine === this.seq) this.error = toApiError(err).message;
    }
  }

  reset(): void {
    this.seq++;
    this.hits = [];
    this.error = '';
  }
}

export const searchStore = new SearchStore();
