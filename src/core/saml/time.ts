/**
 * SAML timestamps the way python3-saml reads them (`parse_SAML_to_time`): UTC only, `Z` required, and the sub-second
 * part ignored. Reading them the same way matters at the boundaries of NotOnOrAfter checks.
 */
/** Seconds since the epoch, or `undefined` when python3-saml could not parse the value either. */
export function parseSamlTime(value: string): number | undefined {
  // YYYY-MM-DDThh:mm:ss, then an optional fraction of any length, then Z — read by position, without a regex:
  // the rules read the same few timestamps many times per message.
  const length = value.length;
  if (length < 20 || value.charCodeAt(length - 1) !== Z) return undefined;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH || value.charCodeAt(10) !== T || value.charCodeAt(13) !== COLON || value.charCodeAt(16) !== COLON) return undefined;
  if (length > 20) {
    if (value.charCodeAt(19) !== DOT || length === 21) return undefined;
    for (let i = 20; i < length - 1; i++) if (digit(value, i) < 0) return undefined;
  }
  const year = number(value, 0, 4);
  const month = number(value, 5, 2);
  const day = number(value, 8, 2);
  const hour = number(value, 11, 2);
  const minute = number(value, 14, 2);
  const second = number(value, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(millis) ? undefined : millis / 1000;
}

const Z = 0x5a;
const T = 0x54;
const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;

/** The decimal number of `count` digits at `from`, or -1. */
function number(value: string, from: number, count: number): number {
  let out = 0;
  for (let i = from; i < from + count; i++) {
    const d = digit(value, i);
    if (d < 0) return -1;
    out = out * 10 + d;
  }
  return out;
}

function digit(value: string, at: number): number {
  const code = value.charCodeAt(at) - 0x30;
  return code >= 0 && code <= 9 ? code : -1;
}

/** "Now" as python3-saml has it: whole seconds. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
