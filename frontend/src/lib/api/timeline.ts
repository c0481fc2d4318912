// Typed wrappers over the Timeline binding: the scribe's line and the entries.
import * as B from '../../../wailsjs/go/app/Timeline';
import type { app, backend } from '../../../wailsjs/go/models';
import { call } from './errors';
import { parseTime, requireTime, timeString } from './convert';
import type { Attachment, Draft, Entry, GrammarPrefix, Kind, LinePreview, Revision, SearchHit } from './types';

export function toEntry(e: backend.Entry): Entry {
  return {
    id: e.id,
    incidentId: e.incidentId,
    kind: (e.kind || 'note') as Kind,
    text: e.text ?? '',
    raw: e.raw ?? '',
    key: !!e.key,
    internal: !!e.internal,
    owner: e.owner || undefined,
    checkIn: e.checkIn || undefined,
    severity: e.severity || undefined,
    role: e.role || undefined,
    person: e.person || undefined,
    phase: e.phase || undefined,
    occurredAt: requireTime(e.occurredAt),
    recordedAt: requireTime(e.recordedAt),
    author: e.author ?? '',
    authorRole: e.authorRole ?? '',
    revisions: e.revisions ?? 0,
    deletedAt: parseTime(e.deletedAt),
    overrode: e.overrode || undefined,
    source: e.source || undefined,
    attachment: toAttachment(e.attachment),
  };
}

function toAttachment(a: backend.Attachment | null | undefined): Attachment | undefined {
  if (!a || !a.id) return undefined;
  return { id: a.id, entryId: a.entryId, name: a.name ?? '', mime: a.mime ?? '', size: a.size ?? 0, width: a.width ?? 0, height: a.height ?? 0 };
}

function toPreview(p: app.Preview): LinePreview {
  const l = p.line;
  return {
    line: {
      kind: (l?.kind || 'note') as Kind,
      text: l?.text ?? '',
      raw: l?.raw ?? '',
      key: !!l?.key,
      internal: !!l?.internal,
      owner: l?.owner || undefined,
      checkIn: l?.checkIn || undefined,
      severity: l?.severity || undefined,
      role: l?.role || undefined,
      person: l?.person || undefined,
      phase: l?.phase || undefined,
      time: l?.time ?? '',
      problem: l?.problem ?? '',
      timeNote: l?.timeNote ?? '',
      hint: l?.hint ?? '',
      notRole: !!l?.notRole || undefined,
      header: l?.header || undefined,
    },
    occurredAt: parseTime(p.occurredAt),
  };
}

/** now returns the Go clock's time as RFC 3339 (a test clock in Go is honoured). */
export async function now(): Promise<string> {
  return call(() => B.Now());
}

/**
 * preview parses a line as Add would; startedAt is RFC 3339 or "" for "now".
 * With an incident, "@14:05" is read on that incident's writing day.
 */
export async function preview(line: string, startedAt: string | null, incidentId = 0): Promise<LinePreview> {
  if (incidentId) return toPreview(await call(() => B.PreviewIn(incidentId, line, startedAt ?? '')));
  return toPreview(await call(() => B.Preview(line, startedAt ?? '')));
}

/**
 * addEntry records a typed line; startedAt is when its first key was pressed.
 * A "declared:" or "detected:" line without text sets the incident's time and
 * stores no entry: null. In an incident written up after the fact an untimed
 * line is refused with code "confirm" (its message says when it would be
 * dated); addEntryDatedNow saves it once the scribe agrees.
 */
export async function addEntry(incidentId: number, line: string, startedAt: string | null): Promise<Entry | null> {
  const e = await call(() => B.Add(incidentId, line, startedAt ?? ''));
  return e ? toEntry(e) : null;
}

/** addEntryDatedNow is addEntry for a line the scribe chose to date now. */
export async function addEntryDatedNow(incidentId: number, line: string, startedAt: string | null): Promise<Entry | null> {
  const e = await call(() => B.AddDatedNow(incidentId, line, startedAt ?? ''));
  return e ? toEntry(e) : null;
}

export async function editEntry(entryId: number, line: string): Promise<Entry> {
  return toEntry(await call(() => B.Edit(entryId, line)));
}

export async function deleteEntry(entryId: number): Promise<void> {
  await call(() => B.Delete(entryId));
}

export async function restoreEntry(entryId: number): Promise<Entry> {
  return toEntry(await call(() => B.Restore(entryId)));
}

/** listEntries returns the incident's visible entries in time order. */
export async function listEntries(incidentId: number): Promise<Entry[]> {
  return ((await call(() => B.List(incidentId))) ?? []).map(toEntry);
}

/** A stretch of an incident's timeline (see Go's backend.EntryWindow). */
export interface EntryWindow {
  incidentId: number;
  /** The filter: "" keeps every kind. */
  kind: Kind | '';
  /** The position of entries[0] among the entries the filter keeps. */
  offset: number;
  /** How many entries the filter keeps. */
  total: number;
  /** How many visible entries the incident has, of any kind. */
  all: number;
  entries: Entry[];
  /** The time of the kept entry just before offset; null at the start. */
  prevAt: Date | null;
  /** The first and last visible entries' times, of any kind. */
  firstAt: Date | null;
  lastAt: Date | null;
  /** For a mitigation that overrode another: that one's text, by its id. */
  overrode: Map<number, string>;
}

/** The offset that asks for the newest entries. */
export const windowEnd = -1;

/** entryWindow reads at most limit entries of kind from offset on (windowEnd: the newest). */
export async function entryWindow(incidentId: number, kind: Kind | '', offset: number, limit: number): Promise<EntryWindow> {
  const w = await call(() => B.Window(incidentId, kind, offset, limit));
  return {
    incidentId: w.incidentId,
    kind: (w.kind || '') as Kind | '',
    offset: w.offset ?? 0,
    total: w.total ?? 0,
    all: w.all ?? 0,
    entries: (w.entries ?? []).map(toEntry),
    prevAt: parseTime(w.prevAt),
    firstAt: parseTime(w.firstAt),
    lastAt: parseTime(w.lastAt),
    overrode: new Map(Object.entries(w.overrode ?? {}).map(([k, v]) => [Number(k), v])),
  };
}

/** locateEntry returns where a visible entry stands among the entries of kind. */
export async function locateEntry(entryId: number, kind: Kind | ''): Promise<number> {
  return call(() => B.Locate(entryId, kind));
}

/** neighbourEntry returns the visible entry of kind before (-1) or after (1) one, or null at an end. */
export async function neighbourEntry(entryId: number, kind: Kind | '', step: -1 | 1): Promise<Entry | null> {
  const e = await call(() => B.Neighbour(entryId, kind, step));
  return e && e.id ? toEntry(e) : null;
}

/** lastRecordedEntry returns the visible entry written down most recently, or null. */
export async function lastRecordedEntry(incidentId: number): Promise<Entry | null> {
  const e = await call(() => B.LastRecorded(incidentId));
  return e && e.id ? toEntry(e) : null;
}

/** findEntry returns one entry, hidden or not. */
export async function findEntry(entryId: number): Promise<Entry> {
  return toEntry(await call(() => B.Entry(entryId)));
}

export async function revisions(entryId: number): Promise<Revision[]> {
  return ((await call(() => B.Revisions(entryId))) ?? []).map((r) => ({
    entryId: r.entryId,
    raw: r.raw,
    text: r.text,
    kind: r.kind as Kind,
    occurredAt: requireTime(r.occurredAt),
    revisedAt: requireTime(r.revisedAt),
  }));
}

/** search runs a full-text query over one incident, or all of them when incidentId is 0. */
export async function search(query: string, incidentId: number): Promise<SearchHit[]> {
  return ((await call(() => B.Search(query, incidentId))) ?? []).map((h) => ({
    entry: toEntry(h.entry),
    incidentTitle: h.incidentTitle ?? '',
    snippet: h.snippet ?? '',
  }));
}

/**
 * mitigationInProgress returns the mitigation entry still in progress, or null.
 * The entry line asks before starting another one (one mitigation at a time).
 * With at, the time the new line will carry, it is the one in progress then:
 * a mitigation dated before another started was not started while it ran.
 */
export async function mitigationInProgress(incidentId: number, at: Date | null = null): Promise<Entry | null> {
  const e = await call(() => (at ? B.MitigationInProgressAt(incidentId, at.toISOString()) : B.MitigationInProgress(incidentId)));
  return e && e.id ? toEntry(e) : null;
}

export async function grammar(): Promise<GrammarPrefix[]> {
  return ((await call(() => B.Grammar())) ?? []).map((p) => ({
    prefix: p.prefix,
    kind: p.kind as Kind,
    example: p.example,
    meaning: p.meaning,
  }));
}

export async function saveDraft(incidentId: number, text: string, startedAt: string | null, editingId: number | null): Promise<void> {
  await call(() => B.SaveDraft(incidentId, text, startedAt ?? '', editingId ?? 0));
}

export async function draft(incidentId: number): Promise<Draft> {
  const d = await call(() => B.Draft(incidentId));
  return {
    incidentId: d?.incidentId ?? incidentId,
    text: d?.text ?? '',
    startedAt: timeString(d?.startedAt),
    editingId: d?.editingId ? d.editingId : null,
  };
}
