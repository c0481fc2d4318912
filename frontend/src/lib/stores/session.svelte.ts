// Orchestration across stores: starting the app, opening, creating and editing
// incidents, jumping to a search hit. The other stores never call this one.
import * as incidentsApi from '../api/incidents';
import type { HeaderTimes } from '../api/incidents';
import * as timelineApi from '../api/timeline';
import * as statusApi from '../api/status';
import { copyText } from '../api/clipboard';
import type { Audience, Entry, HandoffBrief, HeaderUpdate, Incident, Reminder, SearchHit, StatusDraft } from '../api/types';
import { reminderTarget } from '../clocks';
import { reminderButtons } from '../reminderButtons';
import * as actionsApi from '../api/actions';
import { clock } from './clock.svelte';
import { clocks } from './clocks.svelte';
import { dashboard } from './dashboard.svelte';
import { paging } from './paging.svelte';
import { reminders } from './reminders.svelte';
import { entries } from './entries.svelte';
import { incident } from './incident.svelte';
import { line } from './line.svelte';
import { settings } from './settings.svelte';
import { ui } from './ui.svelte';
import { ApiError, toApiError } from '../api/errors';
import { timelineWindow } from '../generated/limits';

class Session {
  /** The first load finished (successfully or not). */
  ready = $state(false);
  private openSeq = 0;
  private changedTimer: ReturnType<typeof setTimeout> | undefined;
  private changedIds = new Set<number>();

  /** start loads settings and reopens the last incident; with none, it asks for a new one. */
  async start(): Promise<void> {
    void clock.sync();
    void clock.loadScale();
    reminders.load().catch(() => {});
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
    const [window, dash, draft] = await Promise.all([
      timelineApi.entryWindow(id, '', timelineApi.windowEnd, timelineWindow),
      incidentsApi.dashboard(id),
      timelineApi.draft(id).catch(() => null),
    ]);
    if (seq !== this.openSeq) return; // a later switch won
    incident.set(inc);
    entries.show(window);
    dashboard.set(dash);
    clocks.clear();
    paging.clear();
    clocks.refresh(id).catch((err) => ui.toast(toApiError(err).message));
    paging.refresh(id).catch(() => {});
    if (dash.incident) incident.set(dash.incident);
    ui.filterKind = '';
    ui.clearUndo();
    line.open(id, draft);
  }

  /**
   * create starts an incident. The line is detached first, so that what the
   * scribe types straight after Enter waits for the new incident and is saved
   * in it (line.open). created is called the moment the incident is set, in
   * the same task as Go's answer, before it loads: the dialog closes then,
   * and the entry line takes the keys. If it cannot be created, the lines
   * typed come back onto the line and the incident that was open is opened
   * again; the error is thrown for the dialog to show. Once created, a
   * failure to open it is only told: it is in the list (Ctrl+K).
   */
  async create(title: string, severity: string, created?: (inc: Incident) => void, times: HeaderTimes = {}): Promise<Incident> {
    const previous = incident.current?.id ?? 0;
    line.detach();
    let inc: Incident;
    try {
      inc = await incidentsApi.createIncident(title, severity, times);
    } catch (err) {
      line.takeBack();
      if (previous) await this.open(previous).catch(() => {});
      throw err;
    }
    incident.set(inc);
    created?.(inc);
    try {
      await this.open(inc.id);
    } catch (err) {
      ui.toast(`The incident was started but could not be opened: ${toApiError(err).message}`);
    }
    return inc;
  }

  /**
   * update saves the header. Severity, phase and impact changes become entries,
   * so the timeline is reloaded with the dashboard.
   */
  async update(h: HeaderUpdate & HeaderTimes): Promise<void> {
    const cur = incident.current;
    if (!cur) return;
    incident.set(await incidentsApi.updateIncident(cur.id, h));
    if (incident.current?.id === cur.id) await entries.reload();
    await dashboard.refresh(cur.id);
    clocks.refreshSoon(cur.id);
  }

  /**
   * changed follows clocks:changed: the board, paging, dashboard and reminders
   * are refetched after a short pause (a burst of changes asks once). Entries
   * written by Go on the UI's behalf (an acknowledgement, a handoff note) are
   * picked up when the incident's entry count no longer matches the timeline.
   */
  changed(incidentId: number): void {
    this.changedIds.add(incidentId);
    clearTimeout(this.changedTimer);
    this.changedTimer = setTimeout(() => {
      const ids = this.changedIds;
      this.changedIds = new Set();
      reminders.load().catch(() => {});
      const cur = incident.current?.id;
      if (cur && (ids.has(cur) || ids.has(0))) void this.refreshAll(cur);
    }, 250);
  }

  /** refreshAll refetches everything the open incident shows except unchanged entries. */
  async refreshAll(id: number): Promise<void> {
    const declared = incident.current?.id === id ? incident.current.declaredAt.getTime() : null;
    await Promise.all([
      clocks.refresh(id).catch(() => {}),
      paging.refresh(id).catch(() => {}),
      dashboard.refresh(id).catch(() => {}),
    ]);
    // A declaration moved (a "declared:" line, or the header edited
    // elsewhere) moves its entry without changing the count: reload.
    const now = incident.current?.id === id ? incident.current.declaredAt.getTime() : null;
    if (declared !== null && now !== null && now !== declared && !line.busy && !entries.hasPending) {
      await this.reloadEntries(id).catch(() => {});
      return;
    }
    await this.reconcileEntries(id);
  }

  private async reconcileEntries(id: number): Promise<void> {
    const inc = incident.current;
    if (!inc || inc.id !== id || line.busy) return;
    // While a line is being saved Go's count may already hold it and the
    // timeline not yet: reloading then would re-read every entry for nothing.
    // That save's own change event comes back here once it has landed.
    if (entries.hasPending) return;
    // Fewer than shown is a count read before the latest save: the refresh
    // that save asks for brings the right one.
    if (inc.entryCount <= entries.all) return;
    if (entries.incidentId === id) await entries.reload().catch(() => {});
  }

  /** reloadEntries reloads the timeline after Go wrote entries on the UI's behalf. */
  async reloadEntries(id: number): Promise<void> {
    if (incident.current?.id === id && entries.incidentId === id) await entries.reload();
    dashboard.refreshSoon(id);
    clocks.refreshSoon(id);
  }

  // ---------------------------------------------------------------- status updates and handoff

  statusDraft(audience: Audience): Promise<StatusDraft> {
    return statusApi.statusDraft(this.currentId(), audience);
  }

  /** recordStatus adds the update to the timeline and restarts the cycle. */
  async recordStatus(text: string, audience: Audience, nextMinutes: number): Promise<Entry> {
    const id = this.currentId();
    const e = await statusApi.recordStatus(id, text, audience, nextMinutes);
    entries.put(e);
    ui.flash(e.id);
    dashboard.refreshSoon(id);
    await clocks.refresh(id).catch(() => {});
    reminders.load().catch(() => {});
    return e;
  }

  handoffBrief(role: string): Promise<HandoffBrief> {
    return statusApi.handoffBrief(this.currentId(), role);
  }

  /** completeHandoff records the brief and the role change, then reloads the timeline (two entries). */
  async completeHandoff(role: string, incoming: string, brief: string): Promise<Entry> {
    const id = this.currentId();
    const e = await statusApi.completeHandoff(id, role, incoming, brief);
    await this.reloadEntries(id).catch(() => {});
    await dashboard.refresh(id).catch(() => {});
    reminders.load().catch(() => {});
    return e;
  }

  copy(text: string): Promise<void> {
    return copyText(text);
  }

  // ---------------------------------------------------------------- reminders

  /**
   * showReminder goes where a reminder's Open leads: the composer for a status
   * update, the handoff for fatigue, else the card it is about (switching
   * incident first when it belongs to another one).
   */
  async showReminder(incidentId: number, kind: string, key: string): Promise<void> {
    const r: Reminder | null = reminders.find(incidentId, key);
    if (incidentId && incident.current?.id !== incidentId) {
      // Leaving a half-typed line is fine: its draft is saved and restored on the way back.
      try {
        await this.open(incidentId);
      } catch (err) {
        ui.toast(toApiError(err).message);
        return;
      }
    }
    const target = reminderTarget(kind || r?.kind || '');
    switch (target) {
      case 'composer':
        return ui.open('status');
      case 'handoff': {
        const person = r?.person;
        const role = clocks.board?.roles.find((x) => x.person === person)?.role ?? 'ic';
        return ui.openHandoff(role);
      }
      default:
        ui.dialog = null; // the card takes the focus, not the line
        ui.focusCard(target, r?.actionId);
    }
  }

  /**
   * actOnReminder does a reminder's own step, as its first button says
   * (reminderButtons): record the check-in, mark the action acknowledged,
   * record the owner's report-back, compose the update, start the handoff,
   * put "a: @" on the line, or show its card. What it records goes on the
   * timeline, written by Go.
   */
  async actOnReminder(r: Reminder): Promise<void> {
    const does = reminderButtons(r).primary.does;
    const refresh = () => {
      clocks.refreshSoon(r.incidentId);
      dashboard.refreshSoon(r.incidentId);
      if (incident.current?.id === r.incidentId) void this.reloadEntries(r.incidentId).catch(() => {});
    };
    switch (does) {
      case 'checkin':
        await reminders.ack(r);
        return refresh();
      case 'ackAction':
        if (!r.actionId) return reminders.ack(r);
        await reminders.settle(r, () => actionsApi.ackAction(r.actionId!));
        return refresh();
      case 'reportBack': {
        if (!r.actionId) return reminders.ack(r);
        await reminders.settle(r, () => actionsApi.reportedBack(r.actionId!));
        return refresh();
      }
      case 'delegate':
        if (incident.current?.id !== r.incidentId) await this.open(r.incidentId);
        if (line.text.trim() === '') {
          line.input('a: @');
          ui.caretAt(4);
        } else ui.focusLine();
        return;
      default:
        return this.showReminder(r.incidentId, r.kind, r.key);
    }
  }

  private currentId(): number {
    const id = incident.current?.id;
    if (!id) throw new ApiError('No incident is open.', 'invalid');
    return id;
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

  /** jump shows a search hit's entry, switching incident first if needed; with edit, it is opened on the line. */
  async jump(hit: SearchHit, edit = false): Promise<void> {
    if (incident.current?.id !== hit.entry.incidentId) await this.open(hit.entry.incidentId);
    ui.revealEntry(hit.entry.id);
    if (edit) line.edit(hit.entry);
  }
}

export const session = new Session();
