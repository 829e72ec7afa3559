/** Small helpers for writing SAML XML as text, Keycloak's way (prefixes samlp/saml, IDs "ID_<uuid>"). */
import { randomUUID } from "node:crypto";

export const escapeText = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, "&quot;");
export const newId = () => `ID_${randomUUID()}`;
/** Keycloak writes instants with milliseconds, in UTC. */
export const instant = (date: Date) => date.toISOString();

export function attrs(values: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
}
