// Finding web links in entry text, so a pasted dashboard or ticket URL can be
// opened in the system browser. Only http and https are links: anything else
// (javascript:, file:, data:) stays plain text.

export interface Segment {
  text: string;
  /** The URL to open, for a link segment. */
  href?: string;
}

const urlRe = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** trimUrl drops trailing punctuation that belongs to the sentence, keeping a
 * closing bracket only when the URL opened one (wiki-style URLs). */
export function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    const last = u.at(-1) ?? '';
    if ('.,;:!?*'.includes(last)) {
      u = u.slice(0, -1);
      continue;
    }
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    if (last in pairs) {
      const open = pairs[last];
      const opens = u.split(open).length - 1;
      const closes = u.split(last).length - 1;
      if (closes > opens) {
        u = u.slice(0, -1);
        continue;
      }
    }
    return u;
  }
}

/** splitLinks cuts text into plain and link segments, in order. */
export function splitLinks(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(urlRe)) {
    const url = trimUrl(m[0]);
    if (url.length <= 'https://'.length) continue;
    const start = m.index ?? 0;
    if (start > at) out.push({ text: text.slice(at, start) });
    out.push({ text: url, href: url });
    at = start + url.length;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at) });
  return out;
}

/** isWebLink reports whether href may be opened in the system browser. */
export function isWebLink(href: string): boolean {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
