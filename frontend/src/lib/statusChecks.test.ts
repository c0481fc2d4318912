import { describe, expect, it } from 'vitest';
import { checkPlaces, checkSummary } from './statusChecks';

const draft = 'Checkout errors: We are investigating.\n' +
  'Impact: [check: name removed] says [check: host removed] is read-only\n' +
  'What we are doing: ask [check: Stripe] about retries; restart [check: db-primary-3]; [check: host removed] again\n' +
  'Next update by 14:50 CET.';

describe('checkPlaces', () => {
  it('finds every mark of the customer draft, repeats included', () => {
    expect(checkPlaces(draft)).toEqual(['[check: name removed]', '[check: host removed]', '[check: Stripe]', '[check: db-primary-3]', '[check: host removed]']);
  });

  it('follows the edits: a mark the IC rewrote is gone', () => {
    const edited = draft.replace('[check: Stripe]', 'our payment provider').replace('[check: name removed] says ', '');
    expect(checkPlaces(edited)).toHaveLength(3);
  });

  it('finds none in an internal draft or in brackets that are not marks', () => {
    expect(checkPlaces('[SEV2] Checkout errors [check] [checked: x]')).toEqual([]);
    expect(checkPlaces('')).toEqual([]);
  });

  it('never spans lines', () => {
    expect(checkPlaces('[check: half\nline]')).toEqual([]);
  });
});

describe('checkSummary', () => {
  it('counts the places and names each kind once', () => {
    expect(checkSummary(checkPlaces(draft))).toBe('5 places to check before copying: name removed, host removed, Stripe, db-primary-3');
  });

  it('says one place in the singular, and nothing when none', () => {
    expect(checkSummary(['[check: Stripe]'])).toBe('1 place to check before copying: Stripe');
    expect(checkSummary([])).toBe('');
  });

  it('shortens a long list', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((w) => `[check: ${w}]`);
    expect(checkSummary(many)).toBe('5 places to check before copying: a, b, c, d, …');
  });
});
