import { describe, expect, it } from 'vitest';
import { isWebLink, splitLinks, trimUrl } from './links';

describe('splitLinks', () => {
  it('finds http and https links between plain text', () => {
    expect(splitLinks('see https://grafana.example/d/abc?x=1 and http://x.io/a.')).toEqual([
      { text: 'see ' },
      { text: 'https://grafana.example/d/abc?x=1', href: 'https://grafana.example/d/abc?x=1' },
      { text: ' and ' },
      { text: 'http://x.io/a', href: 'http://x.io/a' },
      { text: '.' },
    ]);
  });
  it('leaves other schemes as text', () => {
    for (const t of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>x</b>', '[x](javascript:y)']) {
      expect(splitLinks(t)).toEqual([{ text: t }]);
    }
  });
  it('keeps plain text whole', () => {
    expect(splitLinks('')).toEqual([{ text: '' }]);
    expect(splitLinks('no links here')).toEqual([{ text: 'no links here' }]);
  });
  it('stops at quotes and angle brackets', () => {
    expect(splitLinks('"https://a.io/x" <https://b.io>').filter((s) => s.href).map((s) => s.href)).toEqual([
      'https://a.io/x',
      'https://b.io',
    ]);
  });
});

describe('trimUrl', () => {
  it('drops sentence punctuation and unbalanced brackets', () => {
    expect(trimUrl('https://a.io/x).')).toBe('https://a.io/x');
    expect(trimUrl('https://en.wikipedia.org/wiki/Foo_(bar)')).toBe('https://en.wikipedia.org/wiki/Foo_(bar)');
    expect(trimUrl('https://a.io/x?!')).toBe('https://a.io/x');
  });
});

describe('isWebLink', () => {
  it('accepts only http and https', () => {
    expect(isWebLink('https://a.io')).toBe(true);
    expect(isWebLink('http://a.io')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('file:///etc/passwd')).toBe(false);
    expect(isWebLink('/attachments/1')).toBe(false);
    expect(isWebLink('not a url')).toBe(false);
  });
});
