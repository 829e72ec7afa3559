/**
 * DOCTYPEs are refused, never expanded: "billion laughs" and external entities (file, http, parameter entities) in a
 * real signed Response, carried as XML, base64, a Redirect URL, a form body and a HAR, each come back as `xml.doctype`
 * with no expanded text in the result and no memory blow-up.
 */
import { getHeapStatistics } from "node:v8";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../../src/core/analyze/signatures.js";
import { parseXml } from "../../../src/core/saml/xml.js";
import { loadCorpus } from "../../fuzz/corpus.js";
import { DOCTYPE_KINDS, ENTITY_MARKER, PASSWD_MARKER, withDoctype, type DoctypePlacement } from "../../fuzz/hostile-xml.js";
import { toBase64 } from "../../fuzz/inputs.js";
import { deflateRawSync } from "node:zlib";

const corpus = loadCorpus(resolve(import.meta.dirname, "../../.."));
const family = corpus.families[0];
if (family === undefined) throw new Error("no signed fixtures");
const signed = family.messages.get("valid-signed-both");
if (signed === undefined) throw new Error("fixture valid-signed-both is missing");
const options = { profile: family.profile, now: family.now, verify: defaultVerifier };
const PLACEMENTS: readonly DoctypePlacement[] = ["prolog", "after-declaration", "after-comment", "inside-root"];

const carriers = {
  xml: (xml: string) => xml,
  base64: (xml: string) => toBase64(xml),
  "redirect URL": (xml: string) => `https://keycloak.example.com/realms/demo/protocol/saml?SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString("base64"))}`,
  "form body": (xml: string) => `SAMLResponse=${encodeURIComponent(toBase64(xml))}`,
  HAR: (xml: string) =>
    JSON.stringify({
      log: {
        version: "1.2",
        creator: { name: "test", version: "1" },
        entries: [{ startedDateTime: "2025-06-01T12:00:00Z", request: { method: "POST", url: "https://sentry.example.com/saml/acs/acme/", postData: { mimeType: "application/x-www-form-urlencoded", text: `SAMLResponse=${encodeURIComponent(toBase64(xml))}` } }, response: { status: 200 } }],
      },
    }),
};

describe("DOCTYPE and entities", () => {
  it("the untouched fixture is accepted, so a rejection below is caused by the DOCTYPE", async () => {
    const result = await analyzeInput(signed, options);
    expect(result.ok && result.analysis.messages[0]?.verdict).toBe("accept");
  });

  for (const kind of DOCTYPE_KINDS) {
    it(`${kind}: refused as xml.doctype in every placement and carrier, nothing expanded`, async () => {
      for (const placement of PLACEMENTS) {
        const xml = withDoctype(signed, kind, placement);
        const parsed = parseXml(xml);
        expect(parsed.ok ? "parsed" : parsed.error.code, placement).toBe("xml.doctype");
        for (const [carrier, carry] of Object.entries(carriers)) {
          const result = await analyzeInput(carry(xml), options);
          if (!result.ok) throw new Error(`${carrier}: ${result.error.message}`);
          const message = result.analysis.messages[0];
          expect(message?.findings.map((finding) => finding.id), `${placement} in ${carrier}`).toContain("xml.doctype");
          expect(message?.verdict).toBe("reject");
          expect(message?.model).toBeNull();
          const output = JSON.stringify(message?.findings);
          expect(output).not.toContain(ENTITY_MARKER);
          expect(output).not.toContain(PASSWD_MARKER);
        }
      }
    });
  }

  it("billion laughs and quadratic blow-up leave the heap bounded", async () => {
    const before = getHeapStatistics().used_heap_size;
    let peak = before;
    for (const kind of ["billion-laughs", "quadratic"] as const) {
      for (let round = 0; round < 20; round++) {
        for (const carry of Object.values(carriers)) {
          await analyzeInput(carry(withDoctype(signed, kind, "prolog")), options);
          peak = Math.max(peak, getHeapStatistics().used_heap_size);
        }
      }
    }
    // One expansion of lol9 alone is 10^9 copies of the marker (gigabytes); the messages themselves are kilobytes.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("an entity reference without a DOCTYPE is malformed XML, not silently dropped or resolved", async () => {
    const xml = signed.replace(/(<saml:NameID[^>]*>)/, "$1&xxe;");
    const parsed = parseXml(xml);
    expect(parsed.ok ? "parsed" : parsed.error.code).toBe("xml.malformed");
    const result = await analyzeInput(xml, options);
    expect(result.ok && result.analysis.messages[0]?.findings.map((finding) => finding.id)).toContain("xml.malformed");
  });
});
