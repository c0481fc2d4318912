// The paging tracker of the open incident: who was paged, who joined, who is next.
import * as api from '../api/paging';
import type { Page, Paging } from '../api/types';
import { incident } from './incident.svelte';

class PagingStore {
  data = $state.raw<Paging | null>(null);
  private seq = 0;

  clear(): void {
    this.seq++;
    this.data = null;
  }

  async refresh(incidentId: number): Promise<void> {
    const seq = ++this.seq;
    const p = await api.listPages(incidentId);
    if (seq === this.seq && incident.current?.id === incidentId) this.data = p;
  }

  async page(person: string, level: number): Promise<Page> {
    const id = incident.current?.id;
    if (!id) throw new Error('No incident is open.');
    const p = await api.pagePerson(id, person, level);
    await this.refresh(id).catch(() => {});
    return p;
  }

  async joined(p: Page): Promise<void> {
    await api.pageJoined(p.id);
    await this.refresh(p.incidentId).catch(() => {});
  }

  async noAnswer(p: Page): Promise<void> {
    await api.pageNoAnswer(p.id);
    await this.refresh(p.incidentId).catch(() => {});
  }
}

export const paging = new PagingStore();
