import { describe, expect, it, vi } from 'vitest';
import * as S from '../../../wailsjs/go/app/Settings';
import { getClockSettings, toClockSettings, updateSettings } from './settings';

const rhythm = { firstStatus: 5, statusEvery: 20, statusLater: 60, statusUrgent: 5, checkInEvery: 15, actionAck: 2, idle: 5 };

describe('clock settings', () => {
  it('reads the saved overrides and the effective numbers', async () => {
    vi.mocked(S.Get).mockResolvedValue({ scribeName: 'Ada', clocks: { rhythms: { SEV2: { statusEvery: 25 } }, watch: 30 } } as never);
    vi.mocked(S.Clocks).mockResolvedValue({ rhythms: { SEV2: { ...rhythm, statusEvery: 25 } }, statusWindow: 120, fatigueGentle: 60, fatigueUrgent: 180, watch: 30 } as never);
    const v = await getClockSettings();
    expect(v.saved.rhythms.SEV2).toEqual({ firstStatus: 0, statusEvery: 25, statusLater: 0, statusUrgent: 0, checkInEvery: 0, actionAck: 0, idle: 0 });
    expect(v.saved.statusWindow).toBe(0);
    expect(v.effective.rhythms.SEV2.statusEvery).toBe(25);
    expect(v.effective.fatigueUrgent).toBe(180);
  });

  it('maps missing settings to zeros', () => {
    expect(toClockSettings(null)).toEqual({ rhythms: {}, statusWindow: 0, fatigueGentle: 0, fatigueUrgent: 0, watch: 0 });
  });

  it('saves quiet mode and clocks over the current settings, keeping the rest', async () => {
    vi.mocked(S.Get).mockResolvedValue({ scribeName: 'Ada', showUTC: false, lastIncidentId: 7, quietMode: false, escalationPath: ['Priya'], watchCriteria: ['x'] } as never);
    vi.mocked(S.Save).mockResolvedValue(undefined as never);
    const clocks = { rhythms: { SEV1: rhythm }, statusWindow: 0, fatigueGentle: 0, fatigueUrgent: 0, watch: 20 };
    const s = await updateSettings({ quietMode: true, clocks });
    expect(s.quietMode).toBe(true);
    const sent = vi.mocked(S.Save).mock.calls[0][0];
    expect(sent).toMatchObject({ quietMode: true, escalationPath: ['Priya'], watchCriteria: ['x'], lastIncidentId: 7 });
    expect(sent.clocks.watch).toBe(20);
    expect(sent.clocks.rhythms.SEV1.statusEvery).toBe(20);
  });
});
