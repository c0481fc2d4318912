import { describe, expect, it } from 'vitest';
import { carriesLocalFiles, classify, withoutFileUris, dataUrlBase64, isFileDrag, isRefusal, longPaste, maxAttachmentBytes, megabytes, pickFile, toBase64 } from './paste';

const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('classify', () => {
  it('accepts PNG and JPEG screenshots', () => {
    expect(classify(file('image.png', 'image/png'))).toEqual({ ok: true, kind: 'image' });
    expect(classify(file('photo.JPG', 'image/jpeg'))).toEqual({ ok: true, kind: 'image' });
    expect(classify(file('shot.jpeg', ''))).toEqual({ ok: true, kind: 'image' });
  });

  it('accepts text logs, also without a type', () => {
    expect(classify(file('app.log', ''))).toEqual({ ok: true, kind: 'log' });
    expect(classify(file('notes', 'text/plain'))).toEqual({ ok: true, kind: 'log' });
    expect(classify(file('dump.txt', 'text/plain;charset=utf-8'))).toEqual({ ok: true, kind: 'log' });
  });

  it('refuses other files and says what works', () => {
    const v = classify(file('report.pdf', 'application/pdf'));
    expect(v).toEqual({ ok: false, message: 'report.pdf cannot be attached: paste or drop a PNG or JPEG screenshot, or a text log (.log, .txt).' });
    expect(classify(file('anim.gif', 'image/gif')).ok).toBe(false);
    expect(classify(file('page.html', 'text/html')).ok).toBe(false);
  });

  it('refuses more than 10 MB before reading, with the size', () => {
    expect(classify(file('big.png', 'image/png', maxAttachmentBytes)).ok).toBe(true);
    expect(classify(file('big.png', 'image/png', 12_345_678))).toEqual({
      ok: false, message: 'big.png is 12.3 MB; the limit is 10 MB. Crop the screenshot or attach a shorter excerpt.',
    });
  });

  it('refuses an empty file', () => {
    expect(classify(file('empty.log', 'text/plain', 0))).toEqual({ ok: false, message: 'empty.log is empty: nothing to attach.' });
  });

  it('formats megabytes', () => {
    expect(megabytes(10_000_000)).toBe('10.0 MB');
  });
});

describe('pickFile', () => {
  const png = file('image.png', 'image/png');

  it('takes the one file of an image paste', () => {
    expect(pickFile({ files: [png], types: ['Files'], getData: () => '' })).toBe(png);
  });

  it('lets plain text through, even when a picture of it comes along', () => {
    expect(pickFile({ files: [], types: ['text/plain'], getData: () => 'hello' })).toBeNull();
    expect(pickFile({ files: [png], types: ['text/plain', 'text/html', 'Files'], getData: (t) => (t === 'text/plain' ? 'A1 B1' : '') })).toBeNull();
    expect(pickFile(null)).toBeNull();
  });

  it('takes the file when the text part is empty', () => {
    expect(pickFile({ files: [png], types: ['text/plain', 'Files'], getData: () => '' })).toBe(png);
  });

  it('finds an image that only the items carry', () => {
    const items = [{ kind: 'string', getAsFile: () => null }, { kind: 'file', getAsFile: () => png }];
    expect(pickFile({ files: [], items, types: ['Files'] })).toBe(png);
  });

  it('tells a refusal from a file', () => {
    expect(isRefusal(png)).toBe(false);
    expect(isRefusal({ message: 'no' })).toBe(true);
  });

  it('refuses several files at once', () => {
    expect(pickFile({ files: [png, png], types: ['Files'] })).toEqual({ message: '2 files at once: attach one file at a time.' });
  });
});

describe('isFileDrag', () => {
  it('recognises a file drag', () => {
    expect(isFileDrag(['Files'])).toBe(true);
    expect(isFileDrag(['text/plain'])).toBe(false);
    expect(isFileDrag(null)).toBe(false);
  });
});

describe('toBase64', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('pads like the standard encoding', () => {
    expect(toBase64(enc(''))).toBe('');
    expect(toBase64(enc('f'))).toBe('Zg==');
    expect(toBase64(enc('fo'))).toBe('Zm8=');
    expect(toBase64(enc('foo'))).toBe('Zm9v');
    expect(toBase64(enc('foobar'))).toBe('Zm9vYmFy');
  });

  it('encodes every byte value as btoa does', () => {
    const all = new Uint8Array(256 * 41 + 2);
    for (let i = 0; i < all.length; i++) all[i] = (i * 7 + (i >> 8)) & 255;
    expect(toBase64(all)).toBe(btoa(String.fromCharCode(...all)));
  });

  it('reads the payload of a data URL', () => {
    expect(dataUrlBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
    expect(dataUrlBase64('data:text/plain,hello')).toBe('');
    expect(dataUrlBase64('nonsense')).toBe('');
  });
});

describe('longPaste', () => {
  const now = new Date(2026, 10, 21, 14, 5, 9);
  it('lets a paste that fits the line through', () => {
    expect(longPaste('short', 0, now)).toBeNull();
    expect(longPaste('x'.repeat(60 * 1024), 1024, now)).toBeNull();
  });
  it('turns a paste too long for one entry into a log file', () => {
    const text = 'log line\n'.repeat(10_000);
    expect(longPaste(text, 0, now)).toEqual({ name: 'paste-20261121-140509.log', text });
  });
  it('counts the line already typed and multi-byte characters', () => {
    expect(longPaste('x'.repeat(40 * 1024), 30 * 1024, now)).not.toBeNull();
    expect(longPaste('é'.repeat(33 * 1024), 0, now)).not.toBeNull();
  });
  it('refuses a paste past the attachment limit with a message', () => {
    const r = longPaste('x'.repeat(10_000_001), 0, now);
    expect(r && 'message' in r && r.message).toMatch(/10\.0 MB.*Save it to a file/);
  });
});

describe('carriesLocalFiles', () => {
  const t = (types: string[], data: Record<string, string> = {}) => ({ types, getData: (k: string) => data[k] ?? '' });
  it('sees files as File objects or as file: URIs', () => {
    expect(carriesLocalFiles(t(['Files']))).toBe(true);
    expect(carriesLocalFiles(t(['text/uri-list', 'text/plain'], { 'text/uri-list': 'file:///tmp/api.log\r\n' }))).toBe(true);
  });
  it('lets dropped web links and text through', () => {
    expect(carriesLocalFiles(t(['text/uri-list'], { 'text/uri-list': 'https://example.com/x' }))).toBe(false);
    expect(carriesLocalFiles(t(['text/plain'], { 'text/plain': 'file:///looks/like/a/path' }))).toBe(false);
    expect(carriesLocalFiles(null)).toBe(false);
  });
});

describe('withoutFileUris', () => {
  it('drops the URIs of the dropped files, keeps the rest', () => {
    expect(withoutFileUris('error graph file:///tmp/a%20b.png', ['/tmp/a b.png'])).toBe('error graph');
    expect(withoutFileUris('file:///tmp/api.log', ['/tmp/api.log'])).toBe('');
    expect(withoutFileUris('see file:///etc/other.log', ['/tmp/api.log'])).toBe('see file:///etc/other.log');
    expect(withoutFileUris('no uri here', ['/tmp/api.log'])).toBe('no uri here');
    expect(withoutFileUris('api errors 1835file:///tmp/s/api.log1', ['/tmp/s/api.log'])).toBe('api errors 18351');
  });
});
