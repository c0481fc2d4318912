// Typed wrappers over the Watch binding: the post-mitigation monitoring watch.
import * as B from '../../../wailsjs/go/app/Watch';
import { call } from './errors';
import { toWatch } from './clocks';
import { toIncident } from './incidents';
import type { Incident, WatchClock } from './types';

/** startWatch moves to monitoring if needed; minutes 0 and criteria [] take the defaults. */
export async function startWatch(incidentId: number, minutes: number, criteria: string[]): Promise<WatchClock> {
  return toWatch(await call(() => B.Start(incidentId, minutes, criteria)));
}

export async function tickWatch(incidentId: number, index: number, done: boolean): Promise<WatchClock> {
  return toWatch(await call(() => B.Tick(incidentId, index, done)));
}

export async function extendWatch(incidentId: number, minutes: number): Promise<WatchClock> {
  return toWatch(await call(() => B.Extend(incidentId, minutes)));
}

export async function resolveWatch(incidentId: number): Promise<Incident> {
  return toIncident(await call(() => B.Resolve(incidentId)));
}

export async function reopenWatch(incidentId: number): Promise<Incident> {
  return toIncident(await call(() => B.Reopen(incidentId)));
}
