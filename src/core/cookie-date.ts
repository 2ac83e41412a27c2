// RFC 6265bis §5.1.1 cookie-date parsing. Hand-written because `Date.parse` accepts and rejects
// different strings in different engines, and the RFC algorithm is what browsers implement.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isDelimiter(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code <= 0x2f) || (code >= 0x3b && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
}

function tokens(input: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    if (isDelimiter(input.charCodeAt(i))) {
      if (current) out.push(current);
      current = '';
    } else current += input[i];
  }
  if (current) out.push(current);
  return out;
}

/** 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT ( non-digit *OCTET ) */
const TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/s;
/** 1*2DIGIT ( non-digit *OCTET ) */
const DAY = /^(\d{1,2})(?:\D.*)?$/s;
/** 2*4DIGIT ( non-digit *OCTET ) */
const YEAR = /^(\d{2,4})(?:\D.*)?$/s;

/** Milliseconds since the epoch, or null when the string is not a cookie-date. */
export function parseCookieDate(input: string): number | null {
  let time: [number, number, number] | undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const token of tokens(input)) {
    const t = time === undefined ? TIME.exec(token) : null;
    if (t) {
      time = [Number(t[1]), Number(t[2]), Number(t[3])];
      continue;
    }
    const d = day === undefined ? DAY.exec(token) : null;
    if (d) {
      day = Number(d[1]);
      continue;
    }
    const mon = month === undefined ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
    if (mon !== -1) {
      month = mon;
      continue;
    }
    const y = year === undefined ? YEAR.exec(token) : null;
    if (y) year = Number(y[1]);
  }
  if (time === undefined || day === undefined || month === undefined || year === undefined) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  const [hour, minute, second] = time;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 Feb over into March; the RFC says such a date does not exist.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}
