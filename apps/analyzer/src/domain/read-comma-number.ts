const THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const ONE_COMMA = /^([+-]?)(\d+),(\d+)$/;

/**
 * A whole answer that is one number written with commas and no spaces, as people write numbers:
 * - groups of three after a first group of one to three digits are thousands: `32,349`, `1,000.5`;
 * - one comma after a lone 0 or after four or more digits is a decimal comma: `0,111`, `1000,99`;
 * - any other single comma (`3,5`, `12,75`) is a decimal comma or a list of two values, equally
 *   likely, so `list` is true and the caller keeps both readings.
 * Null for anything else; `32, 349` (a space after the comma) is a list, never a number.
 */
export function readCommaNumber(s: string): { number: string; list: boolean } | null {
  if (THOUSANDS.test(s)) return { number: s.replace(/,/g, ''), list: false };
  const m = ONE_COMMA.exec(s);
  if (!m) return null;
  const [, sign, whole, fraction] = m;
  return { number: `${sign}${whole}.${fraction}`, list: whole !== '0' && whole.length < 4 };
}
