/**
 * What the user pastes into Sentry (Org Settings → Auth → SAML2), computed from Keycloak's URL and realm: the IdP
 * metadata URL (or the manual Entity ID / Single Sign On URL / Single Log Out URL) and the attribute mapping.
 */
// zod/mini: the values travel to the content script (overlay and wizard), which has a size budget.
import * as z from "zod/mini";
import { descriptorUrlOfRealm } from "../keycloak/urls.js";
import { parseKeycloakUrl, parseRealmName, type Checked } from "./inputs.js";
import type { InputProblem } from "./schema.js";
import { DEFAULT_ATTRIBUTE_NAMES, SENTRY_ATTRIBUTE_FIELDS, type SentryAttributeNames } from "./sentry-sp.js";

export const sentrySideValuesSchema = z.object({
  /** Keycloak's IdP metadata for the realm, for Sentry's "Metadata URL". */
  metadataUrl: z.string(),
  /** The same under the other context path (with/without `/auth`), for servers where the first one 404s. */
  alternativeMetadataUrl: z.string(),
  entityId: z.string(),
  ssoUrl: z.string(),
  sloUrl: z.string(),
  attributeMapping: z.array(
    z.object({
      /** The field label in Sentry's form. */
      sentryField: z.string(),
      /** Sentry's key for it. */
      key: z.enum(["identifier", "user_email"]),
      /** The SAML Attribute Name to type in. */
      samlAttributeName: z.string(),
    }),
  ),
  /** Said when the realm URL may not be reachable by Sentry or other traps apply. */
  notes: z.array(z.string()),
});
export type SentrySideValues = z.infer<typeof sentrySideValuesSchema>;

export interface SentrySideInput {
  readonly keycloakUrl: string;
  /** May be empty when the Keycloak URL already names the realm. */
  readonly realm: string;
  readonly attributeNames?: Partial<SentryAttributeNames>;
}

const PRIVATE_HOST = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|[^.:]+(:\d+)?$)/;

export function sentrySideValues(input: SentrySideInput): Checked<SentrySideValues> {
  const url = parseKeycloakUrl(input.keycloakUrl);
  if (!url.ok) return url;
  const warnings: InputProblem[] = [...url.warnings];
  const realmText = input.realm.trim() === "" && url.value.realmFromUrl !== null ? url.value.realmFromUrl : input.realm;
  const realm = parseRealmName(realmText);
  if (!realm.ok) return realm;
  if (url.value.realmFromUrl !== null && url.value.realmFromUrl !== realm.value) {
    return {
      ok: false,
      error: {
        code: "input.realm-mismatch",
        message: `The Keycloak URL names realm "${url.value.realmFromUrl}" but the realm given is "${realm.value}". Give one of them.`,
      },
    };
  }
  const modern = `${url.value.baseUrl}/realms/${encodeURIComponent(realm.value)}`;
  const legacy = `${url.value.baseUrl}/auth/realms/${encodeURIComponent(realm.value)}`;
  const realmUrl = url.value.legacyAuthPath ? legacy : modern;
  const notes: string[] = [];
  const host = url.value.baseUrl.replace(/^https?:\/\//, "").split("/")[0] ?? "";
  if (PRIVATE_HOST.test(host)) {
    notes.push(
      `Keycloak at ${host} looks private. Recent self-hosted Sentry refuses to fetch metadata from private addresses: ` +
        `open ${descriptorUrlOfRealm(realmUrl)} yourself and paste the XML into "Metadata XML" instead.`,
    );
  }
  const identifier = input.attributeNames?.identifier?.trim() || DEFAULT_ATTRIBUTE_NAMES.identifier;
  const userEmail = input.attributeNames?.userEmail?.trim() || DEFAULT_ATTRIBUTE_NAMES.userEmail;
  return {
    ok: true,
    value: {
      metadataUrl: descriptorUrlOfRealm(realmUrl),
      alternativeMetadataUrl: descriptorUrlOfRealm(url.value.legacyAuthPath ? modern : legacy),
      entityId: realmUrl,
      ssoUrl: `${realmUrl}/protocol/saml`,
      sloUrl: `${realmUrl}/protocol/saml`,
      attributeMapping: [
        { sentryField: SENTRY_ATTRIBUTE_FIELDS.identifier, key: "identifier", samlAttributeName: identifier },
        { sentryField: SENTRY_ATTRIBUTE_FIELDS.user_email, key: "user_email", samlAttributeName: userEmail },
      ],
      notes,
    },
    warnings,
  };
}
