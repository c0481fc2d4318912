import { describe, expect, it } from 'vitest';
import { timeToken } from './override';

describe('timeToken', () => {
  it('treats blank as no change', () => {
    expect(timeToken('  ')).toEqual({ token: null });
  });

  it('accepts the override forms, with or without @', () => {
    expect(timeToken('@14:05')).toEqual({ token: '@14:05' });
    expect(timeToken('14:05')).toEqual({ token: '@14:05' });
    expect(timeToken('9:05:30Z')).toEqual({ token: '@9:05:30Z' });
    expect(timeToken(' 2026-11-21  23:58 ')).toEqual({ token: '@2026-11-21 23:58' });
    expect(timeToken('2026-11-21T23:58')).toEqual({ token: '@2026-11-21T23:58' });
    expect(timeToken('-1h30m')).toEqual({ token: '-1h30m' });
  });

  it('refuses anything else with a message saying what works', () => {
    for (const bad of ['-', 'yesterday', '14h05', '@14', '2026-11-21', '-3 m']) {
      const r = timeToken(bad);
      expect('error' in r ? r.error : '', bad).toMatch(/is not a time: use 14:05/);
    }
  });
});
