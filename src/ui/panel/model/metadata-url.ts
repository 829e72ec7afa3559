/**
 * IdP metadata fetched from a URL the user confirms (Keycloak's realm descriptor, prefilled from the Response's
 * Issuer): what the fetch answered, turned into trusted certificates or into one clear sentence about what went wrong.
 */
import { descriptorUrlOfRealm } from "../../../core/keycloak/urls.js";
import { parseXml } from "../../../core/saml/xml.js";
import { readTrust, type TrustResult } from "./profile.js";

/** What the page's fetch answered; the host asks for the origin's permission first (see PanelHost.fetchText). */
export type FetchedText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: "invalid-url" | "permission-refused" | "permission-unavailable" | "network" | "http" | "too-large"; readonly message: string };

export type FetchText = (url: string) => Promise<FetchedText>;

/** Keycloak's issuer is `<base>/realms/<realm>`; its SAML IdP metadata lives below it. */
const KEYCLOAK_ISSUER = /^(https?:\/\/[^?#]+?\/realms\/[^/?#]+)\/?$/;

/** The realm descriptor's URL for a Keycloak issuer; `undefined` for an issuer that is not one. */
export function keycloakDescriptorUrl(issuer: string | undefined): string | undefined {
  const match = issuer === undefined ? null : KEYCLOAK_ISSUER.exec(issuer.trim());
  return match?.[1] === undefined ? undefined : descriptorUrlOfRealm(match[1]);
}

/** The certificates of the metadata at `url`, remembered like pasted metadata (for its entity ID, else `issuer`). */
export async function fetchTrust(typed: string, issuer: string | undefined, fetchText: FetchText): Promise<TrustResult> {
  const url = typed.trim();
  const fetched = await fetchText(url);
  if (!fetched.ok) return { ok: false, message: failureText(url, fetched) };
  const text = fetched.text.replace(/^\uFEFF/, "");
  if (!text.trimStart().startsWith("<") || !parseXml(text).ok) {
    const looksHtml = /^\s*<(!doctype html|html)/i.test(text);
    return { ok: false, message: `${url} did not answer with XML${looksHtml ? " (it sent an HTML page: a login page or a wrong address?)" : ""}. Keycloak's realm descriptor is ${descriptorUrlOfRealm("<keycloak>/realms/<realm>")}.` };
  }
  const read = readTrust(text, issuer);
  return read.ok ? { ok: true, trust: { ...read.trust, url } } : { ok: false, message: `${url}: ${read.message}` };
}

function failureText(url: string, fetched: Extract<FetchedText, { ok: false }>): string {
  switch (fetched.reason) {
    case "permission-refused":
      return `Access to ${originOf(url)} was not granted, so the metadata was not fetched. Paste it instead, or fetch again and allow access.`;
    case "permission-unavailable":
      return `${url} could not be fetched, and this panel cannot ask for access to ${originOf(url)} (Firefox does not let DevTools panels ask). Paste the metadata, or fetch it from the standalone recorder (toolbar button → Open the SAML recorder).`;
    case "invalid-url":
      return `"${url}" is not an http or https address.`;
    case "network":
      return `${url} could not be reached: ${fetched.message}`;
    case "http":
      return `${url} answered ${fetched.message}.`;
    case "too-large":
      return `${url} answered with more than an IdP's metadata would hold: ${fetched.message}`;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
