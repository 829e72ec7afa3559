/**
 * The realm's signing certificates, from its IdP descriptor on the console's own origin (what Sentry is given to
 * trust), for the realm-key security checks: read once per realm and page load, as the wizard reads it for step 5.
 */
import { realmDescriptorUrl } from "../../core/keycloak/urls.js";
import type { MessageRequest } from "../../platform/messages.js";
import { fetchDescriptor } from "../realm-descriptor.js";

export type RealmCertificates = NonNullable<MessageRequest<"overlay.check">["realmCertificates"]>;

const reads = new Map<string, Promise<RealmCertificates | undefined>>();

/** `undefined` when the descriptor could not be read: the realm-key checks then do not run. */
export function readRealmCertificates(keycloakUrl: string, realm: string): Promise<RealmCertificates | undefined> {
  const url = realmDescriptorUrl(keycloakUrl, realm);
  let read = reads.get(url);
  if (read === undefined) reads.set(url, (read = fetchDescriptor(url).then((descriptor) => (descriptor.kind === "loaded" ? signingCertificates(descriptor.xml) : undefined))));
  return read;
}

/** Keycloak writes `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:KeyName>kid</ds:KeyName>…<ds:X509Certificate>`. */
export function signingCertificates(xml: string): RealmCertificates {
  return [...xml.matchAll(/<(?:\w+:)?KeyDescriptor(?![^>]*encryption)[^>]*>([\s\S]*?)<\/(?:\w+:)?KeyDescriptor>/g)].flatMap(([, body = ""]) => {
    const [certificate, kid] = ["X509Certificate", "KeyName"].map((name) => new RegExp(`${name}>([^<]+)<`).exec(body)?.[1]?.trim());
    return certificate === undefined ? [] : [{ ...(kid === undefined ? {} : { kid }), certificate: certificate.replace(/\s+/g, "") }];
  });
}
