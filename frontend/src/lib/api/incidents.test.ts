import { describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Incidents';
import * as S from '../../../wailsjs/go/app/Settings';
import * as R from '../../../wailsjs/runtime/runtime';
import { createIncident, dashboard, listIncidents, updateIncident } from './incidents';
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

  it('lists nothing when Go returns null', async () => {
    vi.mocked(B.List).mockResolvedValue(null as never);
    expect(await listIncidents()).toEqual([]);
  });

  it('sends the header update as given and maps errors', async () => {
    vi.mocked(B.Update).mockRejectedValue({ code: 'invalid', message: 'Severity must be SEV1, SEV2, SEV3 or SEV4.' });
    const h = { title: 't', severity: 'SEV9', phase: '', impact: '', detectedAt: '' };
    await expect(updateIncident(3, h)).rejects.toThrow('Severity must be SEV1, SEV2, SEV3 or SEV4.');
    expect(B.Update).toHaveBeenCalledWith(3, h);
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
    expect(await getSettings()).toEqual({ scribeName: 'Ada', showUTC: true, lastIncidentId: 3, quietMode: true });
  });

  it('saves a change over the current settings, keeping fields the UI does not edit', async () => {
    vi.mocked(S.Get).mockResolvedValue({ scribeName: 'Ada', showUTC: false, lastIncidentId: 7, quietMode: true, escalationPath: ['Priya'] } as never);
    vi.mocked(S.Save).mockResolvedValue(undefined as never);
    expect(await updateSettings({ showUTC: true })).toEqual({ scribeName: 'Ada', showUTC: true, lastIncidentId: 7, quietMode: true });
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
