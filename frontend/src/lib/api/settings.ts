// Typed wrappers over the Settings binding. The settings file holds more than
// the UI edits (escalation path, watch criteria...), so a save always starts from
// what Go has now and changes only the fields given: unknown fields survive.
import * as B from '../../../wailsjs/go/app/Settings';
import { settings as models } from '../../../wailsjs/go/models';
import { call } from './errors';
import type { ClockSettings, Rhythm, Settings } from './types';

function pick(s: Partial<Settings> | null | undefined): Settings {
  return {
    scribeName: s?.scribeName ?? '',
    showUTC: !!s?.showUTC,
    lastIncidentId: s?.lastIncidentId ?? 0,
    quietMode: !!s?.quietMode,
    escalationPath: s?.escalationPath ?? [],
    watchCriteria: s?.watchCriteria ?? [],
  };
}

export const rhythmFields: readonly (keyof Rhythm)[] = [
  'firstStatus', 'statusEvery', 'statusLater', 'statusUrgent', 'checkInEvery', 'actionAck', 'idle',
];

function toRhythm(r: Partial<Rhythm> | null | undefined): Rhythm {
  const out = {} as Rhythm;
  for (const f of rhythmFields) out[f] = Number(r?.[f]) || 0;
  return out;
}

export function toClockSettings(c: Partial<ClockSettings> | null | undefined): ClockSettings {
  const rhythms: Record<string, Rhythm> = {};
  for (const [sev, r] of Object.entries(c?.rhythms ?? {})) rhythms[sev] = toRhythm(r);
  return {
    rhythms,
    statusWindow: Number(c?.statusWindow) || 0,
    fatigueGentle: Number(c?.fatigueGentle) || 0,
    fatigueUrgent: Number(c?.fatigueUrgent) || 0,
    watch: Number(c?.watch) || 0,
  };
}

export async function getSettings(): Promise<Settings> {
  return pick(await call(() => B.Get()));
}

/** The clocks' numbers: as saved (0 = default) and as they apply (defaults filled in). */
export interface ClockSettingsView {
  saved: ClockSettings;
  effective: ClockSettings;
}

export async function getClockSettings(): Promise<ClockSettingsView> {
  const [s, eff] = await Promise.all([call(() => B.Get()), call(() => B.Clocks())]);
  return { saved: toClockSettings(s?.clocks), effective: toClockSettings(eff) };
}

/** updateSettings saves patch over the current settings and returns the result. */
export async function updateSettings(patch: Partial<Settings> & { clocks?: ClockSettings }): Promise<Settings> {
  const current = await call(() => B.Get());
  const next = models.Settings.createFrom({ ...current, ...patch });
  await call(() => B.Save(next));
  return pick(next);
}
