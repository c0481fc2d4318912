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

/** checkInAction sets a new report-back time, minutes from now (0 clears it). */
export async function checkInAction(id: number, minutes: number): Promise<Action> {
  return toAction(await call(() => B.CheckIn(id, minutes)));
}
