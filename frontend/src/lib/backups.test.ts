import { describe, expect, it } from 'vitest';
import type { Backup } from './api/backups';
import { backupLabels, incidentsLabel, reasonLabel, sizeLabel } from './backups';

const at = (iso: string, reason = 'periodic'): Backup => ({ path: `/b/${iso}-${reason}.db`, time: new Date(iso), incidents: 2, size: 1, reason, problem: '' });
const now = new Date('2026-11-22T18:30:00Z');

describe('backupLabels', () => {
  it('names today by the time and other days by the date', () => {
    expect(backupLabels([at('2026-11-22T14:05:09Z'), at('2026-11-21T09:00:00Z')], now, 'UTC')).toEqual(['14:05', 'Sat 21 Nov 09:00']);
  });

  it('uses local time: the zone decides the day too', () => {
    // 22:00 UTC on the 21st is 03:30 on the 22nd in Kolkata: today there at
    // 15:30 (10:00 UTC), yesterday in UTC.
    const morning = new Date('2026-11-22T10:00:00Z');
    expect(backupLabels([at('2026-11-21T22:00:00Z')], morning, 'Asia/Kolkata')).toEqual(['03:30']);
    expect(backupLabels([at('2026-11-21T22:00:00Z')], morning, 'UTC')).toEqual(['Sat 21 Nov 22:00']);
  });

  it('adds seconds when two share a minute, and a number when they share a second', () => {
    const list = [at('2026-11-22T14:05:09Z', 'manual'), at('2026-11-22T14:05:09Z', 'periodic'), at('2026-11-22T14:05:01Z'), at('2026-11-22T13:00:00Z')];
    expect(backupLabels(list, now, 'UTC')).toEqual(['14:05:09 (2)', '14:05:09', '14:05:01', '13:00']);
  });
});

describe('labels', () => {
  it('says why, how big and how many', () => {
    expect(reasonLabel('resolved')).toBe('incident resolved');
    expect(reasonLabel('before-restore')).toBe('before a restore');
    expect(reasonLabel('something-new')).toBe('something-new');
    expect(sizeLabel(512)).toBe('512 B');
    expect(sizeLabel(1536)).toBe('1.5 KB');
    expect(sizeLabel(3.4 * 1024 * 1024)).toBe('3.4 MB');
    expect(sizeLabel(120 * 1024 * 1024)).toBe('120 MB');
    expect(incidentsLabel(1)).toBe('1 incident');
    expect(incidentsLabel(0)).toBe('0 incidents');
  });
});
