// The IC's clocks for the open incident (Clocks.Board): countdowns, roles'
// fatigue, actions, watch, security. `now` is the app clock extrapolated from
// the board's own `now` at the board's time scale, so countdowns move every
// second between fetches and follow a fast test clock.
import * as api from '../api/clocks';
import * as actionsApi from '../api/actions';
import * as watchApi from '../api/watch';
import * as securityApi from '../api/security';
import type { Action, Board } from '../api/types';
import { appNow } from '../clocks';
import { clock } from './clock.svelte';
import { incident } from './incident.svelte';
import { ui } from './ui.svelte';
import { toApiError } from '../api/errors';

const refreshDelayMs = 250;

class ClocksStore {
  board = $state.raw<Board | null>(null);
  /** The machine's time (ms) when the board was built by Go (the midpoint of the fetch). */
  fetchedAt = $state(0);
  /** The app clock now, in ms; re-derived every tick. */
  now = $derived(this.board ? appNow(this.board.now, this.board.timeScale, this.fetchedAt, clock.local) : clock.now);
  /** Open actions (asked or acknowledged), oldest first as Go sends them. */
  openActions = $derived((this.board?.actions ?? []).filter((a) => a.state === 'asked' || a.state === 'acknowledged'));

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  clear(): void {
    clearTimeout(this.timer);
    this.seq++;
    this.board = null;
  }

  /** refresh fetches the board; when calls overlap the latest one wins. */
  async refresh(incidentId: number): Promise<void> {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    const t0 = Date.now();
    const b = await api.board(incidentId);
    if (seq !== this.seq || incident.current?.id !== incidentId) return;
    this.fetchedAt = (t0 + Date.now()) / 2;
    this.board = b;
  }

  /** refreshSoon refetches after a short pause, so a burst of changes asks once. */
  refreshSoon(incidentId: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(incidentId).catch(() => {}), refreshDelayMs);
  }

  private async then<T>(p: Promise<T>): Promise<T> {
    const out = await p;
    const id = incident.current?.id;
    if (id) await this.refresh(id).catch(() => {});
    return out;
  }

  ackAction(a: Action): Promise<Action> { return this.then(actionsApi.ackAction(a.id)); }
  doneAction(a: Action): Promise<Action> { return this.then(actionsApi.doneAction(a.id)); }
  abandonAction(a: Action): Promise<Action> { return this.then(actionsApi.abandonAction(a.id)); }
  reopenAction(a: Action): Promise<Action> { return this.then(actionsApi.reopenAction(a.id)); }

  /** reopenClosed reopens the action the undo toast offers. */
  async reopenClosed(): Promise<void> {
    const r = ui.reopen;
    if (!r) return;
    ui.clearReopen();
    try {
      await this.reopenAction(r.action);
    } catch (err) {
      ui.toast(toApiError(err).message);
    }
  }

  tickWatch(index: number, done: boolean): Promise<unknown> {
    return this.then(watchApi.tickWatch(this.incidentId(), index, done));
  }

  extendWatch(minutes: number): Promise<unknown> {
    return this.then(watchApi.extendWatch(this.incidentId(), minutes));
  }

  async resolve(): Promise<void> {
    incident.set(await this.then(watchApi.resolveWatch(this.incidentId())));
  }

  async reopen(): Promise<void> {
    incident.set(await this.then(watchApi.reopenWatch(this.incidentId())));
  }

  tickSecurity(key: string, done: boolean): Promise<unknown> {
    return this.then(securityApi.tickSecurity(this.incidentId(), key, done));
  }

  /**
   * saveSecurity sets the flag (and, the first time, the aware time: "" = now).
   * With an unlock reason a locked aware time is changed first, recorded with the reason.
   */
  async saveSecurity(on: boolean, awareIso: string, unlockReason: string | null, setFlag: boolean): Promise<void> {
    const id = this.incidentId();
    if (unlockReason !== null && awareIso) await securityApi.unlockSecurity(id, awareIso, unlockReason);
    if (setFlag) await securityApi.setSecurity(id, on, unlockReason !== null ? '' : awareIso);
    await this.refresh(id).catch(() => {});
  }

  private incidentId(): number {
    const id = incident.current?.id;
    if (!id) throw new Error('No incident is open.');
    return id;
  }
}

export const clocks = new ClocksStore();
