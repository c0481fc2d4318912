// A file pasted or dropped onto the entry line becomes an evidence entry: the
// line's text is its caption (read by the grammar, so "int:" and a backdating
// "-3m" still count) and the line is cleared only once Go stored it. Refusals
// and failures show as the line's problem; nothing typed is lost.
import { addAttachment, addFile, pasteImage, type AttachmentRequest } from '../api/attachments';
import { toApiError } from '../api/errors';
import * as timelineApi from '../api/timeline';
import { classify, dataUrlBase64, withoutFileUris } from '../paste';
import { clock } from './clock.svelte';
import { clocks } from './clocks.svelte';
import { dashboard } from './dashboard.svelte';
import { entries } from './entries.svelte';
import { incident } from './incident.svelte';
import { line } from './line.svelte';
import { ui } from './ui.svelte';
import type { Entry } from '../api/types';

/** readBase64 reads a file's bytes as base64 (FileReader's data URL, without its header). */
function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(dataUrlBase64(String(r.result ?? '')));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

class AttachStore {
  /** The name of the file being stored, or "" when none is. */
  pending = $state('');

  /** refuse shows why a paste or drop was not taken. */
  refuse(message: string): void {
    line.saveError = message;
  }

  async attach(file: File): Promise<void> {
    const verdict = classify(file);
    if (!verdict.ok) return this.refuse(verdict.message);
    const name = file.name || 'image.png';
    await this.store(name, async (req) => {
      const data = await readBase64(file);
      if (data === '') {
        this.refuse(`Could not read ${file.name || 'the file'}: try saving it and dropping the file instead.`);
        return null;
      }
      return addAttachment({ ...req, data });
    });
  }

  /** attachPaths attaches the file dropped on the desktop window (one at a time, as a drop in the page). */
  async attachPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    if (paths.length > 1) return this.refuse(`${paths.length} files at once: attach one file at a time.`);
    const name = paths[0].split(/[\\/]/).pop() || 'file';
    // WebKitGTK also types the file's URL into the line it was dropped on:
    // that is not a caption. It may land before or after this call.
    line.text = withoutFileUris(line.text, paths);
    await this.store(name, (req) => addFile(req, paths[0]));
    line.text = withoutFileUris(line.text, paths);
  }

  /** pasteClipboard attaches the picture on the system clipboard, if any: what an empty paste means in WebKitGTK. */
  async pasteClipboard(): Promise<void> {
    await this.store('screenshot.png', (req) => pasteImage(req));
  }

  /**
   * store reads the line as the caption, then saves through send. The line is
   * cleared only once Go stored the file, and only if it was not typed on.
   */
  private async store(name: string, send: (req: Omit<AttachmentRequest, 'data'>) => Promise<Entry | null>): Promise<void> {
    if (this.pending) return this.refuse(`Still attaching ${this.pending}: wait a moment, then paste again.`);
    if (line.editing) return this.refuse('Finish or cancel the edit (Esc) before attaching a file.');
    const inc = incident.current;
    if (!inc) return;
    const text = line.text;
    this.pending = name;
    line.saveError = '';
    try {
      let caption = '';
      let internal = false;
      let startedAt: string;
      if (text.trim() === '') {
        startedAt = await timelineApi.now().catch(() => clock.iso());
      } else {
        const started = await line.ensureStarted();
        const p = await timelineApi.preview(text, started).catch(() => null);
        if (p?.line.problem) return this.refuse(p.line.problem);
        caption = p?.line.text ?? text.trim();
        internal = !!p?.line.internal;
        startedAt = p?.occurredAt ? p.occurredAt.toISOString() : started;
      }
      const e = await send({ incidentId: inc.id, name, caption, internal, startedAt });
      if (!e) return;
      entries.put(e);
      ui.flash(e.id);
      dashboard.refreshSoon(e.incidentId);
      clocks.refreshSoon(e.incidentId);
      // Typed on while it was stored: that text is the next line, not this caption.
      if (line.text === text) line.cancelEdit();
    } catch (err) {
      this.refuse(toApiError(err).message);
    } finally {
      this.pending = '';
    }
  }
}

export const attach = new AttachStore();
