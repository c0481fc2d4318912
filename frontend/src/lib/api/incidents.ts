// Typed wrappers over the Incidents binding.
import * as B from '../../../wailsjs/go/app/Incidents';
import type { app, backend, timeline } from '../../../wailsjs/go/models';
import { call } from './errors';
import { parseTime, requireTime } from './convert';
import { toEntry } from './timeline';
import type { Dashboard, HeaderUpdate, Incident, RoleAssignment } from './types';

export function toIncident(i: backend.Incident): Incident {
  return {
    id: i.id,
    title: i.title ?? '',
    declaredAt: requireTime(i.declaredAt),
    detectedAt: parseTime(i.detectedAt),
    createdAt: requireTime(i.createdAt),
    updatedAt: requireTime(i.updatedAt),
    severity: i.severity ?? '',
    phase: i.phase ?? '',
    impact: i.impact ?? '',
    mitigatedAt: parseTime(i.mitigatedAt),
    resolvedAt: parseTime(i.resolvedAt),
    entryCount: i.entryCount ?? 0,
  };
}

function toRole(r: backend.RoleAssignment): RoleAssignment {
  return { role: r.role, person: r.person, from: requireTime(r.from), to: parseTime(r.to), entryId: r.entryId };
}

export function toDashboard(d: timeline.Dashboard): Dashboard {
  return {
    incident: d.incident ? toIncident(d.incident) : null,
    roles: (d.roles ?? []).map(toRole),
    history: (d.history ?? []).map(toRole),
    keyMoments: (d.keyMoments ?? []).map(toEntry),
    decisions: (d.decisions ?? []).map(toEntry),
    mitigations: (d.mitigations ?? []).map(toEntry),
  };
}

/**
 * Declared and detected times as the scribe typed them, in the entry line's
 * time forms ("-20m", "14:05", "2026-12-06 14:05", a Z for UTC). Go reads
 * them with the line's own parser; "" or absent means now (declared) or
 * unknown / unchanged (detected).
 */
export interface HeaderTimes {
  declared?: string;
  detected?: string;
}

export async function createIncident(title: string, severity: string, times: HeaderTimes = {}): Promise<Incident> {
  const declared = times.declared?.trim() ?? '';
  const detected = times.detected?.trim() ?? '';
  if (declared === '' && detected === '') return toIncident(await call(() => B.Create(title, severity)));
  const start: app.IncidentStart = { title, severity, declared, detected };
  return toIncident(await call(() => B.Start(start)));
}

/**
 * resolveHeaderTime says what a declared or detected time as typed means
 * (null for a blank field), read on the incident's writing day (0: today).
 */
export async function resolveHeaderTime(incidentId: number, typed: string): Promise<Date | null> {
  return parseTime(await call(() => B.ResolveTime(incidentId, typed)));
}

/** listIncidents returns every incident, the most recently declared first. */
export async function listIncidents(): Promise<Incident[]> {
  return ((await call(() => B.List())) ?? []).map(toIncident);
}

/** openIncident returns the incident and makes it the one reopened at the next start. */
export async function openIncident(id: number): Promise<Incident> {
  return toIncident(await call(() => B.Open(id)));
}

export async function updateIncident(id: number, h: HeaderUpdate & HeaderTimes): Promise<Incident> {
  return toIncident(await call(() => B.Update(id, { declared: '', detected: '', ...h })));
}

export async function dashboard(id: number): Promise<Dashboard> {
  return toDashboard(await call(() => B.Dashboard(id)));
}
