// Typed wrappers over the Security binding: the security flag, the locked
// "became aware" time behind the 72 h GDPR clock, and the legal and marketing checklist.
import * as B from '../../../wailsjs/go/app/Security';
import { call } from './errors';
import { toSecurity } from './clocks';
import type { Security } from './types';

export async function getSecurity(incidentId: number): Promise<Security> {
  return toSecurity(await call(() => B.Get(incidentId)));
}

/**
 * setSecurity turns the flag on or off. becameAwareAt is RFC 3339, or "" for
 * "now" the first time and "keep it" once locked.
 */
export async function setSecurity(incidentId: number, on: boolean, becameAwareAt: string): Promise<Security> {
  return toSecurity(await call(() => B.Set(incidentId, on, becameAwareAt)));
}

/** unlockSecurity changes the locked aware time; the reason is recorded. */
export async function unlockSecurity(incidentId: number, becameAwareAt: string, reason: string): Promise<Security> {
  return toSecurity(await call(() => B.Unlock(incidentId, becameAwareAt, reason)));
}

export async function tickSecurity(incidentId: number, key: string, done: boolean): Promise<Security> {
  return toSecurity(await call(() => B.Tick(incidentId, key, done)));
}
