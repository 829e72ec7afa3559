/**
 * The realm's signing certificates, from its IdP descriptor on the console's own origin (what Sentry is given to
 * trust), for the realm-key security checks: read once per realm and page load, as the wizard reads it for step 5.
 */
import { realmDescriptorUrl } from "../../core/keycloak/urls.js";
import type { MessageRequest } from "../../platform/messages.js";
import { fetchDescriptor } from "../wizard/steps/sentry.js";

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
  const tag = (name: string, text: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]+)<`).exec(text)?.[1]?.trim();
  return [...xml.matchAll(/<(?:\w+:)?KeyDescriptor([^>]*)>([\s\S]*?)<\/(?:\w+:)?KeyDescriptor>/g)].flatMap(([, attributes = "", body = ""]) => {
    const certificate = tag("X509Certificate", body)?.replace(/\s+/g, "");
    const kid = tag("KeyName", body);
    return certificate === undefined || /use=["']encryption/.test(attributes) ? [] : [{ ...(kid === undefined ? {} : { kid }), certificate }];
  });
}
