// The places a customer status draft asks the IC to check before copying:
// Go's draft writes "[check: …]" where it took a host, a name or a link out
// of a sentence, and around a word that may be a name or an internal detail.
// Counted from the text itself, so the count follows the IC's edits. Pure, tested.

const markRe = /\[check: [^\]\n]*\]/g;

/** checkPlaces lists the marks still in text, in order: ["[check: Stripe]", …]. */
export function checkPlaces(text: string): string[] {
  return text.match(markRe) ?? [];
}

/** checkSummary: "2 places to check before copying: Stripe, host removed". "" when none. */
export function checkSummary(places: readonly string[]): string {
  if (places.length === 0) return '';
  const what = [...new Set(places.map((p) => p.slice('[check: '.length, -1)))];
  const shown = what.length > 4 ? [...what.slice(0, 4), '…'] : what;
  const n = places.length === 1 ? '1 place' : `${places.length} places`;
  return `${n} to check before copying: ${shown.join(', ')}`;
}
