// Files pasted or dropped onto the entry line: which one to take, whether it is
// acceptable, and its bytes as base64 for the Attachments binding. Pure, so the
// rules are tested without a browser.
import { maxAttachmentBytes, maxEntryBytes } from './generated/limits';

/** The largest file accepted, and the largest line Go accepts as one entry: Go's own limits. */
export { maxAttachmentBytes, maxEntryBytes };

/** What the line needs to know about a file (a File has all of it). */
export interface FileLike {
  name: string;
  type: string;
  size: number;
}

/** What the line needs to know about a paste or a drop (a DataTransfer has all of it). */
export interface TransferLike<F extends FileLike> {
  files?: ArrayLike<F> | null;
  /** Some webviews put a pasted image only among the items. */
  items?: ArrayLike<{ kind: string; getAsFile(): F | null }> | null;
  types?: ReadonlyArray<string> | null;
  getData?: (type: string) => string;
}

export type Verdict = { ok: true; kind: 'image' | 'log' } | { ok: false; message: string };

const imageTypes = new Set(['image/png', 'image/jpeg']);
const logName = /\.(log|txt|out|err)$/i;

/** megabytes writes a size for people: "12.4 MB". */
export function megabytes(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** classify says whether a file can become evidence, and why not. */
export function classify(f: FileLike): Verdict {
  const name = f.name || 'The file';
  const type = (f.type || '').toLowerCase();
  const image = imageTypes.has(type) || (type === '' && /\.(png|jpe?g)$/i.test(f.name));
  const log = !image && (type.startsWith('text/plain') || (logName.test(f.name) && (type === '' || type.startsWith('text/'))));
  if (!image && !log) {
    return { ok: false, message: `${name} cannot be attached: paste or drop a PNG or JPEG screenshot, or a text log (.log, .txt).` };
  }
  if (f.size > maxAttachmentBytes) {
    return { ok: false, message: `${name} is ${megabytes(f.size)}; the limit is ${maxAttachmentBytes / 1e6} MB. Crop the screenshot or attach a shorter excerpt.` };
  }
  if (f.size === 0) return { ok: false, message: `${name} is empty: nothing to attach.` };
  return { ok: true, kind: image ? 'image' : 'log' };
}

/**
 * pickFile returns the file a paste or drop carries, or null when it is text to
 * let through. Text wins: copying from a spreadsheet or a web page can carry a
 * picture of the selection as well as the text, and the scribe meant the text.
 * More than one file is refused with a message, so nothing is attached by surprise.
 */
export function pickFile<F extends FileLike>(t: TransferLike<F> | null | undefined): F | { message: string } | null {
  if (!t) return null;
  let files = t.files ? Array.from(t.files) : [];
  if (files.length === 0 && t.items) {
    files = Array.from(t.items).filter((i) => i.kind === 'file').map((i) => i.getAsFile()).filter((f): f is F => f !== null);
  }
  if (files.length === 0) return null;
  const types = t.types ? Array.from(t.types) : [];
  if (types.includes('text/plain') && (t.getData?.('text/plain') ?? '') !== '') return null;
  if (files.length > 1) return { message: `${files.length} files at once: attach one file at a time.` };
  return files[0];
}

/** isRefusal tells pickFile's message apart from a file. */
export function isRefusal(x: FileLike | { message: string }): x is { message: string } {
  return 'message' in x && !('size' in x);
}

/** isFileDrag reports whether a drag carries files (so the line should accept the drop). */
export function isFileDrag(types: ReadonlyArray<string> | null | undefined): boolean {
  return !!types && Array.from(types).includes('Files');
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** toBase64 encodes bytes as standard base64 with padding (what Go's []byte JSON expects). */
export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
    chunk += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
    chunk += i + 2 < bytes.length ? alphabet[n & 63] : '=';
    // Joining pieces keeps a 10 MB file from building one ever-longer string.
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

/** dataUrlBase64 takes the payload of a FileReader data URL ("data:image/png;base64,...."). */
export function dataUrlBase64(url: string): string {
  const i = url.indexOf(',');
  if (!url.startsWith('data:') || i < 0 || !url.slice(0, i).endsWith(';base64')) return '';
  return url.slice(i + 1);
}

/** utf8Bytes counts text as Go will: in UTF-8 bytes. */
export function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * longPaste decides what to do with pasted text that, added to the line, would
 * be too long for one entry: it becomes a log file attached as evidence (so
 * nothing is lost and the line stays light to type in), or, past the
 * attachment limit, a message. Returns null for a paste that fits the line.
 */
export function longPaste(text: string, lineBytes: number, now: Date): { name: string; text: string } | { message: string } | null {
  if (text.length * 3 + lineBytes <= maxEntryBytes) return null; // cheap bound before counting
  const size = utf8Bytes(text);
  if (size + lineBytes <= maxEntryBytes) return null;
  if (size > maxAttachmentBytes) {
    return { message: `This paste is ${megabytes(size)}; an entry holds ${maxEntryBytes / 1024} KiB and an attached log ${maxAttachmentBytes / 1e6} MB. Save it to a file and paste or drop an excerpt.` };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const name = `paste-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.log`;
  return { name, text };
}

/**
 * carriesLocalFiles reports whether a drop holds files, as File objects
 * (browsers) or as file: URIs (WebKitGTK, which gives the page the URI list
 * and would type it into the line). Either way the file is attached, not typed.
 */
export function carriesLocalFiles(t: Pick<TransferLike<FileLike>, 'types' | 'getData'> | null | undefined): boolean {
  if (!t) return false;
  if (isFileDrag(t.types)) return true;
  const types = t.types ? Array.from(t.types) : [];
  if (!types.includes('text/uri-list')) return false;
  const uris = (t.getData?.('text/uri-list') ?? '').split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
  return uris.length > 0 && uris.every((u) => u.startsWith('file:'));
}

/** withoutFileUris removes the file: URIs of the given paths from text (what WebKitGTK types on a file drop, at the drop point). */
export function withoutFileUris(text: string, paths: string[]): string {
  if (!text.includes('file:')) return text;
  let out = text;
  for (const p of paths) {
    const forms = new Set([`file://${p}`, `file://${encodeURI(p)}`, `file://localhost${p}`]);
    for (const f of forms) out = out.split(f).join('');
  }
  return out === text ? text : out.replace(/[ \t]{2,}/g, ' ').trim();
}
