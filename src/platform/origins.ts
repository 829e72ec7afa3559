/**
 * Origins the user enabled, as host permission patterns. Patterns are host-level (`scheme://host/*`, no port):
 * Firefox answers permission checks for port-specific patterns as "not granted" (see docs/browser-testing notes), so
 * a console on a non-default port is enabled for its whole host.
 */
export function originPattern(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** "https://kc.example.com/*" → "https://kc.example.com" for display. */
export function patternLabel(pattern: string): string {
  return pattern.replace(/\/\*$/, "");
}
