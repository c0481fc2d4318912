// The open incident and the list of all incidents.
import { listIncidents } from '../api/incidents';
import type { Incident } from '../api/types';

class IncidentStore {
  current = $state.raw<Incident | null>(null);
  all = $state.raw<Incident[]>([]);

  async refreshList(): Promise<void> {
    this.all = await listIncidents();
  }

  /** set replaces the open incident (and its row in the list) with a fresher copy. */
  set(inc: Incident): void {
    this.current = inc;
    this.all = this.all.some((i) => i.id === inc.id) ? this.all.map((i) => (i.id === inc.id ? inc : i)) : [inc, ...this.all];
  }
}

export const incident = new IncidentStore();
