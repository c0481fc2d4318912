// Evidence files: the Attachments binding stores a pasted or dropped file as an
// evidence entry; the app serves the bytes to the webview at /attachments/{id}.
import * as B from '../../../wailsjs/go/app/Attachments';
import { ApiError, call } from './errors';
import { toEntry } from './timeline';
import type { Attachment, Entry } from './types';

/** What to store; mirrors app.AttachmentRequest. */
export interface AttachmentRequest {
  incidentId: number;
  name: string;
  /** The file's bytes, base64. */
  data: string;
  /** The entry's text; "" lets Go write "Screenshot name.png". */
  caption: string;
  internal: boolean;
  /** RFC 3339: when the entry happened (the paste, or the line's first keystroke or override). */
  startedAt: string;
}

export async function addAttachment(req: AttachmentRequest): Promise<Entry> {
  return toEntry(await call(() => B.Add({ ...req })));
}

/**
 * pasteImage asks Go for the picture on the system clipboard: WebKitGTK gives
 * the page an empty paste for a screenshot. null when the clipboard holds none.
 */
export async function pasteImage(req: Omit<AttachmentRequest, 'data'>): Promise<Entry | null> {
  const e = await call(() => B.PasteImage({ ...req, data: '' }));
  return e ? toEntry(e) : null;
}

/** addFile attaches a file dropped on the desktop window, by its path. */
export async function addFile(req: Omit<AttachmentRequest, 'data'>, path: string): Promise<Entry> {
  return toEntry(await call(() => B.AddFile({ ...req, data: '' }, path)));
}

/** attachmentUrl is where the webview loads an attachment's bytes. */
export function attachmentUrl(id: number): string {
  return `/attachments/${id}`;
}

/** isImage reports whether an attachment is shown as a picture (else it is a log). */
export function isImage(a: Pick<Attachment, 'mime'>): boolean {
  return a.mime.toLowerCase().startsWith('image/');
}

/** attachmentText fetches a log attachment's text. */
export async function attachmentText(id: number, fetcher: typeof fetch = fetch): Promise<string> {
  let res: Response;
  try {
    res = await fetcher(attachmentUrl(id));
  } catch {
    throw new ApiError('Could not load the attachment: is Bridgelog still running?');
  }
  if (!res.ok) throw new ApiError(res.status === 404 ? 'This attachment is no longer stored.' : `Could not load the attachment (HTTP ${res.status}).`);
  return res.text();
}
