/**
 * What the security checks (checks/security.*.ts) share: their public sources, how a security finding is built, and
 * the URL rules (Keycloak's wildcard, local hosts) plus the one fix for the redirect URI list: exactly Sentry's ACS URL.
 */
import type { CheckContext } from "./check-context.js";
import type { ClientFinding, FindingId } from "./finding.js";
import { pointer, type JsonPatchOperation } from "./json-patch.js";
import { CLIENT_SETTINGS, fieldPlace, settingKey, type ClientSettingName } from "../keycloak/attributes.js";

export { SECURITY_SOURCES } from "../presets/sources.js";

/** Sentry's ACS URL, the one redirect URI it needs (from the preset). */
export function sentryAcsUrl(context: CheckContext): string {
  const expected = context.preset.keycloak.redirectUris.expected;
  return Array.isArray(expected) ? String(expected[0] ?? "") : "";
}

/** Keycloak treats a trailing "*" as a prefix wildcard (RedirectUtils); a lone "*" or "/*" allows any URL. */
export function isWildcard(uri: string): boolean {
  return uri.includes("*");
}

/** `https://sentry.example.com*`: the wildcard is in the host, so `https://sentry.example.com.attacker.test/` matches. */
export function hasWildcardInHost(uri: string): boolean {
  const host = /^https?:\/\/([^/?#]*)$/i.exec(uri)?.[1];
  return host !== undefined && host.endsWith("*") && host !== "*";
}

/** The hosts of this machine as the pattern below captures them (an IPv6 address with its brackets, read first). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** `http://` to a host other than this machine: the response (a bearer credential) crosses the network in clear. */
export function isPlainHttpNonLocal(uri: string): boolean {
  const host = /^http:\/\/(\[[^\]]*\]|[^/?#:]+)/.exec(uri.trim().toLowerCase())?.[1];
  return host !== undefined && !LOCAL_HOSTS.has(host) && !host.endsWith(".localhost");
}

/** A redirect URI the security checks object to (a wildcard, or plain http to another host). */
export function isUnsafeRedirectUri(uri: string): boolean {
  return isWildcard(uri) || isPlainHttpNonLocal(uri);
}

/**
 * No redirect URI lets Keycloak post an assertion anywhere but where it was told: the compensating control for Client
 * signature required Off. An empty list qualifies (Keycloak then refuses every AuthnRequest; the fit check says so).
 */
export function redirectUrisAreExact(context: CheckContext): boolean {
  return !(context.client.redirectUris ?? []).some(isUnsafeRedirectUri);
}

/** One patch for every redirect-URI finding (so "Fix all" applies the same list whichever finding it starts from). */
export function exactRedirectUrisPatch(context: CheckContext): JsonPatchOperation[] {
  const acs = sentryAcsUrl(context);
  if (acs === "" || isUnsafeRedirectUri(acs)) return [];
  const kept = (context.client.redirectUris ?? []).filter((uri) => !isUnsafeRedirectUri(uri));
  return [{ op: "add", path: pointer(settingKey("redirectUris")), value: kept.includes(acs) ? kept : [...kept, acs] }];
}

/** The URL settings Keycloak posts responses to, besides Valid redirect URIs: none of them is a pattern. */
export const ENDPOINT_SETTINGS = [
  "masterSamlProcessingUrl",
  "assertionConsumerPostUrl",
  "assertionConsumerRedirectUrl",
  "logoutPostUrl",
  "logoutRedirectUrl",
  "logoutSoapUrl",
  "logoutArtifactUrl",
] as const satisfies readonly ClientSettingName[];
export type EndpointSetting = (typeof ENDPOINT_SETTINGS)[number];

export function endpointValue(context: CheckContext, setting: EndpointSetting): string {
  const entry = CLIENT_SETTINGS[setting];
  const value = entry.where === "attribute" ? context.client.attributes?.[entry.key] : context.client[entry.key];
  return typeof value === "string" ? value : "";
}

/** What an endpoint setting should hold for Sentry: its ACS or SLS URL in the binding Sentry reads, otherwise empty. */
export function endpointTarget(context: CheckContext, setting: EndpointSetting): string {
  if (setting === "masterSamlProcessingUrl" || setting === "assertionConsumerPostUrl") return sentryAcsUrl(context);
  const logout = context.preset.keycloak.logoutRedirectUrl.expected;
  if (logout === null || typeof logout !== "object" || Array.isArray(logout)) return "";
  const url = typeof logout.url === "string" ? logout.url : "";
  if (setting === "logoutRedirectUrl" && logout.binding === "redirect") return url;
  if (setting === "logoutPostUrl" && logout.binding === "post") return url;
  return "";
}

/** A security finding about one client setting. */
export function securityFinding(
  id: FindingId,
  setting: ClientSettingName | { readonly field: ClientFinding["field"]; readonly attributeKey: string | null },
  details: Pick<ClientFinding, "severity" | "expected" | "actual" | "message" | "fix" | "source"> & { readonly accepted?: string },
): ClientFinding {
  const place = typeof setting === "string" ? { field: fieldPlace(setting), attributeKey: settingKey(setting) } : setting;
  return {
    id,
    severity: details.severity,
    field: place.field,
    attributeKey: place.attributeKey,
    expected: details.expected,
    actual: details.actual,
    message: details.message,
    fix: details.fix,
    source: details.source,
    kind: "security",
    ...(details.accepted === undefined ? {} : { accepted: details.accepted }),
  };
}
