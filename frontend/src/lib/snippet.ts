// Search snippets come from SQLite FTS5 with matches between \x02 and \x03
// (backend.SnippetOpen/SnippetClose). They are split into segments and rendered
// as text with <mark>: entry text is user input and must never become HTML.

export interface Segment {
  text: string;
  mark: boolean;
}

const OPEN = '\x02';
const CLOSE = '\x03';

/** splitSnippet cuts a snippet into plain and marked runs; stray markers are dropped. */
export function splitSnippet(s: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  let buf = '';
  const flush = () => {
    if (buf === '') return;
    const last = out[out.length - 1];
    // Merge runs of the same kind so a stray marker does not split a word.
    if (last && last.mark === mark) last.text += buf;
    else out.push({ text: buf, mark });
    buf = '';
  };
  for (const ch of s) {
    if (ch === OPEN || ch === CLOSE) {
      flush();
      mark = ch === OPEN;
    } else {
      buf += ch;
    }
  }
  flush();
  return out;
}
