// Orchestration across stores: starting the app, opening, creating and editing
// incidents, jumping to a search hit. The other stores never call this one.
import * as incidentsApi from '../api/incidents';
import * as timelineApi from '../api/timeline';
import type { HeaderUpdate, Incident, SearchHit } from '../api/types';
import { clock } from './clock.svelte';
import { dashboard } from './dashboard.svelte';
import { entries } from './entries.svelte';
import { incident } from './incident.svelte';
import { line } from './line.svelte';
import { settings } from './settings.svelte';
import { ui } from './ui.svelte';
import { ApiError, toApiError } from '../api/errors';

class Session {
  /** The first load finished (successfully or not). */
  ready = $state(false);
  private openSeq = 0;

  /** start loads settings and reopens the last incident; with none, it asks for a new one. */
  async start(): Promise<void> {
    void clock.sync();
    try {
      await settings.load();
    } catch (err) {
      ui.toast(toApiError(err).message);
    }
    try {
      await incident.refreshList();
      const list = incident.all;
      if (list.length === 0) {
        ui.open('new');
      } else {
        const last = list.find((i) => i.id === settings.lastIncidentId) ?? list[0];
        await this.open(last.id);
      }
    } catch (err) {
      ui.toast(toApiError(err).message);
      // Without a list nothing can be shown; offering a new incident is still useful.
      if (!incident.current) ui.open('new');
    }
    this.ready = true;
    ui.focusLine();
  }

  /** open switches to an incident: header, entries, dashboard and its draft. */
  async open(id: number): Promise<void> {
    const seq = ++this.openSeq;
    const inc = await incidentsApi.openIncident(id);
    const [list, dash, draft] = await Promise.all([
      timelineApi.listEntries(id),
      incidentsApi.dashboard(id),
      timelineApi.draft(id).catch(() => null),
    ]);
    if (seq !== this.openSeq) return; // a later switch won
    incident.set(inc);
    entries.set(id, list);
    dashboard.set(dash);
    if (dash.incident) incident.set(dash.incident);
    ui.filterKind = '';
    ui.clearUndo();
    line.open(id, draft);
  }

  async create(title: string, severity: string): Promise<Incident> {
    const inc = await incidentsApi.createIncident(title, severity);
    incident.set(inc);
    await this.open(inc.id);
    return inc;
  }

  /**
   * update saves the header. Severity, phase and impact changes become entries,
   * so the timeline is reloaded with the dashboard.
   */
  async update(h: HeaderUpdate): Promise<void> {
    const cur = incident.current;
    if (!cur) return;
    incident.set(await incidentsApi.updateIncident(cur.id, h));
    const list = await timelineApi.listEntries(cur.id);
    if (incident.current?.id === cur.id) entries.set(cur.id, list);
    await dashboard.refresh(cur.id);
  }

  /**
   * resolveTime turns an override token (@14:05, -10m) into an instant the way
   * the entry line would, by asking Go's grammar through Preview.
   */
  async resolveTime(token: string): Promise<Date> {
    const p = await timelineApi.preview(`${token} x`, null);
    if (p.line.problem) throw new ApiError(p.line.problem, 'invalid');
    if (!p.line.time || !p.occurredAt) throw new ApiError(`"${token}" is not a time: use 14:05, 2026-11-21 23:58 or -10m.`, 'invalid');
    return p.occurredAt;
  }

  /** jump shows a search hit's entry, switching incident first if needed. */
  async jump(hit: SearchHit): Promise<void> {
    if (incident.current?.id !== hit.entry.incidentId) await this.open(hit.entry.incidentId);
    ui.revealEntry(hit.entry.id);
  }
}

export const session = new Session();
