import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { analyzeCaptured } from "../../../../src/core/analyze/analyze.js";
import { analyzeFile } from "../../../../src/core/analyze/analyze-file.js";
import type { Analysis } from "../../../../src/core/analyze/result.js";
import { entriesFromMessages, exportHar, exportHarText } from "../../../../src/core/har/export.js";
import { harSchema } from "../../../../src/core/har/schema.js";
import { importHarBytes } from "../../../../src/core/har/stream-import.js";
import { readInput } from "../../../../src/core/input/detect.js";
import { parseXml } from "../../../../src/core/saml/xml.js";
import { loadRealVerifier } from "../analyze/real-verifier.js";
import { leaksOf } from "../../../support/leaks.js";
import { PROFILE, base64, fixtureXml } from "../fixtures.js";

const HERE = join(import.meta.dirname, "../../../fixtures/har");
const captureBytes = readFileSync(join(HERE, "capture.har"));
const secrets = z.parse(z.record(z.string(), z.string()), JSON.parse(readFileSync(join(HERE, "secrets.json"), "utf8")));
const NOW = new Date(secrets.now ?? "");
const seeded = Object.entries(secrets).filter(([name]) => name !== "now");
const verify = await loadRealVerifier();

function imported(bytes: Uint8Array) {
  const result = importHarBytes(bytes);
  if (!result.ok) throw new Error(result.message);
  return result;
}

async function analyze(bytes: Uint8Array): Promise<Analysis> {
  return analyzeCaptured(imported(bytes).messages, { profile: PROFILE, now: NOW, verify });
}

/** What a reader of the analysis sees of each message, without where in the file it was. */
function summary(analysis: Analysis) {
  return analysis.messages.map((message) => ({
    kind: message.kind,
    binding: message.binding,
    parameter: message.parameter,
    id: message.id,
    inResponseTo: message.inResponseTo,
    issuer: message.issuer,
    destination: message.destination,
    relayState: message.relayState,
    quirks: message.quirks,
    verdict: message.verdict,
    findings: message.findings.map((finding) => `${finding.id}:${finding.severity}`),
  }));
}

describe("HAR export", () => {
  it("the capture really holds every seeded secret, and the leak check finds them in each encoding", () => {
    const text = new TextDecoder().decode(captureBytes);
    for (const [name, secret] of seeded) expect(leaksOf(text, secret), name).not.toEqual([]);
    // The NameID is only inside base64 (POST) and DEFLATE + base64 (Redirect) values.
    expect(text.includes(secrets.nameId ?? "")).toBe(false);
    expect(leaksOf(text, secrets.nameId ?? "")).toContain("inside a base64 (or deflated + base64) value");
  });

  it("writes valid HAR 1.2 that imports to the same messages and findings (no redaction)", async () => {
    const original = imported(captureBytes);
    const text = exportHarText(original.entries.map((kept) => kept.entry), { redact: false });
    expect(z.safeParse(harSchema, JSON.parse(text)).success).toBe(true);
    const again = imported(new TextEncoder().encode(text));
    expect(again.messages.map(({ origin: _origin, ...message }) => message)).toEqual(original.messages.map(({ origin: _origin, ...message }) => message));
    expect(summary(await analyze(new TextEncoder().encode(text)))).toEqual(summary(await analyze(captureBytes)));
    expect(original.entries.map((kept) => kept.index)).toEqual([1, 3, 5, 6]);
  });

  it("redacts by default: no seeded secret survives in any form, and the file is still valid HAR 1.2", () => {
    const entries = imported(captureBytes).entries.map((kept) => kept.entry);
    const { har, parts } = exportHar(entries);
    const text = parts.join("");
    const check = z.safeParse(harSchema, JSON.parse(text));
    expect(check.success, JSON.stringify(check.error?.issues.slice(0, 3))).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(har)));
    for (const [name, secret] of seeded) expect(leaksOf(text, secret), name).toEqual([]);
    expect(text).toContain("Bearer REDACTED");
    expect(text).toContain("KEYCLOAK_SESSION=REDACTED");
  });

  it("keeps redacted messages analysable with the same verdicts: masked signatures are not checked, not called invalid", async () => {
    const entries = imported(captureBytes).entries.map((kept) => kept.entry);
    const redactedText = exportHarText(entries);
    const original = await analyze(captureBytes);
    const redactedAnalysis = await analyze(new TextEncoder().encode(redactedText));
    const before = summary(original);
    const after = summary(redactedAnalysis);
    // Same messages, same verdicts: a support engineer opening the shared file sees what the user saw.
    expect(after.map(({ findings: _f, ...rest }) => rest)).toEqual(before.map(({ findings: _f, ...rest }) => rest));
    expect(before.some((message) => message.kind === "Response" && message.verdict === "accept")).toBe(true);
    for (const [index, message] of before.entries()) {
      const redacted = after[index];
      if (message.kind !== "Response") {
        expect(redacted?.findings, `${message.kind}`).toEqual(message.findings);
        continue;
      }
      // The digest and signature values are zeroed (and the signed content changed): said so, and left out of the verdict.
      expect(redacted?.findings).not.toContain("signature.invalid:error");
      expect(message.findings).not.toContain("signature.not-checked:info");
      expect(redacted?.findings.filter((finding) => finding !== "signature.not-checked:info")).toEqual(message.findings);
      const masked = redactedAnalysis.messages[index];
      expect(masked?.findings.find((finding) => finding.id === "signature.not-checked")?.message).toContain("redacted for sharing");
      expect(masked?.verdictComplete).toBe(false);
      expect(original.messages[index]?.verdictComplete).toBe(true);
    }
    for (const message of (await analyze(new TextEncoder().encode(redactedText))).messages) {
      expect(message.xml).not.toBeNull();
      expect(parseXml(message.xml ?? "").ok).toBe(true);
    }
  });

  it("shows who the user was only as a consistent stand-in", async () => {
    const entries = imported(captureBytes).entries.map((kept) => kept.entry);
    const analysis = await analyze(new TextEncoder().encode(exportHarText(entries)));
    const response = analysis.messages.find((message) => message.kind === "Response")?.model;
    const logout = analysis.messages.find((message) => message.kind === "LogoutRequest")?.xml ?? "";
    if (response?.kind !== "Response") throw new Error("no Response");
    const assertion = response.assertions[0];
    expect(assertion?.nameId?.value).toBe("redacted-nameid-1");
    // The same NameID in the LogoutRequest gets the same stand-in, so the logout still matches the login.
    expect(logout).toContain(">redacted-nameid-1<");
    expect(assertion?.attributes.find((attribute) => attribute.name === "user_email")?.values).toEqual(["user1@redacted.invalid"]);
    expect(assertion?.attributes.find((attribute) => attribute.name === "Role")?.values).toEqual(["redacted-value-2"]);
  });

  it("keeps decoding quirks through redaction (a DEFLATEd POST, line-wrapped base64)", async () => {
    const xml = fixtureXml("valid-signed-document");
    const { deflateRawSync } = await import("node:zlib");
    const cases = [base64(deflateRawSync(Buffer.from(xml))), base64(xml).replace(/.{76}/g, "$&\r\n")];
    for (const value of cases) {
      const input = readInput(new URLSearchParams({ SAMLResponse: value }).toString());
      if (!input.ok) throw new Error(input.message);
      const before = await analyzeCaptured(input.messages, { profile: PROFILE, now: NOW, verify });
      const redacted = exportHarText(entriesFromMessages(input.messages));
      const after = await analyze(new TextEncoder().encode(redacted));
      expect(after.messages[0]?.quirks).toEqual(before.messages[0]?.quirks);
      expect(after.messages[0]?.quirks.length).toBeGreaterThan(0);
      expect(leaksOf(redacted, "jöran.müller@example.com")).toEqual([]);
    }
  });

  it("redacts messages it cannot parse by pattern, and replaces values it cannot decode, keeping their findings", async () => {
    const doctype = `<!DOCTYPE r [<!ENTITY x "y">]>${fixtureXml("valid-signed-document").replace("jöran.müller@example.com</saml:NameID>", `${secrets.nameId}</saml:NameID>`)}`;
    const broken = `${fixtureXml("unsigned").replace("<saml:Issuer>", `<saml:NameID>${secrets.nameId}</saml:NameID><saml:Issuer>`).slice(0, -20)}`;
    const undecodable = base64(`${secrets.email} padding`).slice(0, -3) + "*";
    for (const [value, finding] of [
      [base64(doctype), "xml.doctype"],
      [base64(broken), "xml.malformed"],
      [undecodable, "decode.invalid-base64"],
    ] as const) {
      const input = readInput(new URLSearchParams({ SAMLResponse: value }).toString());
      if (!input.ok) throw new Error(input.message);
      const before = await analyzeCaptured(input.messages, { profile: PROFILE, now: NOW, verify });
      expect(before.messages[0]?.findings.map((f) => f.id)).toContain(finding);
      const text = exportHarText(entriesFromMessages(input.messages));
      for (const [name, secret] of seeded) expect(leaksOf(text, secret), name).toEqual([]);
      const after = await analyze(new TextEncoder().encode(text));
      expect(after.messages[0]?.findings.map((f) => f.id)).toEqual(before.messages[0]?.findings.map((f) => f.id));
    }
  });

  it("exports pasted input (form body, URL, base64, XML) as HAR entries that analyse the same", async () => {
    const inputs = [
      base64(fixtureXml("conditions-expired")),
      fixtureXml("audience-no-slash"),
      new URLSearchParams({ SAMLResponse: base64(fixtureXml("valid-signed-document")), RelayState: "r1" }).toString(),
      new TextDecoder().decode(captureBytes).match(/"url": "(https:\/\/keycloak[^"]*SAMLRequest[^"]*)"/)?.[1] ?? "",
    ];
    for (const input of inputs) {
      const direct = await analyzeFile(new TextEncoder().encode(input), { profile: PROFILE, now: NOW, verify });
      if (!direct.ok) throw new Error(direct.error.message);
      const text = exportHarText(direct.entries, { redact: false });
      expect(z.safeParse(harSchema, JSON.parse(text)).success).toBe(true);
      expect(summary(await analyze(new TextEncoder().encode(text)))).toEqual(summary(direct.analysis));
    }
  });
});
