// Typed wrappers over the Actions binding: delegated actions and their
// acknowledgement. Each call also writes an action entry to the timeline.
import * as B from '../../../wailsjs/go/app/Actions';
import { call } from './errors';
import { toAction } from './clocks';
import type { Action } from './types';

export async function listActions(incidentId: number): Promise<Action[]> {
  return ((await call(() => B.List(incidentId))) ?? []).map(toAction);
}

/** createAction delegates an action; owner without "@", checkInMinutes 0 = none. */
export async function createAction(incidentId: number, owner: string, text: string, checkInMinutes: number): Promise<Action> {
  return toAction(await call(() => B.Create(incidentId, owner.replace(/^@/, '').trim(), text, checkInMinutes)));
}

export async function ackAction(id: number): Promise<Action> {
  return toAction(await call(() => B.Ack(id)));
}

export async function doneAction(id: number): Promise<Action> {
  return toAction(await call(() => B.Done(id)));
}

export async function abandonAction(id: number): Promise<Action> {
  return toAction(await call(() => B.Abandon(id)));
}

/** reportedBack records the owner's report-back; Go promises the next at the interval asked. */
export async function reportedBack(id: number): Promise<Action> {
  return toAction(await call(() => B.ReportedBack(id)));
}

/** reopenAction puts a done or abandoned action back where it stood. */
export async function reopenAction(id: number): Promise<Action> {
  return toAction(await call(() => B.Reopen(id)));
}

/** checkInAction sets a new report-back time, minutes from now (0 clears it). */
export async function checkInAction(id: number, minutes: number): Promise<Action> {
  return toAction(await call(() => B.CheckIn(id, minutes)));
}
