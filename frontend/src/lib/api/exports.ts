// Typed wrappers over the Exports binding: the export dialog (Ctrl+E) saves the
// record in a format, or copies a text format to the clipboard.
import * as B from '../../../wailsjs/go/app/Exports';
import { call, toApiError } from './errors';

/** A format Go can write, in the order menus show them. */
export interface ExportFormat {
  format: string;
  label: string;
  /** File name extension with the dot: ".review.md". */
  ext: string;
  mime: string;
  /** A text format can go to the clipboard; PDF cannot. */
  text: boolean;
}

/** What to export; mirrors app.ExportRequest (export.Request). */
export interface ExportRequest {
  incidentId: number;
  format: string;
  /** RFC 3339, "" for an open end. */
  from: string;
  to: string;
  /** No internal-only entries, no people's names. */
  external: boolean;
  /** Show edit history and hidden entries. */
  history: boolean;
  /** IANA name; "" = this computer's zone; "UTC" = UTC only. */
  zone: string;
  /** Chat format: one status update's entry id; 0 = the timeline. */
  status: number;
}

export interface SaveResult {
  files: string[];
  bytes: number;
}

export async function formats(): Promise<ExportFormat[]> {
  return ((await call(() => B.Formats())) ?? []).map((f) => ({
    format: String(f.format), label: f.label ?? String(f.format), ext: f.ext ?? '', mime: f.mime ?? '', text: !!f.text,
  }));
}

/** exportText renders a text format (clipboard, preview); Go refuses PDF. */
export async function exportText(req: ExportRequest): Promise<string> {
  return (await call(() => B.Text({ ...req, replace: false }))) ?? '';
}

/** defaultPath is where Save would write by default: ~/Documents/Bridgelog/<date>-<title><ext>. */
export async function defaultPath(req: ExportRequest): Promise<string> {
  return (await call(() => B.DefaultPath({ ...req, replace: false }))) ?? '';
}

/** choosePath shows the native save dialog; "" when the scribe cancelled it. */
export async function choosePath(req: ExportRequest): Promise<string> {
  return (await call(() => B.ChoosePath({ ...req, replace: false }))) ?? '';
}

/**
 * save writes the export (Markdown with attachments also writes a <name>-assets/ folder).
 * Go refuses a file already there with the code "conflict" (see isConflict) unless
 * replace says to replace it.
 */
export async function save(req: ExportRequest, path: string, replace = false): Promise<SaveResult> {
  const r = await call(() => B.Save({ ...req, replace }, path));
  return { files: r?.files ?? [], bytes: r?.bytes ?? 0 };
}

/** isConflict says a save was refused because the file is already there. */
export function isConflict(err: unknown): boolean {
  return toApiError(err).code === 'conflict';
}

/** openSaved opens a file saved in this run with the desktop's application for it. */
export async function openSaved(path: string): Promise<void> {
  await call(() => B.OpenSaved(path));
}

/** showSaved opens the folder of a file saved in this run in the file manager. */
export async function showSaved(path: string): Promise<void> {
  await call(() => B.ShowSaved(path));
}

/** fileName is the last part of a path: "/p/x.md" gives "x.md". */
export function fileName(path: string): string {
  const p = path.replace(/[\\/]+$/, '');
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1) || path;
}

/** savedMessage is the status line after a save: "Saved 2 files: /x.md, /x-assets/". */
export function savedMessage(r: SaveResult): string {
  if (r.files.length === 0) return 'Saved.';
  return `Saved ${r.files.length} ${r.files.length === 1 ? 'file' : 'files'}: ${r.files.join(', ')}`;
}

/**
 * defaultFormat is the format the dialog starts with: the review draft once the
 * incident is resolved (that is what comes next), the HTML timeline before.
 */
export function defaultFormat(list: ExportFormat[], resolved: boolean): string {
  const want = resolved ? 'review' : 'html';
  return list.find((f) => f.format === want)?.format ?? list[0]?.format ?? want;
}
