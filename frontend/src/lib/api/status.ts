// Typed wrappers over the Status and Handoff bindings: the stakeholder update
// composer (Ctrl+U) and the incident command handoff (Ctrl+H).
import * as S from '../../../wailsjs/go/app/Status';
import * as H from '../../../wailsjs/go/app/Handoff';
import { call } from './errors';
import { parseTime } from './convert';
import { toEntry } from './timeline';
import type { Audience, Entry, HandoffBrief, StatusDraft } from './types';

/** statusDraft is Go's prefilled update for an audience (external: no people's names). */
export async function statusDraft(incidentId: number, audience: Audience): Promise<StatusDraft> {
  const d = await call(() => S.Draft(incidentId, audience));
  return {
    audience: d?.audience === 'external' ? 'external' : d?.audience === 'internal' ? 'internal' : audience,
    text: d?.text ?? '',
    nextMinutes: d?.nextMinutes ?? 0,
    nextUpdateAt: parseTime(d?.nextUpdateAt),
  };
}

/** recordStatus adds the status entry and resets the cycle: next due in nextMinutes (0 = default). */
export async function recordStatus(incidentId: number, text: string, audience: Audience, nextMinutes: number): Promise<Entry> {
  return toEntry(await call(() => S.Record(incidentId, text, audience, nextMinutes)));
}

/** handoffBrief generates the brief for a role ("" = the IC). */
export async function handoffBrief(incidentId: number, role: string): Promise<HandoffBrief> {
  const b = await call(() => H.Brief(incidentId, role));
  return { role: b?.role || role || 'ic', outgoing: b?.outgoing ?? '', since: parseTime(b?.since), text: b?.text ?? '' };
}

/** completeHandoff records the brief and the role change; call once the incoming person confirmed. */
export async function completeHandoff(incidentId: number, role: string, incoming: string, brief: string): Promise<Entry> {
  return toEntry(await call(() => H.Complete(incidentId, role, incoming.trim(), brief)));
}
