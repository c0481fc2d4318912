// The entry line's timing and sizes, apart from its store so they read on
// their own and are tested without it.

/** How long after the last keystroke the line's draft is saved. */
export const draftDelayMs = 300;

/**
 * How long after the last keystroke the grammar's problem with the line is
 * shown: the pause people make at a word's end. Sooner, "phase: moni" would
 * be called an unknown phase while "monitoring" is still being typed.
 */
export const problemPauseMs = 700;

/** utf8Length counts bytes as Go does, cheaply ruling out short text first. */
export function utf8Length(s: string, atLeast: number): number {
  if (s.length * 3 < atLeast) return s.length; // cannot reach the limit; exact size unneeded
  return new TextEncoder().encode(s).length;
}

/** A line entered before the line belonged to an incident, waiting for one. */
export interface EarlyLine {
  text: string;
  startedAt: string;
}
