/**
 * Keycloak's IdP descriptor for the realm, read from the console's own origin: recent self-hosted Sentry refuses to
 * fetch metadata from a private address, so the user pastes the XML into Sentry instead of the metadata URL.
 */
export type Descriptor = { readonly kind: "loading" } | { readonly kind: "loaded"; readonly xml: string } | { readonly kind: "failed"; readonly reason: string };

/** A realm descriptor is a few KB; anything far larger is not one. */
const MAX_CHARS = 256 * 1024;

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
