// Typed wrappers over the Exports binding: the export dialog (Ctrl+E) saves the
// record in a format, or copies a text format to the clipboard.
import * as B from '../../../wailsjs/go/app/Exports';
import { call } from './errors';

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
  return (await call(() => B.Text({ ...req }))) ?? '';
}

/** defaultPath is where Save would write by default: ~/Documents/Bridgelog/<date>-<title><ext>. */
export async function defaultPath(req: ExportRequest): Promise<string> {
  return (await call(() => B.DefaultPath({ ...req }))) ?? '';
}

/** choosePath shows the native save dialog; "" when the scribe cancelled it. */
export async function choosePath(req: ExportRequest): Promise<string> {
  return (await call(() => B.ChoosePath({ ...req }))) ?? '';
}

/** save writes the export (Markdown with attachments also writes a <name>-assets/ folder). */
export async function save(req: ExportRequest, path: string): Promise<SaveResult> {
  const r = await call(() => B.Save({ ...req }, path));
  return { files: r?.files ?? [], bytes: r?.bytes ?? 0 };
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
