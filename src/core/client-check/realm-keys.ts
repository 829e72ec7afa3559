/**
 * The realm's keys as the admin REST API returns them (`GET /admin/realms/{realm}/keys`, the list the console's
 * Realm settings › Keys tab shows), read for the realm-key checks: which keys sign, how long, until when. Validated
 * with zod; fields this reader does not use are kept out of the way (loose objects).
 */
import { z } from "zod";
import { decodeBase64 } from "../crypto/base64.js";
import { rsaModulusBits } from "../crypto/rsa-key.js";
import { readCertificate } from "../crypto/x509.js";

const keySchema = z.looseObject({
  kid: z.string().optional(),
  providerId: z.string().optional(),
  type: z.string().optional(),
  algorithm: z.string().optional(),
  status: z.string().optional(),
  use: z.string().optional(),
  publicKey: z.string().optional(),
  certificate: z.string().optional(),
  /** Milliseconds since the epoch; newer servers send it, older ones only the certificate. */
  validTo: z.number().optional(),
});

export const realmKeysSchema = z.looseObject({
  active: z.record(z.string(), z.string()).optional(),
  keys: z.array(keySchema),
});
export type RealmKeys = z.infer<typeof realmKeysSchema>;

/** One key that can sign SAML documents: an active RSA signing key. */
export interface SigningKey {
  readonly kid: string;
  readonly algorithm: string;
  /** `undefined` when neither the public key nor the certificate could be read. */
  readonly bits: number | undefined;
  /** The certificate's notAfter, when it has a readable certificate. */
  readonly notAfter: Date | undefined;
}

export type RealmKeysResult = { readonly ok: true; readonly keys: RealmKeys } | { readonly ok: false; readonly message: string };

/** Parses the JSON text of a keys response. Never throws. */
export function readRealmKeys(text: string): RealmKeysResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The realm keys are not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = realmKeysSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message:
        `The realm keys are not the shape of GET /admin/realms/{realm}/keys (an object with keys[]): ` +
        `${issue === undefined ? "" : `${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}`}`,
    };
  }
  return { ok: true, keys: parsed.data };
}

/** The realm's active RSA signing keys (SAML signs with one of them; Keycloak picks by algorithm and priority). */
export function signingKeys(keys: RealmKeys): SigningKey[] {
  return keys.keys
    .filter((key) => key.type === "RSA" && (key.use === undefined || key.use === "SIG") && (key.status === undefined || key.status === "ACTIVE"))
    .map((key) => {
      const der = key.certificate === undefined ? undefined : decodeBase64(key.certificate);
      const certificate = der === undefined ? undefined : readCertificate(der);
      const spki = key.publicKey === undefined ? undefined : decodeBase64(key.publicKey);
      const fromKey = spki === undefined ? undefined : rsaModulusBits(spki);
      const fromCertificate = certificate?.ok === true ? rsaModulusBits(certificate.certificate.spki) : undefined;
      const notAfter = certificate?.ok === true ? certificate.certificate.notAfter : key.validTo === undefined ? undefined : new Date(key.validTo);
      return { kid: key.kid ?? key.providerId ?? "(no kid)", algorithm: key.algorithm ?? "RS256", bits: fromKey ?? fromCertificate, notAfter };
    });
}
