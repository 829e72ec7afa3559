/**
 * The service provider the panel checks against, as the user chose it, and the IdP certificates the user supplied.
 * The Sentry URL and slug are validated by the core's preset inputs, so the panel and the wizard accept the same text.
 */
import type { SpProfile } from "../../../core/rules/rule.js";
import { parseOrgSlug, parseSentryUrl } from "../../../core/presets/inputs.js";
import { DEFAULT_ATTRIBUTE_NAMES, PYTHON3_SAML_CLOCK_DRIFT_SECONDS, sentryEndpoints } from "../../../core/presets/sentry-sp.js";
import { certificatesFromMetadata, certificatesFromPem } from "../../../core/saml/signature/trusted-certificates.js";
import type { TrustedCertificate } from "../../../core/saml/signature/types.js";

export type PanelProfile =
  | { readonly kind: "none" }
  | {
      readonly kind: "sentry";
      readonly urlPrefix: string;
      readonly orgSlug: string;
      readonly identifierAttribute: string;
      readonly emailAttribute: string;
    };

/** The defaults of every part of SAML Lens (core/presets), so all predict the same verdict for the same capture. */
export const DEFAULT_ATTRIBUTES = DEFAULT_ATTRIBUTE_NAMES;

export const NO_PROFILE: PanelProfile = { kind: "none" };

/** Certificates the user supplied for one IdP, remembered under its entity ID. */
export interface IdpTrust {
  readonly entityId: string;
  /** The pasted text as given (metadata XML or PEM), shown again in the Signature tab. */
  readonly text: string;
  readonly certificates: readonly TrustedCertificate[];
  /** True when the text was the IdP's metadata, which names the entity ID the SP expects. */
  readonly fromMetadata: boolean;
  /** Where the metadata was fetched from, when the user fetched it rather than pasting it. */
  readonly url?: string;
}

export type TrustResult = { readonly ok: true; readonly trust: IdpTrust } | { readonly ok: false; readonly message: string };

/**
 * Reads pasted IdP metadata or PEM. Metadata names its own entity ID; a bare certificate is remembered for the IdP of
 * the message the user is looking at (`issuer`).
 */
export function readTrust(text: string, issuer: string | undefined): TrustResult {
  if (text.trimStart().startsWith("<")) {
    const metadata = certificatesFromMetadata(text, "pasted IdP metadata");
    if (!metadata.ok) return { ok: false, message: metadata.error.message };
    const entityId = metadata.entityId ?? issuer;
    if (entityId === undefined) return { ok: false, message: "The metadata names no entityID, and the message names no Issuer to remember it for." };
    return { ok: true, trust: { entityId, text, certificates: metadata.certificates, fromMetadata: true } };
  }
  if (issuer === undefined) return { ok: false, message: "This message names no Issuer, so there is no IdP to remember the certificate for." };
  const pem = certificatesFromPem(text, "pasted certificate");
  if (!pem.ok) return { ok: false, message: pem.error.message };
  return { ok: true, trust: { entityId: issuer, text, certificates: pem.certificates, fromMetadata: false } };
}

type SpSide = Pick<SpProfile, "spEntityId" | "acsUrl" | "slsUrl" | "identifierAttribute" | "emailAttribute" | "attributeMappingAssumed">;

/** No SP chosen: the checks that compare with the SP's URLs are skipped, generic ones still run. */
const GENERIC_SP: SpSide = {
  spEntityId: undefined,
  acsUrl: undefined,
  slsUrl: undefined,
  identifierAttribute: DEFAULT_ATTRIBUTES.identifier,
  emailAttribute: DEFAULT_ATTRIBUTES.userEmail,
  attributeMappingAssumed: true,
};

export type ResolvedProfile =
  | { readonly ok: true; readonly sp: SpSide; readonly warnings: readonly string[]; readonly clockToleranceSeconds: number | undefined }
  | { readonly ok: false; readonly message: string };

/** The SP side of the profile, or why the Sentry fields cannot be used as typed. */
export function resolveProfile(profile: PanelProfile): ResolvedProfile {
  if (profile.kind === "none") {
    return { ok: true, sp: GENERIC_SP, warnings: [], clockToleranceSeconds: undefined };
  }
  const url = parseSentryUrl(profile.urlPrefix);
  if (!url.ok) return { ok: false, message: url.error.message };
  const slug = parseOrgSlug(profile.orgSlug.trim() === "" && url.value.orgFromUrl !== null ? url.value.orgFromUrl : profile.orgSlug);
  if (!slug.ok) return { ok: false, message: slug.error.message };
  const endpoints = sentryEndpoints(url.value.urlPrefix, slug.value);
  return {
    ok: true,
    sp: {
      spEntityId: endpoints.entityId,
      acsUrl: endpoints.acsUrl,
      slsUrl: endpoints.slsUrl,
      identifierAttribute: profile.identifierAttribute.trim() || DEFAULT_ATTRIBUTES.identifier,
      emailAttribute: profile.emailAttribute.trim() || DEFAULT_ATTRIBUTES.userEmail,
      attributeMappingAssumed: profile.identifierAttribute.trim() === "" || profile.emailAttribute.trim() === "",
    },
    warnings: [...url.warnings, ...slug.warnings].map((warning) => warning.message),
    clockToleranceSeconds: PYTHON3_SAML_CLOCK_DRIFT_SECONDS,
  };
}

/** The full profile for one message: the SP side, plus the certificates the user supplied for its issuer. */
export function spProfileFor(resolved: ResolvedProfile, trust: IdpTrust | undefined): SpProfile {
  return {
    ...(resolved.ok ? resolved.sp : GENERIC_SP),
    idpEntityId: trust?.fromMetadata === true ? trust.entityId : undefined,
    trustedCertificates: trust?.certificates ?? [],
  };
}

/** Sentry's names for the attributes it reads, by attribute name, shown next to those attributes. */
export function mappedAttributeNames(profile: PanelProfile, resolved: ResolvedProfile): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  if (profile.kind === "sentry" && resolved.ok) {
    names.set(resolved.sp.identifierAttribute, "Sentry: IdP User ID");
    const email = resolved.sp.emailAttribute;
    names.set(email, names.has(email) ? "Sentry: IdP User ID, User Email" : "Sentry: User Email");
  }
  return names;
}
