import { describe, expect, it } from 'vitest';
import { ApiError, call, toApiError } from './errors';
import { parseTime, timeString } from './convert';

describe('toApiError', () => {
  it('keeps the message and code of a Wails error object', () => {
    const e = toApiError({ code: 'invalid', message: 'Add some text after the prefix.' });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('Add some text after the prefix.');
    expect(e.code).toBe('invalid');
  });

  it('reads JSON text as an error object', () => {
    const e = toApiError('{"code":"too_large","message":"This entry is 70 KiB"}');
    expect(e.message).toBe('This entry is 70 KiB');
    expect(e.code).toBe('too_large');
  });

  it('uses a plain string as the message', () => {
    const e = toApiError('database is locked');
    expect(e.message).toBe('database is locked');
    expect(e.code).toBe('internal');
  });

  it('reads the JSON Wails v2.16 puts in an Error message', () => {
    const e = toApiError(new Error('{"code":"invalid","message":"Unknown phase"}'));
    expect(e.message).toBe('Unknown phase');
    expect(e.code).toBe('invalid');
  });

  it('does not show "[object Object]" when Wails stringified the error object', () => {
    expect(toApiError(new Error('[object Object]')).message).toBe('Something went wrong talking to Bridgelog.');
  });

  it('uses an Error message, such as a missing binding', () => {
    expect(toApiError(new TypeError("Cannot read properties of undefined (reading 'app')")).message).toMatch(/reading 'app'/);
  });

  it('falls back to a generic message for shapes without one', () => {
    expect(toApiError({ code: 'x' }).message).toBe('Something went wrong talking to Bridgelog.');
    expect(toApiError(undefined).message).toBe('Something went wrong talking to Bridgelog.');
    expect(toApiError('').message).toBe('Something went wrong talking to Bridgelog.');
  });

  it('returns an ApiError unchanged', () => {
    const e = new ApiError('x', 'conflict');
    expect(toApiError(e)).toBe(e);
  });
});

describe('call', () => {
  it('rejects with an ApiError when the binding rejects', async () => {
    await expect(call(() => Promise.reject({ code: 'not_found', message: 'No such incident.' }))).rejects.toMatchObject({
      name: 'ApiError',
      message: 'No such incident.',
      code: 'not_found',
    });
  });

  it('rejects with an ApiError when the binding throws synchronously', async () => {
    await expect(call(() => { throw new TypeError('window.go is undefined'); })).rejects.toBeInstanceOf(ApiError);
  });

  it('resolves with the binding result', async () => {
    await expect(call(() => Promise.resolve(42))).resolves.toBe(42);
  });
});

describe('parseTime', () => {
  it('treats Go zero time, blanks and garbage as unset', () => {
    expect(parseTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseTime('')).toBeNull();
    expect(parseTime(undefined)).toBeNull();
    expect(parseTime('yesterday')).toBeNull();
    expect(parseTime('1969-12-31T23:59:59Z')).toBeNull();
  });

  it('parses RFC 3339 with nanoseconds and offsets', () => {
    expect(parseTime('2026-11-21T14:05:12.123456789Z')?.toISOString()).toBe('2026-11-21T14:05:12.123Z');
    expect(parseTime('2026-11-21T15:05:12+01:00')?.toISOString()).toBe('2026-11-21T14:05:12.000Z');
  });

  it('keeps set times as text for passing back', () => {
    expect(timeString('2026-11-21T14:05:12.5Z')).toBe('2026-11-21T14:05:12.5Z');
    expect(timeString('0001-01-01T00:00:00Z')).toBeNull();
  });
});
