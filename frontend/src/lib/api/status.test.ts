import { afterEach, describe, expect, it, vi } from 'vitest';
import * as S from '../../../wailsjs/go/app/Status';
import * as H from '../../../wailsjs/go/app/Handoff';
import * as T from '../../../wailsjs/go/app/Timeline';
import * as RT from '../../../wailsjs/runtime/runtime';
import { completeHandoff, handoffBrief, recordStatus, statusDraft } from './status';
import { mitigationInProgress } from './timeline';
import { copyText } from './clipboard';

const zero = '0001-01-01T00:00:00Z';
const goEntry = (over: object = {}) => ({
  id: 12, incidentId: 3, kind: 'status', text: 'SEV2 investigating', raw: 'status: SEV2 investigating', occurredAt: '2026-11-21T14:05:00Z',
  recordedAt: '2026-11-21T14:05:00Z', author: 'Ada', authorRole: 'scribe', key: false, internal: true, revisions: 0, deletedAt: zero, ...over,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('status updates', () => {
  it('drafts for an audience', async () => {
    vi.mocked(S.Draft).mockResolvedValue({ audience: 'external', text: 'We are investigating.', nextMinutes: 20, nextUpdateAt: '2026-11-21T14:25:00Z' } as never);
    const d = await statusDraft(3, 'external');
    expect(S.Draft).toHaveBeenCalledWith(3, 'external');
    expect(d).toEqual({ audience: 'external', text: 'We are investigating.', nextMinutes: 20, nextUpdateAt: new Date('2026-11-21T14:25:00Z') });
  });

  it('records with the promised interval and returns the entry', async () => {
    vi.mocked(S.Record).mockResolvedValue(goEntry() as never);
    const e = await recordStatus(3, 'SEV2 investigating', 'internal', 30);
    expect(S.Record).toHaveBeenCalledWith(3, 'SEV2 investigating', 'internal', 30);
    expect(e.kind).toBe('status');
    expect(e.internal).toBe(true);
  });
});

describe('handoff', () => {
  it('asks for the brief and completes with the incoming name trimmed', async () => {
    vi.mocked(H.Brief).mockResolvedValue({ role: 'ic', outgoing: 'Priya', since: '2026-11-21T14:00:00Z', text: 'Impact: …' } as never);
    const b = await handoffBrief(3, '');
    expect(H.Brief).toHaveBeenCalledWith(3, '');
    expect(b).toEqual({ role: 'ic', outgoing: 'Priya', since: new Date('2026-11-21T14:00:00Z'), text: 'Impact: …' });
    vi.mocked(H.Complete).mockResolvedValue(goEntry({ kind: 'role', role: 'ic', person: 'Sam' }) as never);
    const e = await completeHandoff(3, 'ic', ' Sam ', 'brief');
    expect(H.Complete).toHaveBeenCalledWith(3, 'ic', 'Sam', 'brief');
    expect(e.person).toBe('Sam');
  });

  it('reports handing a role to its holder', async () => {
    vi.mocked(H.Complete).mockRejectedValue({ code: 'conflict', message: 'Priya is already the Incident Commander.' });
    await expect(completeHandoff(3, 'ic', 'Priya', 'b')).rejects.toThrow('Priya is already the Incident Commander.');
  });
});

describe('mitigationInProgress', () => {
  it('returns the entry in progress with the override it records, or null', async () => {
    vi.mocked(T.MitigationInProgress).mockResolvedValue(goEntry({ kind: 'mitigation', text: 'failover', overrode: 5 }) as never);
    const e = await mitigationInProgress(3);
    expect(T.MitigationInProgress).toHaveBeenCalledWith(3);
    expect(e?.text).toBe('failover');
    expect(e?.overrode).toBe(5);
    vi.mocked(T.MitigationInProgress).mockResolvedValue(null as never);
    expect(await mitigationInProgress(3)).toBeNull();
  });
});

describe('copyText', () => {
  it('uses the browser clipboard when it works', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await copyText('hello');
    expect(writeText).toHaveBeenCalledWith('hello');
    expect(RT.ClipboardSetText).not.toHaveBeenCalled();
  });

  it('falls back to the Wails runtime when the browser refuses', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn().mockRejectedValue(new Error('NotAllowedError')) } });
    vi.mocked(RT.ClipboardSetText).mockResolvedValue(true);
    await copyText('hello');
    expect(RT.ClipboardSetText).toHaveBeenCalledWith('hello');
  });

  it('says so when neither can copy', async () => {
    vi.stubGlobal('navigator', {});
    vi.mocked(RT.ClipboardSetText).mockResolvedValue(false);
    await expect(copyText('hello')).rejects.toThrow(/Could not copy/);
  });
});
