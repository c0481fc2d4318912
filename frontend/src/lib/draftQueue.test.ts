import { describe, expect, it } from 'vitest';
import { DraftQueue, type DraftText } from './draftQueue';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A call that waits (for the file) until land() is called. */
interface InFlight {
  name: string;
  land: () => void;
}

/**
 * A stand-in for Go and the file: draft saves and Adds wait until the test
 * lands them, in any order, and then apply Go's rules to the one draft row.
 */
class File {
  draft: DraftText | null = null;
  entries: string[] = [];
  inFlight: InFlight[] = [];
  problems: string[] = [];

  saveDraft = (_id: number, d: DraftText): Promise<void> =>
    new Promise((resolve) => {
      this.inFlight.push({
        name: `draft ${JSON.stringify(d.text)}`,
        land: () => {
          if (d.text === '') {
            // A clear that lands before a line's Add would lose the line in a crash.
            const adds = this.inFlight.filter((o) => o.name.startsWith('add'));
            if (adds.length) this.problems.push(`a clear landed while ${adds.map((o) => o.name)} waited`);
            this.draft = null;
          } else this.draft = d;
          resolve();
        },
      });
    });

  /** add stands for Timeline.Add: the entry, and its draft cleared if it is still this line's. */
  add(line: DraftText, done: (ok: boolean) => void): void {
    this.inFlight.push({
      name: `add ${JSON.stringify(line.text)}`,
      land: () => {
        this.entries.push(line.text);
        const d = this.draft;
        if (d && (d.editingId ?? 0) === 0 && (d.text === line.text || (d.startedAt !== null && d.startedAt === line.startedAt))) this.draft = null;
        done(true);
      },
    });
  }

  async landAt(i: number): Promise<void> {
    const [op] = this.inFlight.splice(i, 1);
    op.land();
    await flush();
  }
}

const line = (text: string, startedAt: string): DraftText => ({ text, startedAt, editingId: null });
const S1 = '2026-11-21T14:20:00.000Z';
const S2 = '2026-11-21T14:20:03.000Z';

/** What the scribe does while the file is busy; nothing lands until it is done. */
type Scenario = (q: DraftQueue, f: File) => void;

/**
 * everyOrder runs the scenario once for every order in which the waiting
 * calls can land (a call the queue sends later joins the waiting ones), and
 * returns the file's draft text at the end of each run, with any problem.
 */
async function everyOrder(scenario: Scenario): Promise<{ order: string[]; draft: string; problems: string[] }[]> {
  const results: { order: string[]; draft: string; problems: string[] }[] = [];
  const explore = async (prefix: number[]): Promise<void> => {
    const f = new File();
    const q = new DraftQueue(f.saveDraft);
    scenario(q, f);
    await flush();
    const order: string[] = [];
    for (const i of prefix) {
      order.push(f.inFlight[i].name);
      await f.landAt(i);
    }
    if (f.inFlight.length === 0) {
      results.push({ order, draft: f.draft?.text ?? '', problems: f.problems });
      return;
    }
    for (let i = 0; i < f.inFlight.length; i++) await explore([...prefix, i]);
  };
  await explore([]);
  return results;
}

describe('draft saves that wait for a busy file', () => {
  it('leave the next line as the draft, whatever order they land in', async () => {
    const runs = await everyOrder((q, f) => {
      q.save(1, line('line one, half', S1)); // a pause while typing line one
      const l1 = line('line one, half typed', S1);
      f.add(l1, q.committing(1, l1)); // Enter
      q.save(1, line('line two', S2)); // a pause while typing line two
    });
    expect(runs.length).toBeGreaterThan(2);
    for (const r of runs) expect([r.order, r.draft, r.problems]).toEqual([r.order, 'line two', []]);
  });

  it('leave no draft once the next line was entered too', async () => {
    const runs = await everyOrder((q, f) => {
      q.save(1, line('line one, half', S1));
      const l1 = line('line one, half typed', S1);
      f.add(l1, q.committing(1, l1));
      q.save(1, line('line two', S2));
      const l2 = line('line two, whole', S2);
      f.add(l2, q.committing(1, l2));
    });
    expect(runs.length).toBeGreaterThan(2);
    for (const r of runs) expect([r.order, r.draft, r.problems]).toEqual([r.order, '', []]);
  });

  it('leave the latest of several drafts of the next line', async () => {
    const runs = await everyOrder((q, f) => {
      const l1 = line('line one', S1); // typed without a pause: no draft of it
      f.add(l1, q.committing(1, l1));
      q.save(1, line('line t', S2));
      q.save(1, line('line tw', S2));
      q.save(1, line('line two', S2));
    });
    for (const r of runs) expect([r.order, r.draft, r.problems]).toEqual([r.order, 'line two', []]);
  });

  it('leave no draft when a line was entered while its draft was in flight', async () => {
    const runs = await everyOrder((q, f) => {
      q.save(1, line('line one', S1));
      const l1 = line('line one', S1);
      f.add(l1, q.committing(1, l1));
    });
    for (const r of runs) expect([r.order, r.draft, r.problems]).toEqual([r.order, '', []]);
  });
});

describe('the draft queue', () => {
  it('sends one save at a time and only the newest text after it', async () => {
    const f = new File();
    const q = new DraftQueue(f.saveDraft);
    q.save(1, line('a', S1));
    q.save(1, line('ab', S1));
    q.save(1, line('abc', S1));
    await flush();
    expect(f.inFlight.map((o) => o.name)).toEqual(['draft "a"']);
    await f.landAt(0);
    expect(f.inFlight.map((o) => o.name)).toEqual(['draft "abc"']);
    await f.landAt(0);
    expect(f.inFlight).toEqual([]);
    expect(f.draft?.text).toBe('abc');
  });

  it('keeps each incident\'s newest text', async () => {
    const f = new File();
    const sent: number[] = [];
    const q = new DraftQueue((id, d) => {
      sent.push(id);
      return f.saveDraft(id, d);
    });
    q.save(1, line('one', S1));
    q.save(1, line('one more', S1));
    q.save(2, line('two', S2));
    await flush();
    await f.landAt(0);
    await f.landAt(0);
    await f.landAt(0);
    expect(sent).toEqual([1, 1, 2]);
  });

  it('does not clear a draft the line\'s own save already cleared', async () => {
    const f = new File();
    let saves = 0;
    const q = new DraftQueue((id, d) => {
      saves++;
      return f.saveDraft(id, d);
    });
    q.save(1, line('line one, half', S1));
    await flush();
    await f.landAt(0); // answered before Enter: the Add's own clear covers it
    const l1 = line('line one, half typed', S1);
    f.add(l1, q.committing(1, l1));
    await f.landAt(0);
    expect([saves, f.draft]).toEqual([1, null]);
  });

  it('does not clear after a failed save of a line: its text comes back to the line', async () => {
    const f = new File();
    let saves = 0;
    const q = new DraftQueue((id, d) => {
      saves++;
      return f.saveDraft(id, d);
    });
    q.save(1, line('line one', S1));
    await flush();
    const done = q.committing(1, line('line one', S1));
    await f.landAt(0);
    done(false);
    await flush();
    expect(saves).toBe(1);
    expect(f.draft?.text).toBe('line one');
  });
});
