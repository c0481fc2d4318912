import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Timeline';
import * as I from '../../../wailsjs/go/app/Incidents';
import { line, problemPauseMs } from './line.svelte';
import { clock } from './clock.svelte';
import { entries } from './entries.svelte';
import { incident } from './incident.svelte';
import { ui } from './ui.svelte';
import type { Entry } from '../api/types';
import { maxDraftBytes, maxEntryBytes } from '../generated/limits';

const zero = '0001-01-01T00:00:00Z';
const goEntry = (id: number, raw: string, at: string, rec = at) => ({
  id, incidentId: 1, kind: 'note', text: raw, raw, occurredAt: at, recordedAt: rec, author: 'Ada', authorRole: 'scribe',
  key: false, internal: false, revisions: 0, deletedAt: zero,
});
const entry = (id: number, raw: string, at: string, rec = at): Entry => ({
  ...goEntry(id, raw, at, rec), kind: 'note', occurredAt: new Date(at), recordedAt: new Date(rec), deletedAt: null,
});
const flush = () => new Promise((r) => setTimeout(r, 0));

// Go's clock as the UI knows it (clock.at). Each test starts an hour after the
// last: a line's time never goes back, and the line store outlives a test.
let goNow = Date.parse('2026-11-21T14:20:00Z');
const T = (plusMs = 0) => new Date(goNow + plusMs).toISOString();

beforeEach(() => {
  goNow += 3_600_000;
  vi.spyOn(clock, 'at').mockImplementation(() => goNow);
  vi.mocked(B.Preview).mockImplementation(async (l: string) => ({ line: { kind: 'note', text: l, raw: l }, occurredAt: zero }) as never);
  vi.mocked(B.SaveDraft).mockResolvedValue(undefined as never);
  vi.mocked(I.Dashboard).mockResolvedValue({ incident: null, roles: [], history: [], keyMoments: [], decisions: [], mitigations: [] } as never);
  incident.current = null;
  entries.set(1, [entry(1, 'first', '2026-11-21T14:00:00Z'), entry(2, 'second', '2026-11-21T14:10:00Z')]);
  // Opening flushes a draft the previous test left pending; that save is not this test's.
  line.open(1, { incidentId: 1, text: '', startedAt: null, editingId: null });
  vi.mocked(B.SaveDraft).mockClear();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the entry line', () => {
  it('takes the time of the first keystroke at once, from Go\'s clock as the UI knows it, and adds with it', async () => {
    vi.mocked(B.Add).mockResolvedValue(goEntry(3, 'third', '2026-11-21T14:20:00Z') as never);
    line.input('t');
    const first = T();
    expect(line.startedAt).toBe(first); // no wait for Go
    goNow += 4000;
    line.input('th');
    line.input('third');
    await line.commit();
    expect(B.Now).not.toHaveBeenCalled();
    expect(B.Add).toHaveBeenCalledWith(1, 'third', first);
    expect(line.text).toBe('');
    expect(line.startedAt).toBeNull();
    expect(entries.items.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('shows a saving row at once and swaps in the stored entry', async () => {
    let resolve: (v: unknown) => void = () => {};
    vi.mocked(B.Add).mockReturnValue(new Promise((r) => (resolve = r)) as never);
    line.input('third');
    await flush();
    const saving = line.commit();
    await flush();
    const shown = entries.items.at(-1)!;
    expect(shown.pending).toBe(true);
    expect(shown.text).toBe('third');
    expect(line.text).toBe(''); // free at once for the next line
    resolve(goEntry(3, 'third', '2026-11-21T14:20:00Z'));
    await saving;
    expect(entries.items.map((e) => [e.id, e.pending ?? false])).toEqual([[1, false], [2, false], [3, false]]);
  });

  it('starts the next line while the previous one is saving', async () => {
    let resolve: (v: unknown) => void = () => {};
    vi.mocked(B.Add).mockReturnValue(new Promise((r) => (resolve = r)) as never);
    line.input('first line');
    const saving = line.commit();
    line.input('n');
    line.input('next');
    resolve(goEntry(3, 'first line', '2026-11-21T14:20:00Z'));
    await saving;
    expect(B.Add).toHaveBeenCalledWith(1, 'first line', T());
    expect(line.text).toBe('next');
  });

  it('puts a failed line back before what was typed since', async () => {
    let reject: (v: unknown) => void = () => {};
    vi.mocked(B.Add).mockReturnValue(new Promise((_, r) => (reject = r)) as never);
    line.input('@99:00 bad time');
    const saving = line.commit();
    line.input('more');
    reject({ code: 'invalid', message: 'not a time of day' });
    await saving;
    expect(line.text).toBe('@99:00 bad time more');
    expect(line.problem).toContain('not a time of day');
  });

  it('keeps a failed line as the draft of the incident the scribe switched away from', async () => {
    vi.mocked(B.Draft).mockResolvedValue({ incidentId: 1, text: '', startedAt: zero, editingId: 0, updatedAt: zero } as never);
    let reject: (v: unknown) => void = () => {};
    vi.mocked(B.Add).mockReturnValue(new Promise((_, r) => (reject = r)) as never);
    line.input('m: restart the consumers');
    const saving = line.commit(true);
    line.open(2, null);
    vi.mocked(B.SaveDraft).mockClear();
    reject({ code: 'internal', message: 'disk full' });
    await saving;
    await flush();
    await flush();
    expect(B.SaveDraft).toHaveBeenCalledWith(1, 'm: restart the consumers', T(), 0);
  });

  it('removes the saving row when the save fails', async () => {
    vi.mocked(B.Add).mockRejectedValue({ code: 'invalid', message: 'Add some text after the prefix.' });
    line.input('d:');
    await line.commit();
    expect(entries.items.map((e) => e.id)).toEqual([1, 2]);
    expect(line.text).toBe('d:');
  });

  it('inserts a backdated entry in its place', async () => {
    vi.mocked(B.Add).mockResolvedValue(goEntry(3, 'pager fired', '2026-11-21T14:05:00Z') as never);
    line.input('-15m pager fired');
    await line.commit();
    expect(entries.items.map((e) => e.id)).toEqual([1, 3, 2]);
    // The first keystroke's time goes to Go, which counts the 15 minutes back from it.
    expect(B.Add).toHaveBeenCalledWith(1, '-15m pager fired', T());
  });

  it('keeps the text and shows the message when saving fails', async () => {
    vi.mocked(B.Add).mockRejectedValue({ code: 'too_large', message: 'This entry is 70 KiB; the limit is 64 KiB.' });
    line.input('huge');
    await line.commit();
    expect(line.text).toBe('huge');
    expect(line.problem).toBe('This entry is 70 KiB; the limit is 64 KiB.');
    expect(entries.items).toHaveLength(2);
    line.input('huge!');
    expect(line.problem).toBe('');
  });

  it('keeps keys typed while the save was in flight', async () => {
    let resolve: (v: unknown) => void = () => {};
    vi.mocked(B.Add).mockReturnValue(new Promise((r) => (resolve = r)) as never);
    line.input('one');
    const saving = line.commit();
    await flush();
    line.input('one t');
    resolve(goEntry(3, 'one', '2026-11-21T14:20:00Z'));
    await saving;
    expect(line.text).toBe('one t');
    expect(entries.items.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('refuses more than 64 KiB without sending it', async () => {
    line.input('ev: ' + 'x'.repeat(64 * 1024));
    await line.commit();
    expect(B.Add).not.toHaveBeenCalled();
    expect(line.problem).toBe('This entry is 65 KiB; the limit is 64 KiB. Split it into several entries.');
    expect(line.text).toHaveLength(64 * 1024 + 4);
  });

  it('starts a new time after the line was emptied', async () => {
    line.input('x');
    goNow += 5 * 60_000;
    line.input('');
    line.input('y');
    expect(line.startedAt).toBe(T());
  });

  it('saves the draft 300 ms after the last keystroke, with its start time', async () => {
    vi.useFakeTimers();
    line.input('half');
    await vi.advanceTimersByTimeAsync(200);
    line.input('half typed');
    await vi.advanceTimersByTimeAsync(200);
    expect(B.SaveDraft).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(B.SaveDraft).toHaveBeenCalledTimes(1);
    expect(B.SaveDraft).toHaveBeenCalledWith(1, 'half typed', T(), 0);
  });

  it('saves a draft longer than an entry, up to Go\'s draft limit', async () => {
    vi.useFakeTimers();
    // Four entries' worth was the frontend's old, lower copy of the limit; Go keeps more.
    const long = 'x'.repeat(4 * maxEntryBytes + 1);
    expect(long.length).toBeLessThanOrEqual(maxDraftBytes);
    line.input(long);
    await vi.advanceTimersByTimeAsync(300);
    expect(B.SaveDraft).toHaveBeenCalledTimes(1);
    expect(vi.mocked(B.SaveDraft).mock.calls[0][1]).toHaveLength(long.length);
    vi.mocked(B.SaveDraft).mockClear();
    line.input('x'.repeat(maxDraftBytes + 1));
    await vi.advanceTimersByTimeAsync(300);
    expect(B.SaveDraft).not.toHaveBeenCalled();
  });

  it('does not save a pending draft after the line was committed', async () => {
    vi.useFakeTimers();
    vi.mocked(B.Add).mockResolvedValue(goEntry(3, 'done', '2026-11-21T14:20:00Z') as never);
    line.input('done');
    await line.commit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(B.SaveDraft).not.toHaveBeenCalled();
  });

  it('gives each line a later time than the one before, in the same millisecond or after the clock stepped back', async () => {
    const answers: (() => void)[] = [];
    // Saves under load: no answer until the end.
    vi.mocked(B.Add).mockImplementation((_id: number, l: string, at: string) => new Promise((r) => answers.push(() => r(goEntry(9, l, at)))) as never);
    const at = (ms: number) => T(ms); // from the test's starting time
    const [one, two, three] = [at(0), at(1), at(2)];
    line.input('one');
    void line.commit();
    line.input('two'); // the same millisecond
    void line.commit();
    goNow -= 40; // a sync moved the UI's copy of Go's clock back
    line.input('-3m three');
    void line.commit();
    expect(vi.mocked(B.Add).mock.calls).toEqual([[1, 'one', one], [1, 'two', two], [1, '-3m three', three]]);
    for (const a of answers) a();
    await flush();
  });

  it('sends draft saves one at a time, the newest text after the one in flight', async () => {
    vi.useFakeTimers();
    let answer: (v: unknown) => void = () => {};
    vi.mocked(B.SaveDraft).mockImplementation(() => new Promise((r) => (answer = r)) as never);
    line.input('half');
    await vi.advanceTimersByTimeAsync(300);
    line.input('half typ');
    await vi.advanceTimersByTimeAsync(300);
    line.input('half typed');
    await vi.advanceTimersByTimeAsync(300);
    expect(vi.mocked(B.SaveDraft).mock.calls.map((c) => c[1])).toEqual(['half']);
    answer(undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.mocked(B.SaveDraft).mock.calls.map((c) => c[1])).toEqual(['half', 'half typed']);
    answer(undefined);
  });

  it('clears the draft after a line entered while its draft was being saved', async () => {
    vi.useFakeTimers();
    let answerDraft: (v: unknown) => void = () => {};
    vi.mocked(B.SaveDraft).mockImplementationOnce(() => new Promise((r) => (answerDraft = r)) as never);
    let answerAdd: (v: unknown) => void = () => {};
    vi.mocked(B.Add).mockReturnValue(new Promise((r) => (answerAdd = r)) as never);
    line.input('half');
    await vi.advanceTimersByTimeAsync(300);
    line.input('half typed');
    const saving = line.commit(); // its Add can clear the file before the draft lands
    answerAdd(goEntry(3, 'half typed', T()));
    await saving;
    expect(vi.mocked(B.SaveDraft).mock.calls.map((c) => c[1])).toEqual(['half']);
    answerDraft(undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.mocked(B.SaveDraft).mock.calls.map((c) => c[1])).toEqual(['half', '']);
  });

  it('keeps lines typed before the incident exists and saves them in it, in order', async () => {
    vi.mocked(B.Add).mockImplementation(async (_id: number, l: string, at: string) => goEntry(10 + l.length, l, at) as never);
    line.detach(); // the New incident dialog's Enter
    line.input('first line');
    await line.commit();
    line.input('second');
    await line.commit();
    line.input('third, half');
    expect(B.Add).not.toHaveBeenCalled();
    expect(line.text).toBe('third, half');
    entries.set(5, []);
    line.open(5, { incidentId: 5, text: '', startedAt: null, editingId: null });
    await flush();
    expect(vi.mocked(B.Add).mock.calls).toEqual([[5, 'first line', T()], [5, 'second', T(1)]]);
    expect([line.text, line.startedAt]).toEqual(['third, half', T(2)]);
  });

  it('puts lines typed for an incident that could not be created back on the line', async () => {
    line.detach();
    line.input('first line');
    await line.commit();
    line.input('second');
    line.takeBack();
    expect([line.text, line.startedAt]).toEqual(['first line second', T()]);
    expect(B.Add).not.toHaveBeenCalled();
  });

  it('restores a draft being typed, and one editing an entry', () => {
    line.open(1, { incidentId: 1, text: 'half', startedAt: '2026-11-21T14:20:00Z', editingId: null });
    expect([line.text, line.startedAt, line.editing]).toEqual(['half', '2026-11-21T14:20:00Z', null]);
    line.open(1, { incidentId: 1, text: 'second!', startedAt: null, editingId: 2 });
    expect(line.editing?.id).toBe(2);
  });
});

describe('the grammar\'s problem with the line', () => {
  const unknownPhase = 'Unknown phase "moni". Use investigating, identified, mitigating, monitoring or resolved.';
  beforeEach(() => {
    vi.useFakeTimers();
    // The line belongs to incident 1: it asks PreviewIn.
    vi.mocked(B.PreviewIn).mockImplementation(async (_id: number, l: string) => ({
      line: { kind: 'note', text: l, raw: l, problem: l === 'phase: moni' ? unknownPhase : '' }, occurredAt: zero,
    }) as never);
  });

  it('waits for the pause at a word\'s end before it is shown', async () => {
    line.input('phase: mon');
    line.input('phase: moni');
    await vi.advanceTimersByTimeAsync(0);
    expect(line.preview?.line.problem).toBe(unknownPhase);
    expect(line.problem).toBe('');
    await vi.advanceTimersByTimeAsync(problemPauseMs - 1);
    expect(line.problem).toBe('');
    await vi.advanceTimersByTimeAsync(1);
    expect(line.problem).toBe(unknownPhase);
  });

  it('is hidden again by the next key and waits for the next pause', async () => {
    line.input('phase: moni');
    await vi.advanceTimersByTimeAsync(problemPauseMs);
    expect(line.problem).toBe(unknownPhase);
    line.input('phase: monit');
    expect(line.problem).toBe('');
    line.input('phase: moni'); // backspace
    await vi.advanceTimersByTimeAsync(problemPauseMs - 100);
    expect(line.problem).toBe('');
    await vi.advanceTimersByTimeAsync(100);
    expect(line.problem).toBe(unknownPhase);
  });

  it('is shown at once when Enter is pressed before the pause', async () => {
    line.input('phase: moni');
    await vi.advanceTimersByTimeAsync(0);
    line.busy = true; // Enter while a mitigation check is still out: the line stays as typed
    try {
      await line.commit();
    } finally {
      line.busy = false;
    }
    expect(line.text).toBe('phase: moni');
    expect(line.problem).toBe(unknownPhase);
  });

  it('does not come back once the line was cleared', async () => {
    line.input('phase: moni');
    await vi.advanceTimersByTimeAsync(0);
    line.clear();
    expect(line.typing).toBe(false);
    await vi.advanceTimersByTimeAsync(problemPauseMs);
    expect(line.problem).toBe('');
  });

  it('does not hold back the size problem or a save error', async () => {
    line.input('ev: ' + 'x'.repeat(maxEntryBytes));
    expect(line.problem).toBe('This entry is 65 KiB; the limit is 64 KiB. Split it into several entries.');
    vi.mocked(B.Add).mockRejectedValue({ code: 'invalid', message: 'Add some text after the prefix.' });
    line.input('d:');
    await line.commit();
    line.input('d: ');
    expect(line.problem).toBe('');
    await line.commit();
    expect(line.problem).toBe('Add some text after the prefix.');
  });
});

describe('editing', () => {
  it('edits the entry written last, even when it is not the latest in time', () => {
    entries.set(1, [entry(1, 'a', '2026-11-21T14:00:00Z', '2026-11-21T14:30:00Z'), entry(2, 'b', '2026-11-21T14:10:00Z', '2026-11-21T14:10:00Z')]);
    line.editLast();
    expect(line.editing?.id).toBe(1);
    expect(line.text).toBe('a');
  });

  it('saves with Edit and replaces the entry in place', async () => {
    vi.mocked(B.Edit).mockResolvedValue({ ...goEntry(2, 'second (confirmed)', '2026-11-21T14:10:00Z'), revisions: 1 } as never);
    line.editLast();
    line.input('second (confirmed)');
    await line.commit();
    expect(B.Edit).toHaveBeenCalledWith(2, 'second (confirmed)');
    expect(B.Add).not.toHaveBeenCalled();
    expect(entries.items.map((e) => [e.id, e.text])).toEqual([[1, 'first'], [2, 'second (confirmed)']]);
    expect(line.editing).toBeNull();
  });

  it('walks to earlier and later entries', () => {
    line.editLast();
    line.walk(-1);
    expect(line.editing?.id).toBe(1);
    line.walk(1);
    expect(line.editing?.id).toBe(2);
  });

  it('deletes the edited entry and restores it on undo', async () => {
    vi.mocked(B.Delete).mockResolvedValue(undefined as never);
    vi.mocked(B.Restore).mockResolvedValue(goEntry(2, 'second', '2026-11-21T14:10:00Z') as never);
    line.editLast();
    await line.deleteEditing();
    expect(B.Delete).toHaveBeenCalledWith(2);
    expect(entries.items.map((e) => e.id)).toEqual([1]);
    expect(ui.undo?.id).toBe(2);
    expect(line.text).toBe('');
    await line.undoDelete();
    expect(B.Restore).toHaveBeenCalledWith(2);
    expect(entries.items.map((e) => e.id)).toEqual([1, 2]);
    expect(ui.undo).toBeNull();
  });
});

describe('one mitigation at a time', () => {
  const mitigationPreview = async (l: string) => ({ line: { kind: l.startsWith('m:') ? 'mitigation' : 'note', text: l.replace(/^m:\s*/, ''), raw: l }, occurredAt: zero }) as never;
  const inProgress = { ...goEntry(2, 'm: failover', '2026-11-21T14:10:00Z'), kind: 'mitigation', text: 'failover' };

  beforeEach(() => {
    vi.mocked(B.Preview).mockImplementation(mitigationPreview);
    ui.dialog = null;
  });

  it('asks before starting another mitigation and keeps the text', async () => {
    vi.mocked(B.MitigationInProgress).mockResolvedValue(inProgress as never);
    line.input('m: restart pods');
    await flush();
    await line.commit();
    expect(B.MitigationInProgress).toHaveBeenCalledWith(1);
    expect(B.Add).not.toHaveBeenCalled();
    expect(ui.dialog).toBe('mitigation');
    expect(line.inProgress?.text).toBe('failover');
    expect(line.text).toBe('m: restart pods');
  });

  it('asks about the time the line will carry, not the time it is typed', async () => {
    vi.mocked(B.Preview).mockImplementation(async (l: string) => ({ line: { kind: 'mitigation', text: l.replace(/^@\S+ m:\s*/, ''), raw: l, time: '@14:21' }, occurredAt: '2026-11-21T14:21:00Z' }) as never);
    vi.mocked(B.MitigationInProgressAt).mockResolvedValue(null as never);
    vi.mocked(B.Add).mockResolvedValue({ ...goEntry(3, 'm: failover', '2026-11-21T14:21:00Z'), kind: 'mitigation' } as never);
    line.input('@14:21 m: failover');
    await flush();
    await line.commit();
    expect(B.MitigationInProgressAt).toHaveBeenCalledWith(1, '2026-11-21T14:21:00.000Z');
    expect(ui.dialog).toBeNull();
    expect(B.Add).toHaveBeenCalledTimes(1);
  });

  it('records it anyway once confirmed', async () => {
    vi.mocked(B.Add).mockResolvedValue({ ...goEntry(3, 'm: restart pods', '2026-11-21T14:20:00Z'), kind: 'mitigation', overrode: 2 } as never);
    line.input('m: restart pods');
    await flush();
    await line.commit(true);
    expect(B.MitigationInProgress).not.toHaveBeenCalled();
    expect(B.Add).toHaveBeenCalledWith(1, 'm: restart pods', T());
    expect(entries.byId(3)?.overrode).toBe(2);
    expect(line.text).toBe('');
  });

  it('does not ask when none is in progress, for outcomes, or for other kinds', async () => {
    vi.mocked(B.Add).mockResolvedValue(goEntry(3, 'x', '2026-11-21T14:20:00Z') as never);
    vi.mocked(B.MitigationInProgress).mockResolvedValue(null as never);
    line.input('m: restart pods');
    await flush();
    await line.commit();
    expect(B.Add).toHaveBeenCalledTimes(1);
    vi.mocked(B.MitigationInProgress).mockClear();
    vi.mocked(B.MitigationInProgress).mockResolvedValue(inProgress as never);
    for (const text of ['m: failed: made it worse', 'd: roll back']) {
      line.input(text);
      await flush();
      await line.commit();
    }
    expect(B.MitigationInProgress).not.toHaveBeenCalled();
    expect(B.Add).toHaveBeenCalledTimes(3);
    expect(ui.dialog).toBeNull();
  });
});

