/**
 * The SP a message was judged against is the one it was sent to. Sentry's ACS and SLS URLs name their organization
 * (`P/saml/acs/O/`, `P/saml/sls/O/`), so a message posted to another organization than the profile's is judged as that
 * organization's Sentry judged it. Likewise an AuthnRequest is judged as one of the organization its Issuer (Sentry's
 * entity ID) names. The profile keeps only what the URL cannot tell (the attribute mapping, the IdP's
 * certificates, an SP that is not Sentry).
 */
import type { SpProfile } from "../rules/rule.js";
import { parseSentryEntityId, sentryEndpoints } from "./sentry-sp.js";

export interface SentryEndpointUrl {
  readonly urlPrefix: string;
  readonly orgSlug: string;
  readonly endpoint: "acs" | "sls";
}

const SENTRY_ENDPOINT = /^(https?:\/\/[^/?#]+(?:\/[^?#]*?)?)\/saml\/(acs|sls)\/([^/?#]+)\/(?:[?#].*)?$/;

/** Sentry's ACS or SLS in a request URL (query and fragment ignored), or `null`. */
export function parseSentryEndpointUrl(url: string): SentryEndpointUrl | null {
  const match = SENTRY_ENDPOINT.exec(url);
  if (match === null) return null;
  const [, urlPrefix = "", endpoint, org = ""] = match;
  let orgSlug = org;
  try {
    orgSlug = decodeURIComponent(org);
  } catch {
    // Kept as sent.
  }
  return { urlPrefix, orgSlug, endpoint: endpoint === "sls" ? "sls" : "acs" };
}

/** Host and path of a URL prefix, without the scheme. */
function serverOf(urlPrefix: string): string {
  return urlPrefix.replace(/^https?:\/\//i, "").toLowerCase();
}

/**
 * The profile for a message sent to `url` (or, for an AuthnRequest, sent by the SP `requestIssuer`). A message sent to a Sentry endpoint is judged against that organization:
 * on the profile's Sentry (same host and path) with the profile's URL prefix, whose scheme python3-saml compares (behind
 * a TLS proxy it differs from the address the browser used); on another Sentry with the URL's own prefix. A profile of
 * an SP that is not Sentry, and messages sent elsewhere (to Keycloak), keep the profile as it is.
 */
export function profileForMessage(profile: SpProfile, url: string | undefined, requestIssuer?: string): SpProfile {
  const sentTo = (url === undefined ? null : parseSentryEndpointUrl(url)) ?? (requestIssuer === undefined ? null : parseSentryEntityId(requestIssuer));
  if (sentTo === null) return profile;
  const configured = profile.spEntityId === undefined ? null : parseSentryEntityId(profile.spEntityId);
  if (profile.spEntityId !== undefined && configured === null) return profile;
  const urlPrefix = configured !== null && serverOf(configured.urlPrefix) === serverOf(sentTo.urlPrefix) ? configured.urlPrefix : sentTo.urlPrefix;
  if (configured !== null && configured.urlPrefix === urlPrefix && configured.orgSlug === sentTo.orgSlug) return profile;
  const endpoints = sentryEndpoints(urlPrefix, sentTo.orgSlug);
  return {
    ...profile,
    spEntityId: endpoints.entityId,
    acsUrl: endpoints.acsUrl,
    slsUrl: endpoints.slsUrl,
    ...(profile.keycloakClientId === undefined ? {} : { keycloakClientId: endpoints.entityId }),
  };
}
