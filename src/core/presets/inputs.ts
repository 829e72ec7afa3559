/**
 * Validation of what a user types: Sentry's URL prefix, the organization slug, Keycloak's URL and realm.
 *
 * Every SAML URL of Sentry ends in a slash and Keycloak compares Client IDs byte for byte, so small typing slips decide
 * whether login works. Harmless slips are corrected and reported as warnings (never silently); anything we cannot
 * repair with certainty is an error that says what to type instead.
 */
import type { InputProblem } from "./schema.js";

export type Checked<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly InputProblem[] }
  | { readonly ok: false; readonly error: InputProblem };

export interface HttpUrl {
  readonly scheme: "http" | "https";
  /** Host with the port as typed, lower-cased. */
  readonly authority: string;
  /** Path without a trailing slash: "" or "/a/b". */
  readonly path: string;
}

function httpUrlToString(url: HttpUrl): string {
  return `${url.scheme}://${url.authority}${url.path}`;
}

function fail<T>(code: string, message: string): Checked<T> {
  return { ok: false, error: { code, message } };
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const AUTHORITY = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * Parses an absolute http(s) URL with no query or fragment. `what` names the field in messages, e.g. "The Sentry URL".
 * Trailing slashes are removed and reported.
 */
function parseHttpUrl(input: string, what: string): Checked<HttpUrl> {
  const text = input.trim();
  if (text === "") return fail("input.url-empty", `${what} is empty.`);
  if (/\s/.test(text)) return fail("input.url-spaces", `${what} "${text}" contains spaces; a URL has none.`);
  const scheme = SCHEME.exec(text);
  if (scheme === null) {
    return fail(
      "input.url-no-scheme",
      `${what} "${text}" has no scheme. Write it with https:// (or http://) in front, e.g. https://${text.replace(/^\/+/, "")}`,
    );
  }
  const schemeName = (scheme[1] ?? "").toLowerCase();
  if (schemeName !== "http" && schemeName !== "https") {
    return fail("input.url-scheme", `${what} "${text}" must start with https:// or http://, not ${schemeName}://.`);
  }
  const rest = text.slice(scheme[0].length);
  if (/[?#]/.test(rest)) {
    return fail("input.url-query", `${what} "${text}" has a query or fragment (? or #); give the address without it.`);
  }
  const slash = rest.indexOf("/");
  const authority = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
  const port = AUTHORITY.exec(authority);
  if (authority === "" || port === null) return fail("input.url-host", `${what} "${text}" has no valid host name.`);
  if (port[1] !== undefined && (Number(port[1]) < 1 || Number(port[1]) > 65535)) {
    return fail("input.url-port", `${what} "${text}" has an invalid port ${port[1]}.`);
  }
  const rawPath = slash < 0 ? "" : rest.slice(slash);
  const path = rawPath.replace(/\/+$/, "");
  const warnings: InputProblem[] = [];
  if (path !== rawPath) {
    warnings.push({
      code: "input.trailing-slash",
      message: `${what} "${text}" ends with a slash; it was read as "${schemeName}://${authority}${path}".`,
    });
  }
  return { ok: true, value: { scheme: schemeName, authority, path }, warnings };
}

export interface SentryUrlInput {
  /** Sentry's `system.url-prefix`, without a trailing slash. */
  readonly urlPrefix: string;
  /** An organization slug found in a pasted SAML or organization URL. */
  readonly orgFromUrl: string | null;
}

const SENTRY_SAML_PATH = /^(.*)\/saml\/(?:metadata|acs|sls)\/([^/]+)$/;
const SENTRY_ORG_PATH = /^(.*)\/organizations\/([^/]+)(?:\/.*)?$/;

/** Sentry's URL prefix. A pasted SAML URL (…/saml/metadata/<org>/) or organization URL is reduced to the prefix. */
export function parseSentryUrl(input: string): Checked<SentryUrlInput> {
  const parsed = parseHttpUrl(input, "The Sentry URL");
  if (!parsed.ok) return parsed;
  const warnings = [...parsed.warnings];
  let { path } = parsed.value;
  let orgFromUrl: string | null = null;
  const saml = SENTRY_SAML_PATH.exec(path) ?? SENTRY_ORG_PATH.exec(path);
  if (saml !== null) {
    path = saml[1] ?? "";
    orgFromUrl = saml[2] ?? null;
    warnings.push({
      code: "input.sentry-url-has-path",
      message:
        `The Sentry URL "${input.trim()}" is a page of organization "${orgFromUrl}", not Sentry's URL prefix; ` +
        `the prefix "${httpUrlToString({ ...parsed.value, path })}" was used.`,
    });
  }
  return { ok: true, value: { urlPrefix: httpUrlToString({ ...parsed.value, path }), orgFromUrl }, warnings };
}

/** Sentry's slug rule (lower-case letters, digits, "-" and "_", not only digits). */
const SLUG = /^(?![0-9]+$)[a-z0-9_-]+$/;

export function parseOrgSlug(input: string): Checked<string> {
  const text = input.trim();
  if (text === "") {
    return fail("input.slug-empty", "The organization slug is empty. Sentry shows it in Settings → General Settings.");
  }
  if (/\s/.test(text)) {
    return fail(
      "input.slug-spaces",
      `The organization slug "${text}" contains spaces. A slug has none: it is the short name in Sentry's URLs ` +
        `(…/organizations/<slug>/), e.g. "${text.toLowerCase().replace(/\s+/g, "-")}". Copy it from Settings → General Settings.`,
    );
  }
  const warnings: InputProblem[] = [];
  let slug = text;
  if (/^\/|\/$/.test(slug)) {
    slug = slug.replace(/^\/+|\/+$/g, "");
    warnings.push({
      code: "input.slug-slashes",
      message: `The organization slug "${text}" has slashes around it; "${slug}" was used.`,
    });
  }
  if (slug !== slug.toLowerCase()) {
    warnings.push({
      code: "input.slug-case",
      message: `Sentry slugs are lower-case; "${slug}" was read as "${slug.toLowerCase()}".`,
    });
    slug = slug.toLowerCase();
  }
  if (!SLUG.test(slug)) {
    return fail(
      "input.slug-invalid",
      `The organization slug "${text}" is not a Sentry slug: only lower-case letters, digits, "-" and "_" are allowed.`,
    );
  }
  return { ok: true, value: slug, warnings };
}

export interface KeycloakUrlInput {
  /** Keycloak's base URL without `/auth` and without a trailing slash. */
  readonly baseUrl: string;
  /** The server uses the legacy `/auth` context path (Keycloak < 17, or started with it). */
  readonly legacyAuthPath: boolean;
  readonly realmFromUrl: string | null;
}

const REALM_PATH = /^(.*?)\/realms\/([^/]+)(?:\/.*)?$/;
const ADMIN_PATH = /^(.*?)\/admin(?:\/.*)?$/;

/** Keycloak's URL. A realm URL (…/realms/<realm>/…) or admin console URL is reduced to the server's base URL. */
export function parseKeycloakUrl(input: string): Checked<KeycloakUrlInput> {
  const consoleHash = /^(.*\/admin\/[^#]*)#\/([^/]+)/.exec(input.trim());
  const parsed = parseHttpUrl(consoleHash === null ? input : (consoleHash[1] ?? ""), "The Keycloak URL");
  if (!parsed.ok) return parsed;
  const warnings = [...parsed.warnings];
  let { path } = parsed.value;
  let realmFromUrl: string | null = consoleHash === null ? null : decodeRealm(consoleHash[2] ?? "");
  const realm = REALM_PATH.exec(path);
  const admin = realm === null ? ADMIN_PATH.exec(path) : null;
  if (realm !== null) {
    path = realm[1] ?? "";
    realmFromUrl = decodeRealm(realm[2] ?? "");
  } else if (admin !== null) {
    path = admin[1] ?? "";
  }
  if (realm !== null || admin !== null) {
    warnings.push({
      code: "input.keycloak-url-has-path",
      message:
        `The Keycloak URL "${input.trim()}" points inside Keycloak; the server URL ` +
        `"${httpUrlToString({ ...parsed.value, path })}" was used` +
        (realmFromUrl === null ? "." : ` and realm "${realmFromUrl}" was read from it.`),
    });
  }
  const legacyAuthPath = path === "/auth" || path.endsWith("/auth");
  if (legacyAuthPath) path = path.slice(0, -"/auth".length);
  return { ok: true, value: { baseUrl: httpUrlToString({ ...parsed.value, path }), legacyAuthPath, realmFromUrl }, warnings };
}

function decodeRealm(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRealmName(input: string): Checked<string> {
  const text = input.trim();
  if (text === "") return fail("input.realm-empty", "The realm name is empty (Keycloak shows it at the top of the left menu).");
  if (text.includes("/")) {
    return fail("input.realm-slash", `The realm name "${text}" contains "/"; give only the name, e.g. "master" or "demo".`);
  }
  return { ok: true, value: text, warnings: [] };
}
