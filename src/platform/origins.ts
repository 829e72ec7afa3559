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

/**
 * Whether a URL falls under a host permission pattern (`scheme://host/path`, `*` scheme = http or https, `*.` host
 * prefix = subdomains too). Like the browser's own matching, a pattern without a port covers every port of the host.
 */
export function urlMatchesPattern(url: string, pattern: string): boolean {
  const match = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  if (match === null) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const [, scheme = "", host = "", path = ""] = match;
  const protocol = parsed.protocol.slice(0, -1);
  if (scheme === "*" ? protocol !== "http" && protocol !== "https" : protocol !== scheme) return false;
  if (host !== "*") {
    if (host.startsWith("*.")) {
      const domain = host.slice(2);
      if (parsed.hostname !== domain && !parsed.hostname.endsWith(`.${domain}`)) return false;
    } else if (parsed.hostname !== host) return false;
  }
  const pathPattern = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return pathPattern.test(parsed.pathname + parsed.search);
}
