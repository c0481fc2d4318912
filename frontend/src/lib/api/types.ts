// The UI's view of Bridgelog's domain, with times as Date (null when unset).
// Shapes follow backend/*.go; the api wrappers convert from the generated models.

export type Kind =
  | 'note' | 'decision' | 'action' | 'mitigation' | 'hypothesis' | 'impact'
  | 'followup' | 'severity' | 'role' | 'phase' | 'status' | 'evidence';

export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
export type Phase = 'investigating' | 'identified' | 'mitigating' | 'monitoring' | 'resolved';
export type Role = 'ic' | 'scribe' | 'comms' | 'tech';

/** The details of a line that the grammar can extract; shared by previews and entries. */
export interface LineDetails {
  kind: Kind;
  text: string;
  raw: string;
  key: boolean;
  internal: boolean;
  owner?: string;
  checkIn?: number;
  severity?: string;
  role?: string;
  person?: string;
  phase?: string;
}

/** A line as the grammar reads it while it is being typed. */
export interface ParsedLine extends LineDetails {
  /** The time override token ("-3m", "@14:05"), or "" when none. */
  time: string;
  /** Why the line cannot be saved as typed, or "". */
  problem: string;
}

export interface LinePreview {
  line: ParsedLine;
  occurredAt: Date | null;
}

export interface Entry extends LineDetails {
  id: number;
  incidentId: number;
  occurredAt: Date;
  recordedAt: Date;
  author: string;
  authorRole: string;
  revisions: number;
  deletedAt: Date | null;
  /** Shown before Go has confirmed the save; never stored. */
  pending?: boolean;
}

export interface Incident {
  id: number;
  title: string;
  declaredAt: Date;
  detectedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  severity: string;
  phase: string;
  impact: string;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  entryCount: number;
}

export interface HeaderUpdate {
  title: string;
  severity: string;
  phase: string;
  impact: string;
  /** RFC 3339, or "" to leave unchanged. */
  detectedAt: string;
}

export interface RoleAssignment {
  role: string;
  person: string;
  from: Date;
  to: Date | null;
  entryId: number;
}

export interface Dashboard {
  incident: Incident | null;
  roles: RoleAssignment[];
  history: RoleAssignment[];
  keyMoments: Entry[];
  decisions: Entry[];
  mitigations: Entry[];
}

export interface Draft {
  incidentId: number;
  text: string;
  /** RFC 3339 as Go sent it (passed back unchanged), or null when unset. */
  startedAt: string | null;
  /** The entry being edited, or null for a new line. */
  editingId: number | null;
}

export interface Revision {
  entryId: number;
  raw: string;
  text: string;
  kind: Kind;
  occurredAt: Date;
  revisedAt: Date;
}

export interface SearchHit {
  entry: Entry;
  incidentTitle: string;
  /** Text with matches between \x02 and \x03 (see snippet.ts). */
  snippet: string;
}

export interface GrammarPrefix {
  prefix: string;
  kind: Kind;
  example: string;
  meaning: string;
}

export interface Settings {
  scribeName: string;
  showUTC: boolean;
  lastIncidentId: number;
}
