// Typed wrappers over the Imports binding: a chat log (Zoom, Slack) previewed,
// then the chosen messages imported as entries; or a Bridgelog JSON record
// imported as a new incident.
import * as B from '../../../wailsjs/go/app/Imports';
import { call } from './errors';
import { parseTime } from './convert';
import { toIncident } from './incidents';
import type { Incident } from './types';

/** What to read; mirrors importer.Request. */
export interface ImportRequest {
  incidentId: number;
  /** A file, a Slack export folder, or a .zip. */
  path: string;
  /** YYYY-MM-DD for a Zoom saved chat; "" = the incident's declared day. */
  day: string;
  /** "2026-11-21T14:00[:05]" local wall clock, for a Zoom cloud-recording chat. */
  recordingStart: string;
  /** "" = this computer's zone. */
  zone: string;
  /** Slack: which channel when the export has several. */
  channel: string;
  /** Which messages by time: "all" (or ""), "declared" (from the declaration on), "detected" (from the detection on). */
  from?: string;
}

export interface PreviewMessage {
  index: number;
  line: number;
  /** When it was said; null when the file does not say (a recording chat without its start). */
  at: Date | null;
  /** The time as the file gives it relative to the recording ("00:12:05"), if any. */
  offset: string;
  author: string;
  text: string;
  /** The entry kind it would become. */
  kind: string;
  key: boolean;
  /** Chosen by default (pinned, starred, grammar prefixes, ...). */
  selected: boolean;
  pinned: boolean;
  starred: boolean;
  /** The message this one replies to, if any. */
  reply: string;
  reaction: boolean;
  private: boolean;
  /** Already imported into this incident. */
  duplicate: boolean;
  /** A time worth a look: "before the declaration", "before the detection", "after now", "over a day from the incident"; "" if none. */
  when: string;
  /** Left out by the request's `from`: it cannot be imported under that choice. */
  outside: boolean;
}

/** One choice of messages by time, as Go words it: "From the declaration on (14:05): 28 messages". */
export interface FromChoice {
  from: string;
  label: string;
  count: number;
}

/** Where the messages fall against the incident (importer.Timing). */
export interface ImportTiming {
  beforeDeclared: number;
  beforeDetected: number;
  afterNow: number;
  farAway: number;
  /** Sentences to show as they are, most important first. */
  warnings: string[];
  /** The choices worth offering; empty when no message is from before the declaration or detection. */
  choices: FromChoice[];
  /** The choice applied, and how many messages it leaves out. */
  from: string;
  leftOut: number;
}

export interface ImportPreview {
  format: string;
  /** What was read: "Bridgelog record x.json", "Slack export y", the file name. */
  source: string;
  needsStart: boolean;
  needsDay: boolean;
  channels: string[];
  messages: PreviewMessage[];
  /** The day (YYYY-MM-DD) and recording start ("2026-11-21T14:00:05") the times were placed on, to prefill the fields; "" when unused. */
  day: string;
  recordingStart: string;
  /** Which day a Zoom saved chat's times were placed on, and why; "" for other files. */
  dayNote: string;
  /** Null while the times are unknown, and for a record. */
  timing: ImportTiming | null;
}

export interface ImportResult {
  incidentId: number;
  added: number;
  skipped: number;
}

/** chooseFile shows the native open dialog; "" when cancelled. */
export async function chooseFile(): Promise<string> {
  return (await call(() => B.ChooseFile())) ?? '';
}

export async function preview(req: ImportRequest): Promise<ImportPreview> {
  const p = await call(() => B.Preview({ ...req, from: req.from ?? '' }));
  return {
    format: p?.format ?? '',
    source: p?.source ?? '',
    needsStart: !!p?.needsStart,
    needsDay: !!p?.needsDay,
    channels: p?.channels ?? [],
    day: p?.day ?? '',
    recordingStart: p?.recordingStart ?? '',
    dayNote: p?.dayNote ?? '',
    timing: p?.timing ? {
      beforeDeclared: p.timing.beforeDeclared ?? 0, beforeDetected: p.timing.beforeDetected ?? 0,
      afterNow: p.timing.afterNow ?? 0, farAway: p.timing.farAway ?? 0, warnings: p.timing.warnings ?? [],
      choices: (p.timing.choices ?? []).map((c) => ({ from: c.from, label: c.label, count: c.count ?? 0 })),
      from: p.timing.from || 'all', leftOut: p.timing.leftOut ?? 0,
    } : null,
    messages: (p?.messages ?? []).map((m) => ({
      index: m.index, line: m.line ?? 0, at: parseTime(m.at), offset: m.offset ?? '', author: m.author ?? '', text: m.text ?? '',
      kind: m.kind || 'note', key: !!m.key, selected: !!m.selected, pinned: !!m.pinned, starred: !!m.starred, reply: m.reply ?? '',
      reaction: !!m.reaction, private: !!m.private, duplicate: !!m.duplicate, when: m.when ?? '', outside: !!m.outside,
    })),
  };
}

/** importMessages re-reads the file and imports the chosen messages (by index) in one transaction. */
export async function importMessages(req: ImportRequest, indexes: number[]): Promise<ImportResult> {
  const r = await call(() => B.Import({ ...req, from: req.from ?? '' }, indexes));
  return { incidentId: r?.incidentId ?? req.incidentId, added: r?.added ?? 0, skipped: r?.skipped ?? 0 };
}

/** importRecord makes a new incident from a Bridgelog JSON export. */
export async function importRecord(path: string): Promise<Incident> {
  return toIncident(await call(() => B.ImportRecord(path)));
}

/** isRecord reports whether a preview is of a Bridgelog incident record (format "bridgelog") rather than a chat. */
export function isRecord(p: Pick<ImportPreview, 'format'>): boolean {
  return p.format === 'bridgelog';
}
