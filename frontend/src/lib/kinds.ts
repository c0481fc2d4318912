// How kinds, roles and severities are named in the UI. The grammar itself lives
// in Go (backend/grammar.go); this only labels what it produced.
import type { Kind, LineDetails } from './api/types';
import { minutes } from './time';

export const kinds: readonly Kind[] = [
  'note', 'decision', 'action', 'mitigation', 'hypothesis', 'impact',
  'followup', 'factor', 'severity', 'role', 'phase', 'status', 'evidence',
];

const names: Record<Kind, string> = {
  note: 'Note', decision: 'Decision', action: 'Action', mitigation: 'Mitigation', hypothesis: 'Hypothesis',
  impact: 'Impact', followup: 'Follow-up', factor: 'Contributing factor', severity: 'Severity', role: 'Role', phase: 'Phase',
  status: 'Status', evidence: 'Evidence',
};

export const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const phases = ['investigating', 'identified', 'mitigating', 'monitoring', 'resolved'] as const;

const roleNames: Record<string, string> = {
  ic: 'Incident Commander', scribe: 'Scribe', comms: 'Communications Lead', tech: 'Technical Lead',
};
const roleShort: Record<string, string> = { ic: 'IC', scribe: 'Scribe', comms: 'Comms lead', tech: 'Tech lead' };

/** kindName is a kind's plain name: "Follow-up". */
export function kindName(k: string): string {
  return names[k as Kind] ?? 'Note';
}

// Badges sit in a narrow column: a long name gets a short form there.
const shortNames: Partial<Record<Kind, string>> = { factor: 'Factor' };

/** kindShort is a kind's name for a badge: "Factor" for a contributing factor. */
export function kindShort(k: string): string {
  return shortNames[k as Kind] ?? kindName(k);
}

/** roleName is a role's full name, as backend.RoleLabel gives it. */
export function roleName(r: string): string {
  return roleNames[r] ?? r;
}

/**
 * kindLabel names a line or entry with its details: "Decision", "Action @sam · 10m",
 * "Severity SEV1", "Role IC", "Phase monitoring". The chip and each entry's
 * accessible name use it, so what the scribe saw while typing is what is announced.
 */
export function kindLabel(l: Pick<LineDetails, 'kind' | 'owner' | 'checkIn' | 'severity' | 'role' | 'phase'> & { notRole?: boolean; header?: string }): string {
  const name = kindName(l.kind);
  // "declared:" / "detected:" set the incident's time to the line's.
  if (l.header === 'declared') return 'Declared at';
  if (l.header === 'detected') return 'Detected at';
  // A role prefix followed by a sentence, not a name, is saved as a note: the
  // chip says so before Enter, so nobody expects the role to change.
  if (l.notRole && l.kind === 'note') return `${name} · not a role change`;
  switch (l.kind) {
    case 'action': {
      const parts = [l.owner ? `${name} @${l.owner}` : name];
      if (l.checkIn) parts.push(minutes(l.checkIn));
      return parts.join(' · ');
    }
    case 'severity':
      return l.severity ? `${name} ${l.severity}` : name;
    case 'role':
      return l.role ? `${name} ${roleShort[l.role] ?? l.role}` : name;
    case 'phase':
      return l.phase ? `${name} ${l.phase}` : name;
  }
  return name;
}

/** severityClass picks the badge colour: SEV1 is the loudest. */
export function severityClass(s: string): string {
  return /^SEV[1-4]$/.test(s) ? s.toLowerCase() : 'sev-unknown';
}
