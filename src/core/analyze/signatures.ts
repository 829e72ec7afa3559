/**
 * The seam between the diagnostics and signature verification (src/core/saml/signature/). Analysis takes the verifier
 * as a parameter, so rules can be tested with hand-built reports; `defaultVerifier` is the real one.
 */
import type { SignatureReport, TrustedCertificate } from "../saml/signature/types.js";
import { verifyMessageSignatures } from "../saml/signature/verify.js";
import type { XmlElement } from "../saml/xml.js";

export type VerifySignatures = (
  root: XmlElement,
  options: { readonly trusted: readonly TrustedCertificate[]; readonly now: Date },
) => Promise<SignatureReport>;

export const defaultVerifier: VerifySignatures | undefined = verifyMessageSignatures;

/** Runs the verifier; a verifier that fails is reported as "not verified", never as a crash of the analysis. */
export async function verifySafely(
  verify: VerifySignatures | undefined,
  root: XmlElement,
  trusted: readonly TrustedCertificate[],
  now: Date,
): Promise<SignatureReport | undefined> {
  if (verify === undefined) return undefined;
  try {
    return await verify(root, { trusted, now });
  } catch {
    return undefined;
  }
}
