/**
 * Keycloak's IdP descriptor of a realm (`…/realms/<realm>/protocol/saml/descriptor`), read from the console's own
 * origin: the wizard shows it for Sentry (step 5) and trusts it for the test login (step 6); the overlay reads the
 * realm's signing certificates from it for the realm-key checks.
 */

/** A realm descriptor is a few KB; anything far larger is not one. */
const MAX_CHARS = 256 * 1024;

export type Descriptor = { readonly kind: "loading" } | { readonly kind: "loaded"; readonly xml: string } | { readonly kind: "failed"; readonly reason: string };

export async function fetchDescriptor(metadataUrl: string): Promise<Descriptor> {
  try {
    const response = await fetch(metadataUrl, { credentials: "omit", cache: "no-store" });
    if (!response.ok) return { kind: "failed", reason: `Keycloak answered ${response.status} for ${metadataUrl}.` };
    const xml = await response.text();
    if (xml.length > MAX_CHARS || !/<(?:\w+:)?EntityDescriptor[\s>]/.test(xml)) return { kind: "failed", reason: `${metadataUrl} did not return SAML metadata.` };
    return { kind: "loaded", xml: xml.trim() };
  } catch (error) {
    return { kind: "failed", reason: `${metadataUrl} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
