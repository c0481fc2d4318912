// Errors from the Go bindings arrive in several shapes: the app's ErrorFormatter
// sends {code, message}, but Wails v2.16's runtime (calls.js) rejects with
// `new Error(message.error)`, so an object arrives as Error("[object Object]")
// and a JSON string as an Error whose message is that JSON; a missing binding
// throws a TypeError. The UI only ever shows ApiError.message, so every shape is
// reduced to one here.

export class ApiError extends Error {
  readonly code: string;

  constructor(message: string, code = 'internal') {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

const fallback = 'Something went wrong talking to Bridgelog.';

function fromObject(o: Record<string, unknown>): ApiError | null {
  if (typeof o.message === 'string' && o.message !== '') {
    return new ApiError(o.message, typeof o.code === 'string' && o.code ? o.code : 'internal');
  }
  return null;
}

function fromText(text: string): ApiError {
  const s = text.trim();
  if (s.startsWith('{')) {
    try {
      const parsed = fromObject(JSON.parse(s));
      if (parsed) return parsed;
    } catch {
      // Not JSON after all: the text itself is the message.
    }
  }
  // An object stringified on the way: its message is lost, say so plainly.
  if (s === '' || s === '[object Object]') return new ApiError(fallback);
  return new ApiError(s);
}

/** toApiError turns anything a binding may reject with into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (typeof err === 'string') return fromText(err);
  if (err instanceof Error) {
    const e = fromText(err.message);
    // A code attached to the Error itself (a future runtime) still counts.
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' && code ? new ApiError(e.message, code) : e;
  }
  if (err && typeof err === 'object') {
    return fromObject(err as Record<string, unknown>) ?? new ApiError(fallback);
  }
  return new ApiError(fallback);
}

/** call runs a binding and rethrows its failure as an ApiError, sync throws included. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toApiError(err);
  }
}
