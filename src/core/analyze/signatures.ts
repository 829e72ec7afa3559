/**
 * The seam between the diagnostics and signature verification (src/core/saml/signature/). Analysis takes the verifier
 * as a parameter, so rules can be tested with hand-built reports; `defaultVerifier` is the real one.
 */
import type { RedirectQuery, SignatureReport, TrustedCertificate } from "../saml/signature/types.js";
import { verifyMessageSignatures } from "../saml/signature/verify.js";
import type { XmlElement } from "../saml/xml.js";

export type VerifySignatures = (
  root: XmlElement,
  options: { readonly trusted: readonly TrustedCertificate[]; readonly now: Date; readonly query?: RedirectQuery },
) => Promise<SignatureReport>;

export const defaultVerifier: VerifySignatures | undefined = verifyMessageSignatures;

/** Runs the verifier; a verifier that fails is reported as "not verified", never as a crash of the analysis. */
export async function verifySafely(
  verify: VerifySignatures | undefined,
  root: XmlElement,
  trusted: readonly TrustedCertificate[],
  now: Date,
  query?: RedirectQuery,
): Promise<SignatureReport | undefined> {
  if (verify === undefined) return undefined;
  try {
    return await verify(root, query === undefined ? { trusted, now } : { trusted, now, query });
  } catch {
    return undefined;
  }
}
