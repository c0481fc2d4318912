import { describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Attachments';
import { addAttachment, attachmentText, attachmentUrl, isImage, type AttachmentRequest } from './attachments';

vi.mock('../../../wailsjs/go/app/Attachments');

const req: AttachmentRequest = { incidentId: 3, name: 'image.png', data: 'iVBORw0KGgo=', caption: '502s on the LB', internal: false, startedAt: '2026-11-21T14:05:00Z' };

describe('addAttachment', () => {
  it('sends the request and maps the evidence entry with its attachment', async () => {
    vi.mocked(B.Add).mockResolvedValue({
      id: 12, incidentId: 3, kind: 'evidence', text: '502s on the LB', raw: 'ev: 502s on the LB', occurredAt: '2026-11-21T14:05:00Z',
      recordedAt: '2026-11-21T14:05:02Z', author: 'Ada', authorRole: 'scribe', key: false, internal: false, revisions: 0, deletedAt: '0001-01-01T00:00:00Z',
      attachment: { id: 4, entryId: 12, name: 'image.png', mime: 'image/png', size: 68, sha256: 'ab', width: 1, height: 1, createdAt: '2026-11-21T14:05:02Z' },
    } as never);
    const e = await addAttachment(req);
    expect(B.Add).toHaveBeenCalledWith(req);
    expect(e.kind).toBe('evidence');
    expect(e.attachment).toEqual({ id: 4, entryId: 12, name: 'image.png', mime: 'image/png', size: 68, width: 1, height: 1 });
  });

  it('rejects with Go\'s message', async () => {
    vi.mocked(B.Add).mockRejectedValue({ code: 'too_large', message: 'image.png is 12 MB; the limit is 10 MB.' });
    await expect(addAttachment(req)).rejects.toThrow('image.png is 12 MB; the limit is 10 MB.');
  });
});

describe('serving', () => {
  it('names the URL and tells images from logs', () => {
    expect(attachmentUrl(4)).toBe('/attachments/4');
    expect(isImage({ mime: 'image/jpeg' })).toBe(true);
    expect(isImage({ mime: 'text/plain; charset=utf-8' })).toBe(false);
  });

  it('fetches a log as text', async () => {
    const fetcher = vi.fn(async () => new Response('line 1\nline 2', { status: 200 }));
    expect(await attachmentText(5, fetcher as unknown as typeof fetch)).toBe('line 1\nline 2');
    expect(fetcher).toHaveBeenCalledWith('/attachments/5');
  });

  it('says when the file is gone or the app is not answering', async () => {
    const gone = vi.fn(async () => new Response('', { status: 404 }));
    await expect(attachmentText(5, gone as unknown as typeof fetch)).rejects.toThrow('This attachment is no longer stored.');
    const down = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    await expect(attachmentText(5, down as unknown as typeof fetch)).rejects.toThrow('Could not load the attachment: is Bridgelog still running?');
  });
});
