// The UI's view of Bridgelog's domain, with times as Date (null when unset).
// Shapes follow backend/*.go; the api wrappers convert from the generated models.

export type Kind =
  | 'note' | 'decision' | 'action' | 'mitigation' | 'hypothesis' | 'impact'
  | 'followup' | 'factor' | 'severity' | 'role' | 'phase' | 'status' | 'evidence';

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
  /** How the time was read where the clocks changed (the first of two), or "". */
  timeNote: string;
  /** How a line that looks like a prefix is read instead (a role line naming no one is a note), or "". */
  hint: string;
  /** A note that starts with a role prefix but names no person: no role changes. */
  notRole?: boolean;
  /** "declared" or "detected" on a line that sets that time of the incident. */
  header?: string;
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
  /** A mitigation started while this one (an entry id) was still in progress. */
  overrode?: number;
  /** Where an imported entry came from ("zoom", "slack"); absent when typed. */
  source?: string;
  /** An evidence entry's file (a screenshot or a log), served at /attachments/{id}. */
  attachment?: Attachment;
  /** Shown before Go has confirmed the save; never stored. */
  pending?: boolean;
}

/** An evidence entry's stored file; the bytes are fetched separately. */
export interface Attachment {
  id: number;
  entryId: number;
  name: string;
  mime: string;
  size: number;
  /** Pixels, images only (0 otherwise). */
  width: number;
  height: number;
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
  /** Reminders only in the app, no desktop notifications (for screen sharing). */
  quietMode: boolean;
  /** Who is paged, in order: the primary first (the paging card offers the next). */
  escalationPath: string[];
  /** The exit criteria a new monitoring watch starts with. */
  watchCriteria: string[];
}

// ---------------------------------------------------------------- the IC's clocks (issue 3)

/** A countdown's colour at the board's time: off (not running), ok, amber (soon), red (due or late). */
export type CountdownState = 'off' | 'ok' | 'amber' | 'red';

export interface Countdown {
  dueAt: Date | null;
  amberAt: Date | null;
  redAt: Date | null;
  state: CountdownState;
}

export interface StatusClock extends Countdown {
  lastAt: Date | null;
  promisedAt: Date | null;
  /** No update has been sent yet: this is the first one. */
  first: boolean;
}

export interface CheckInClock extends Countdown {
  lastAt: Date | null;
  impact: string;
}

export interface MitigationInProgress {
  entryId: number;
  text: string;
  since: Date;
}

export interface WatchCriterion {
  text: string;
  done: boolean;
  doneAt: Date | null;
  doneBy: string;
}

export interface WatchClock extends Countdown {
  startEntryId: number;
  startedAt: Date | null;
  minutes: number;
  criteria: WatchCriterion[];
  /** The watch is over: resolve, extend or reopen. */
  ended: boolean;
}

export interface ReviewClock extends Countdown {
  resolvedAt: Date | null;
  /** The latest acceptable time (two business days). */
  limitAt: Date | null;
}

export interface RegulatoryClock extends Countdown {
  becameAwareAt: Date | null;
  locked: boolean;
}

export interface ChecklistItem {
  key: string;
  group: string;
  label: string;
  done: boolean;
  doneAt: Date | null;
  doneBy: string;
}

export interface Security {
  on: boolean;
  becameAwareAt: Date | null;
  locked: boolean;
  checklist: ChecklistItem[];
}

export type Fatigue = 'ok' | 'gentle' | 'urgent';

export interface RoleClock {
  role: string;
  roleLabel: string;
  person: string;
  since: Date;
  minutes: number;
  /** Minutes with night time (00:00-06:00 local) counted 1.5x. */
  weightedMinutes: number;
  fatigue: Fatigue;
  gentleAt: Date | null;
  urgentAt: Date | null;
}

export type ActionState = 'asked' | 'acknowledged' | 'done' | 'abandoned';

export interface Action {
  id: number;
  incidentId: number;
  entryId: number;
  owner: string;
  text: string;
  state: ActionState;
  askedAt: Date;
  ackedAt: Date | null;
  checkInAt: Date | null;
  /** The report-back interval asked for, in minutes (0: none). */
  checkInEvery: number;
  closedAt: Date | null;
}

export type ReminderKind = 'status' | 'checkin' | 'action_ack' | 'action_checkin' | 'idle' | 'fatigue' | 'watch' | 'review' | 'gdpr';

export interface Reminder {
  incidentId: number;
  kind: string;
  /** Unique within its incident only. */
  key: string;
  dueAt: Date | null;
  urgentAt: Date | null;
  urgency: 'normal' | 'urgent';
  since: Date | null;
  title: string;
  body: string;
  actionId?: number;
  person?: string;
}

export interface Board {
  incidentId: number;
  /** The app clock when Go built the board. */
  now: Date;
  /** App-clock seconds per real second (1, except under a test clock). */
  timeScale: number;
  severity: string;
  phase: string;
  impact: string;
  declaredAt: Date;
  /** When the elapsed clock counts from: the declaration, or an earlier first entry. */
  startedAt: Date | null;
  /** When the elapsed clock stopped (the resolution); null while it runs. */
  endedAt: Date | null;
  elapsedSeconds: number;
  /** Why there is no elapsed time (a time missing or out of order), or "". */
  elapsedNote: string;
  /** The later of the declaration and the newest entry's time. */
  lastAt: Date | null;
  /** Nothing in the incident for a day: written up after the fact, call clocks off. */
  writtenUp: boolean;
  status: StatusClock | null;
  checkIn: CheckInClock | null;
  mitigation: MitigationInProgress | null;
  watch: WatchClock | null;
  review: ReviewClock | null;
  regulatory: RegulatoryClock | null;
  security: Security;
  roles: RoleClock[];
  /** Every action, open first. */
  actions: Action[];
  reminders: Reminder[];
}

export type Audience = 'internal' | 'external';

export interface StatusDraft {
  audience: Audience;
  text: string;
  nextMinutes: number;
  nextUpdateAt: Date | null;
}

export interface HandoffBrief {
  role: string;
  outgoing: string;
  since: Date | null;
  text: string;
}

export type PageState = 'paged' | 'joined' | 'no_answer';

export interface Page {
  id: number;
  incidentId: number;
  person: string;
  level: number;
  state: PageState;
  pagedAt: Date;
  answeredAt: Date | null;
}

export interface Paging {
  pages: Page[];
  path: string[];
  /** The next person on the escalation path, or "" (someone joined, or the path is exhausted). */
  next: string;
  nextLevel: number;
}

/** One severity's rhythm in minutes; 0 in saved settings means "the default". */
export interface Rhythm {
  firstStatus: number;
  statusEvery: number;
  statusLater: number;
  statusUrgent: number;
  checkInEvery: number;
  actionAck: number;
  idle: number;
}

export interface ClockSettings {
  rhythms: Record<string, Rhythm>;
  statusWindow: number;
  fatigueGentle: number;
  fatigueUrgent: number;
  watch: number;
}
