// The real validator Sentry uses (python3-saml from PyPI on xmlsec 1.3, or Debian's on xmlsec 1.2: see
// test/support/python.ts) against our verdict on every signed fixture.
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { verifyMessageSignatures } from "../../../../../src/core/saml/signature/verify";
import { NOT_IN_XMLSEC_1_2 } from "../../../../../src/core/saml/signature/algorithms";
import type { SignatureReport } from "../../../../../src/core/saml/signature/types";
import { FIXTURES, NOW, certificatePath, fixturePath, fixtureRoot, signedFixtureNames, signerOf, trusted } from "./fixtures";
import { SENTRY_PYTHON, runPython } from "../../../../support/python";

type Verdicts = Record<string, { valid: boolean; error: string | null }>;

/** The libxmlsec1 under that python3-saml: RSA-PSS came with 1.3 (Debian's python3-xmlsec cannot tell; its libxmlsec1 is 1.2). */
const XMLSEC_MAJOR_MINOR = runPython(SENTRY_PYTHON, ["-c", "import xmlsec; print('.'.join(map(str, getattr(xmlsec, 'get_libxmlsec_version', lambda: (1, 2))()[:2])))"], "").trim();
const RSA_PSS_REFUSED = XMLSEC_MAJOR_MINOR === "1.2";

/**
 * What the SP decides from the signatures alone: something signed, and every signature sound. RSA-PSS is valid XML-DSig
 * that xmlsec 1.2 (Debian's) cannot check and 1.3 (PyPI's wheels, Sentry's) can; the report flags it as a problem.
 */
function weAccept(report: SignatureReport): boolean {
  return (
    report.signatures.length > 0 &&
    report.signatures.every(
      (s) =>
        s.digestValid === true &&
        s.signatureValid === true &&
        s.matchesTrustedCertificate === true &&
        !s.wrapping &&
        !(RSA_PSS_REFUSED && s.signatureAlgorithm !== undefined && NOT_IN_XMLSEC_1_2.has(s.signatureAlgorithm)),
    )
  );
}

const names = signedFixtureNames();
let verdicts: Verdicts = {};

beforeAll(() => {
  const input = JSON.stringify(names.map((name) => ({ file: fixturePath(name), cert: certificatePath(signerOf(name)) })));
  const output = runPython(SENTRY_PYTHON, [join(FIXTURES, "python3-saml-verdict.py")], input);
  verdicts = JSON.parse(output) as Verdicts;
});

describe("agreement with python3-saml (non-strict is_valid with the IdP certificate)", () => {
  test("the fixtures include messages it accepts and messages it rejects", () => {
    const values = Object.values(verdicts).map((v) => v.valid);
    expect(values).toContain(true);
    expect(values).toContain(false);
    expect(values).toHaveLength(names.length);
  });

  test.each(names)("%s", async (name) => {
    const verdict = verdicts[fixturePath(name)];
    expect(verdict).toBeDefined();
    const report = await verifyMessageSignatures(fixtureRoot(name), { trusted: trusted(signerOf(name)), now: NOW });
    expect({ accept: weAccept(report) }, `python3-saml says: ${verdict?.error ?? "valid"}`).toEqual({ accept: verdict?.valid });
  });
});
