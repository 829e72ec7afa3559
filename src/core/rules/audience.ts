/**
 * Where a finding is read, so its fix names what the reader can actually do there: the CLI's options on the command
 * line, the panel's controls in the browser. One parameter for the few phrases that differ, not two texts per rule.
 */
export type Audience = "cli" | "browser";

/** How to give SAML Lens the IdP's signing certificate. */
export function supplyIdpCertificate(audience: Audience): string {
  return audience === "cli"
    ? "Give the IdP certificate (--idp-cert) or the realm's metadata (--idp-metadata)"
    : "Remember the IdP certificate in the panel (Signature tab: paste the realm's metadata or certificate, or Fetch from URL)";
}

/** How to tell SAML Lens which SAML attribute Sentry's "IdP User ID" maps. */
export function identifierAttributeOption(audience: Audience): string {
  return audience === "cli" ? "--identifier-attribute" : "the SP profile's IdP User ID attribute";
}
