// The IC dashboard. Its incident is the freshest copy of the header, derived by
// Go from the timeline, so a refresh also updates the top bar.
import { dashboard as fetchDashboard } from '../api/incidents';
import type { Dashboard } from '../api/types';
import { incident } from './incident.svelte';

const refreshDelayMs = 250;

class DashboardStore {
  data = $state.raw<Dashboard | null>(null);
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  set(d: Dashboard | null): void {
    clearTimeout(this.timer);
    this.seq++;
    this.data = d;
  }

  /**
   * refreshSoon reloads after a short pause. Go rebuilds the dashboard from every
   * entry, so a burst of lines asks once, and never ahead of the next Add.
   */
  refreshSoon(incidentId: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(incidentId).catch(() => {}), refreshDelayMs);
  }

  /** refresh reloads the dashboard; when calls overlap the latest one wins. */
  async refresh(incidentId: number): Promise<void> {
    const seq = ++this.seq;
    const d = await fetchDashboard(incidentId);
    if (seq !== this.seq || incident.current?.id !== incidentId) return;
    this.data = d;
    if (d.incident) incident.set(d.incident);
  }
}

export const dashboard = new DashboardStore();
