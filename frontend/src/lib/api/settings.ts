// Typed wrappers over the Settings binding. The settings file holds more than
// the UI edits (clock rhythms, escalation path...), so a save always starts from
// what Go has now and changes only the fields given.
import * as B from '../../../wailsjs/go/app/Settings';
import { settings as models } from '../../../wailsjs/go/models';
import { call } from './errors';
import type { Settings } from './types';

function pick(s: Partial<Settings> | null | undefined): Settings {
  return {
    scribeName: s?.scribeName ?? '',
    showUTC: !!s?.showUTC,
    lastIncidentId: s?.lastIncidentId ?? 0,
  };
}

export async function getSettings(): Promise<Settings> {
  return pick(await call(() => B.Get()));
}

/** updateSettings saves patch over the current settings and returns the result. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await call(() => B.Get());
  const next = models.Settings.createFrom({ ...current, ...patch });
  await call(() => B.Save(next));
  return pick(next);
}
