import { describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Exports';
import { choosePath, defaultFormat, defaultPath, exportText, fileName, formats, isConflict, openSaved, save, savedMessage, showSaved, type ExportRequest } from './exports';

vi.mock('../../../wailsjs/go/app/Exports');

const req: ExportRequest = { incidentId: 3, format: 'md', from: '', to: '2026-11-21T15:00:00Z', external: true, history: false, zone: 'UTC', status: 0 };
const list = [
  { format: 'review', label: 'Review draft (Markdown)', ext: '.review.md', mime: 'text/markdown', text: true },
  { format: 'html', label: 'Timeline (HTML)', ext: '.html', mime: 'text/html', text: true },
  { format: 'pdf', label: 'Timeline (PDF)', ext: '.pdf', mime: 'application/pdf', text: false },
];

describe('formats', () => {
  it('maps Go\'s list in order', async () => {
    vi.mocked(B.Formats).mockResolvedValue(list as never);
    expect(await formats()).toEqual(list);
  });

  it('treats a null list as empty', async () => {
    vi.mocked(B.Formats).mockResolvedValue(null as never);
    expect(await formats()).toEqual([]);
  });
});

describe('requests', () => {
  it('passes the request unchanged to Text, DefaultPath and ChoosePath', async () => {
    vi.mocked(B.Text).mockResolvedValue('# Incident');
    vi.mocked(B.DefaultPath).mockResolvedValue('/home/ada/Documents/Bridgelog/2026-11-21-eu-logins.md');
    vi.mocked(B.ChoosePath).mockResolvedValue('');
    expect(await exportText(req)).toBe('# Incident');
    expect(B.Text).toHaveBeenCalledWith({ ...req, replace: false });
    expect(await defaultPath(req)).toBe('/home/ada/Documents/Bridgelog/2026-11-21-eu-logins.md');
    expect(B.DefaultPath).toHaveBeenCalledWith({ ...req, replace: false });
    expect(await choosePath(req)).toBe('');
  });

  it('saves to a path and reports the files, replacing nothing unless told', async () => {
    vi.mocked(B.Save).mockResolvedValue({ files: ['/tmp/x.md', '/tmp/x-assets/'], bytes: 2048 } as never);
    expect(await save(req, '/tmp/x.md')).toEqual({ files: ['/tmp/x.md', '/tmp/x-assets/'], bytes: 2048 });
    expect(B.Save).toHaveBeenLastCalledWith({ ...req, replace: false }, '/tmp/x.md');
    await save(req, '/tmp/x.md', true);
    expect(B.Save).toHaveBeenLastCalledWith({ ...req, replace: true }, '/tmp/x.md');
  });

  it('tells a refusal because the file exists from other refusals', async () => {
    vi.mocked(B.Save).mockRejectedValue(new Error(JSON.stringify({ code: 'conflict', message: '/tmp/x.md already exists' })));
    const err = await save(req, '/tmp/x.md').catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
    expect(isConflict({ code: 'invalid', message: 'Save to a full path' })).toBe(false);
  });

  it('opens and shows a saved file by its path', async () => {
    vi.mocked(B.OpenSaved).mockResolvedValue();
    vi.mocked(B.ShowSaved).mockRejectedValue({ code: 'invalid', message: 'Bridgelog opens only files it exported in this session' });
    await openSaved('/tmp/x.md');
    expect(B.OpenSaved).toHaveBeenCalledWith('/tmp/x.md');
    await expect(showSaved('/etc/passwd')).rejects.toMatchObject({ code: 'invalid' });
    expect(B.ShowSaved).toHaveBeenCalledWith('/etc/passwd');
  });

  it('rejects with Go\'s message', async () => {
    vi.mocked(B.Text).mockRejectedValue({ code: 'invalid', message: 'PDF cannot go to the clipboard: save it to a file.' });
    await expect(exportText({ ...req, format: 'pdf' })).rejects.toMatchObject({ code: 'invalid', message: 'PDF cannot go to the clipboard: save it to a file.' });
  });
});

describe('savedMessage', () => {
  it('lists what was written', () => {
    expect(savedMessage({ files: ['/p/x.md', '/p/x-assets/'], bytes: 10 })).toBe('Saved 2 files: /p/x.md, /p/x-assets/');
    expect(savedMessage({ files: ['/p/x.html'], bytes: 10 })).toBe('Saved 1 file: /p/x.html');
    expect(savedMessage({ files: [], bytes: 0 })).toBe('Saved.');
  });
});

describe('fileName', () => {
  it('is the last part of a path', () => {
    expect(fileName('/p/2026-11-21-eu logins.md')).toBe('2026-11-21-eu logins.md');
    expect(fileName('/p/x-assets/')).toBe('x-assets');
    expect(fileName('C:\\Users\\ada\\x.html')).toBe('x.html');
    expect(fileName('x.csv')).toBe('x.csv');
  });
});

describe('defaultFormat', () => {
  it('offers the review draft once resolved, the HTML timeline before', () => {
    expect(defaultFormat(list, true)).toBe('review');
    expect(defaultFormat(list, false)).toBe('html');
  });

  it('falls back to the first format Go offers', () => {
    expect(defaultFormat(list.slice(2), false)).toBe('pdf');
  });
});
