/**
 * SAML timestamps the way python3-saml reads them (`parse_SAML_to_time`): UTC only, `Z` required, and the sub-second
 * part ignored. Reading them the same way matters at the boundaries of NotOnOrAfter checks.
 */
const SAML_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;

/** Seconds since the epoch, or `undefined` when python3-saml could not parse the value either. */
export function parseSamlTime(value: string): number | undefined {
  const match = SAML_TIME.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  if ([year, month, day, hour, minute, second].some((part) => part === undefined || Number.isNaN(part))) return undefined;
  const millis = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  return Number.isNaN(millis) ? undefined : millis / 1000;
}

/** "Now" as python3-saml has it: whole seconds. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
