// The scribe's preferences. Go also writes the settings file (it remembers the
// last opened incident), so every save starts from the file's current content.
import { getClockSettings, getSettings, updateSettings, type ClockSettingsView } from '../api/settings';
import type { ClockSettings, Settings } from '../api/types';
import { zoneFor } from '../time';

class SettingsStore {
  scribeName = $state('');
  showUTC = $state(false);
  lastIncidentId = $state(0);
  quietMode = $state(false);

  /** tz is the zone times are shown in: undefined for local, "UTC" when toggled. */
  tz = $derived(zoneFor(this.showUTC));

  async load(): Promise<void> {
    this.assign(await getSettings());
  }

  async save(patch: Partial<Settings> & { clocks?: ClockSettings }): Promise<void> {
    this.assign(await updateSettings(patch));
  }

  /** clockSettings returns the reminder numbers as saved and as they apply, for the form. */
  clockSettings(): Promise<ClockSettingsView> {
    return getClockSettings();
  }

  /** toggleUtc flips the display at once and saves in the background; a failed save flips it back. */
  async toggleUtc(): Promise<void> {
    const want = !this.showUTC;
    this.showUTC = want;
    try {
      await this.save({ showUTC: want });
    } catch (err) {
      this.showUTC = !want;
      throw err;
    }
  }

  private assign(s: Settings): void {
    this.scribeName = s.scribeName;
    this.showUTC = s.showUTC;
    this.lastIncidentId = s.lastIncidentId;
    this.quietMode = s.quietMode;
  }
}

export const settings = new SettingsStore();
