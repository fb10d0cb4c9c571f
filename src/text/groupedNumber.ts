/**
 * A number as `toLocaleString('en-US')` writes it, without ICU: thousands grouped with commas ("12,345.678"), at
 * most three decimals (trailing zeros dropped), or exactly `fractionDigits` of them when given (its
 * minimumFractionDigits = maximumFractionDigits). The first ICU number format in a renderer process costs the
 * main thread a task of 12–33 ms of CPU (ICU's locale data and V8's formatter set up; on this 2-core machine up to
 * 82 ms by wall clock in a browser's first page), which fell in the page's start (issue 20 §7: every main-thread
 * task under 50 ms). The page and the worker word numbers with this alone (eslint.config.js forbids
 * toLocaleString), so that cost is never paid.
 *
 * ICU rounds the number's shortest round-trip decimal (ECMA-262 §6.1.6.1.20 Number::toString, the digits
 * `String(x)` gives), a tie away from zero (its default rounding mode, halfExpand): 1.0005 is written 1.001,
 * though the double is a little under 1.0005.
 */
export function groupedNumber(value: number, fractionDigits?: number): string {
  // A count of decimals outside 0–20 is refused, as Intl.NumberFormat refuses it (and one not whole, which ICU floors).
  if (fractionDigits !== undefined && !(Number.isInteger(fractionDigits) && fractionDigits >= 0 && fractionDigits <= 20)) throw new RangeError(`fractionDigits must be a whole number from 0 to 20, not ${fractionDigits}`);
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const kept = fractionDigits ?? 3;
  const { whole, fraction } = rounded(shortestDecimal(Math.abs(value)), kept);
  const shown = fractionDigits === undefined ? fraction.replace(/0+$/, '') : fraction.padEnd(kept, '0');
  // A value that rounds to zero keeps its sign, as ICU writes it ("-0").
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${shown ? `.${shown}` : ''}`;
}

interface Decimal {
  /** The digits before the point (at least one) and after it. */
  whole: string;
  fraction: string;
}

/** A non-negative finite number's shortest round-trip digits, written out without an exponent. */
function shortestDecimal(size: number): Decimal {
  const [mantissa, exponent = '0'] = String(size).split('e');
  const [head, tail = ''] = mantissa.split('.');
  const digits = head + tail;
  const point = head.length + Number(exponent);
  if (point <= 0) return { whole: '0', fraction: '0'.repeat(-point) + digits };
  if (point >= digits.length) return { whole: digits + '0'.repeat(point - digits.length), fraction: '' };
  return { whole: digits.slice(0, point), fraction: digits.slice(point) };
}

/** `decimal` to `kept` decimals, a tie or more away from zero (halfExpand). */
function rounded({ whole, fraction }: Decimal, kept: number): Decimal {
  if (fraction.length <= kept) return { whole, fraction };
  const up = fraction[kept] >= '5';
  const digits = whole + fraction.slice(0, kept);
  const result = up ? plusOne(digits) : digits;
  // A carry past the first digit made the number one digit longer, in its whole part.
  const point = result.length - kept;
  return { whole: result.slice(0, point).replace(/^0+(?=\d)/, ''), fraction: result.slice(point) };
}

/** A string of decimal digits plus one in its last place ("0999" → "1000", "99" → "100"). */
function plusOne(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${String(Number(digits[i]) + 1)}${'0'.repeat(digits.length - 1 - i)}`;
}
