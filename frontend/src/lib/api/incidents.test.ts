import { describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Incidents';
import * as S from '../../../wailsjs/go/app/Settings';
import * as R from '../../../wailsjs/runtime/runtime';
import { createIncident, dashboard, listIncidents, resolveHeaderTime, updateIncident } from './incidents';
import { getSettings, updateSettings } from './settings';
import { EventFocusRequested, onFocusRequested } from './events';

const zero = '0001-01-01T00:00:00Z';
const goIncident = {
  id: 3, title: 'Checkout down', declaredAt: '2026-11-21T14:00:00Z', detectedAt: zero,
  createdAt: '2026-11-21T14:00:00Z', updatedAt: '2026-11-21T14:10:00Z', severity: 'SEV2',
  phase: 'investigating', impact: '', mitigatedAt: zero, resolvedAt: zero, entryCount: 4,
};

describe('incidents', () => {
  it('maps zero times to null and keeps set ones', async () => {
    vi.mocked(B.Create).mockResolvedValue(goIncident as never);
    const inc = await createIncident('Checkout down', 'SEV2');
    expect(B.Create).toHaveBeenCalledWith('Checkout down', 'SEV2');
    expect(inc.detectedAt).toBeNull();
    expect(inc.mitigatedAt).toBeNull();
    expect(inc.resolvedAt).toBeNull();
    expect(inc.declaredAt.toISOString()).toBe('2026-11-21T14:00:00.000Z');
  });

  it('starts an incident with typed times through Start, untouched for Go to read', async () => {
    vi.mocked(B.Start).mockResolvedValue(goIncident as never);
    await createIncident('Checkout down', 'SEV2', { declared: ' -20m ', detected: '@13:50' });
    expect(B.Start).toHaveBeenCalledWith({ title: 'Checkout down', severity: 'SEV2', declared: '-20m', detected: '@13:50' });
  });

  it('starts an incident with blank times through Create, declared now', async () => {
    vi.mocked(B.Create).mockClear();
    vi.mocked(B.Start).mockClear();
    vi.mocked(B.Create).mockResolvedValue(goIncident as never);
    await createIncident('Checkout down', 'SEV2', { declared: '  ', detected: '' });
    expect(B.Create).toHaveBeenCalledWith('Checkout down', 'SEV2');
    expect(B.Start).not.toHaveBeenCalled();
  });

  it('says what a typed time means, null for a blank one, and passes Go\'s refusal on', async () => {
    vi.mocked(B.ResolveTime).mockResolvedValueOnce('2018-03-03T11:00:00Z').mockResolvedValueOnce('');
    expect((await resolveHeaderTime(3, '11:00'))?.toISOString()).toBe('2018-03-03T11:00:00.000Z');
    expect(B.ResolveTime).toHaveBeenCalledWith(3, '11:00');
    expect(await resolveHeaderTime(3, '')).toBeNull();
    vi.mocked(B.ResolveTime).mockRejectedValueOnce({ code: 'invalid', message: 'The time: "@noon" is not a time' });
    await expect(resolveHeaderTime(0, 'noon')).rejects.toThrow('is not a time');
  });

  it('sends declared and detected as typed, blank when not given', async () => {
    vi.mocked(B.Update).mockResolvedValue(goIncident as never);
    const h = { title: 't', severity: 'SEV2', phase: '', impact: '', detectedAt: '' };
    await updateIncident(3, h);
    expect(B.Update).toHaveBeenLastCalledWith(3, { ...h, declared: '', detected: '' });
    await updateIncident(3, { ...h, declared: '2018-03-03 09:30' });
    expect(B.Update).toHaveBeenLastCalledWith(3, { ...h, declared: '2018-03-03 09:30', detected: '' });
  });

  it('lists nothing when Go returns null', async () => {
    vi.mocked(B.List).mockResolvedValue(null as never);
    expect(await listIncidents()).toEqual([]);
  });

  it('sends the header update as given and maps errors', async () => {
    vi.mocked(B.Update).mockRejectedValue({ code: 'invalid', message: 'Severity must be SEV1, SEV2, SEV3 or SEV4.' });
    const h = { title: 't', severity: 'SEV9', phase: '', impact: '', detectedAt: '' };
    await expect(updateIncident(3, h)).rejects.toThrow('Severity must be SEV1, SEV2, SEV3 or SEV4.');
    expect(B.Update).toHaveBeenCalledWith(3, { ...h, declared: '', detected: '' });
  });

  it('maps the dashboard, open roles having no end', async () => {
    vi.mocked(B.Dashboard).mockResolvedValue({
      incident: goIncident,
      roles: [{ role: 'ic', person: 'Priya', from: '2026-11-21T14:01:00Z', to: zero, entryId: 5 }],
      history: null, keyMoments: [], decisions: null, mitigations: [],
    } as never);
    const d = await dashboard(3);
    expect(d.incident?.title).toBe('Checkout down');
    expect(d.roles[0].to).toBeNull();
    expect(d.roles[0].from.toISOString()).toBe('2026-11-21T14:01:00.000Z');
    expect(d.history).toEqual([]);
    expect(d.decisions).toEqual([]);
  });
});

describe('settings', () => {
  it('reads the fields the UI uses', async () => {
    vi.mocked(S.Get).mockResolvedValue({ scribeName: 'Ada', showUTC: true, lastIncidentId: 3, quietMode: true } as never);
    expect(await getSettings()).toEqual({ scribeName: 'Ada', showUTC: true, lastIncidentId: 3, quietMode: true, escalationPath: [], watchCriteria: [] });
  });

  it('saves a change over the current settings, keeping fields the UI does not edit', async () => {
    vi.mocked(S.Get).mockResolvedValue({ scribeName: 'Ada', showUTC: false, lastIncidentId: 7, quietMode: true, escalationPath: ['Priya'] } as never);
    vi.mocked(S.Save).mockResolvedValue(undefined as never);
    expect(await updateSettings({ showUTC: true })).toEqual({ scribeName: 'Ada', showUTC: true, lastIncidentId: 7, quietMode: true, escalationPath: ['Priya'], watchCriteria: [] });
    expect(S.Save).toHaveBeenCalledWith(expect.objectContaining({ scribeName: 'Ada', showUTC: true, lastIncidentId: 7, quietMode: true, escalationPath: ['Priya'] }));
  });

  it('reports a refused save with its message', async () => {
    vi.mocked(S.Get).mockResolvedValue({ scribeName: 'Ada', showUTC: false, lastIncidentId: 7 } as never);
    vi.mocked(S.Save).mockRejectedValue({ code: 'invalid', message: 'Your name cannot be empty' });
    await expect(updateSettings({ scribeName: '' })).rejects.toThrow('Your name cannot be empty');
  });
});

describe('events', () => {
  it('subscribes to the focus event and returns its unsubscribe', () => {
    const off = vi.fn();
    let handler: (() => void) | undefined;
    vi.mocked(R.EventsOn).mockImplementation((name, cb) => {
      expect(name).toBe(EventFocusRequested);
      handler = cb as () => void;
      return off;
    });
    const fn = vi.fn();
    const unsubscribe = onFocusRequested(fn);
    handler?.();
    expect(fn).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(off).toHaveBeenCalled();
  });

  it('does nothing outside Wails', () => {
    vi.mocked(R.EventsOn).mockImplementation(() => { throw new TypeError('window.runtime is undefined'); });
    expect(() => onFocusRequested(() => {})()).not.toThrow();
  });
});
