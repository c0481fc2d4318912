import { describe, expect, it } from 'vitest';
import { earlyStart, exactToken } from './declaration';
import type { Entry, Incident } from './api/types';

const declared = new Date('2018-03-03T09:30:00Z');
const inc = { id: 7, title: 'Checkout down', declaredAt: declared, detectedAt: null } as Incident;
const entry = (id: number, iso: string, deleted = false) =>
  ({ id, incidentId: 7, occurredAt: new Date(iso), deletedAt: deleted ? new Date(iso) : null }) as Entry;

describe('earlyStart', () => {
  it('finds a first entry before the declaration', () => {
    const got = earlyStart(inc, [entry(2, '2018-03-03T09:12:00Z'), entry(1, '2018-03-03T09:30:00Z')]);
    expect(got?.at.toISOString()).toBe('2018-03-03T09:12:00.000Z');
    expect(got?.beforeMs).toBe(18 * 60 * 1000);
    expect(got?.canDetect).toBe(true);
    expect(got?.key).toBe(`7:${Date.parse('2018-03-03T09:12:00Z')}`);
  });

  it('says nothing when the declaration comes first, or within a second', () => {
    expect(earlyStart(inc, [entry(1, '2018-03-03T09:30:00Z'), entry(2, '2018-03-03T09:40:00Z')])).toBeNull();
    expect(earlyStart(inc, [entry(2, '2018-03-03T09:29:59.500Z')])).toBeNull();
    expect(earlyStart(inc, [])).toBeNull();
    expect(earlyStart(null, [entry(2, '2018-03-03T09:12:00Z')])).toBeNull();
  });

  it('skips deleted entries and other incidents', () => {
    const other = { ...entry(3, '2018-03-03T08:00:00Z'), incidentId: 8 } as Entry;
    expect(earlyStart(inc, [other, entry(2, '2018-03-03T09:00:00Z', true), entry(1, '2018-03-03T09:30:00Z')])).toBeNull();
  });

  it('offers the detection only when it would move earlier', () => {
    const detectedEarlier = { ...inc, detectedAt: new Date('2018-03-03T09:00:00Z') };
    expect(earlyStart(detectedEarlier, [entry(2, '2018-03-03T09:12:00Z')])?.canDetect).toBe(false);
    const detectedLater = { ...inc, detectedAt: new Date('2018-03-03T09:20:00Z') };
    expect(earlyStart(detectedLater, [entry(2, '2018-03-03T09:12:00Z')])?.canDetect).toBe(true);
  });
});

describe('exactToken', () => {
  it('writes an instant to the second in UTC', () => {
    expect(exactToken(new Date('2018-03-03T09:12:05.400Z'))).toBe('@2018-03-03 09:12:05Z');
  });
});
