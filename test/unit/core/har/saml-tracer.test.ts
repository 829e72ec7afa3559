/**
 * SAML-tracer exports: the same capture as a HAR and as SAML-tracer writes it (pairs of parameters, decoded XML in
 * `saml`, POST values masked by its "obfuscate" profile) must give the same messages, verdicts and findings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { analyzeFile } from "../../../../src/core/analyze/analyze-file.js";
import { harEntriesFromSamlTracer } from "../../../../src/core/har/saml-tracer.js";
import { loadRealVerifier } from "../analyze/real-verifier.js";
import { PROFILE } from "../fixtures.js";

const capture = JSON.parse(readFileSync(join(import.meta.dirname, "../../../fixtures/har/capture.har"), "utf8")) as {
  log: { entries: Array<{ request: { method: string; url: string; headers: Array<{ name: string; value: string }>; postData?: { text?: string } }; response: { status: number; statusText: string; headers: Array<{ name: string; value: string }> } }> };
};
const secrets = z.parse(z.record(z.string(), z.string()), JSON.parse(readFileSync(join(import.meta.dirname, "../../../fixtures/har/secrets.json"), "utf8")));
const options = { profile: PROFILE, now: new Date(secrets.now ?? ""), verify: await loadRealVerifier() };

/** What SAML-tracer's export writes for this capture, with its "obfuscate" profile masking every POST value. */
function asSamlTracer(obfuscate: boolean) {
  return {
    timestamp: "2025-06-01T12:00:00.000Z",
    requests: capture.log.entries.map((entry, index) => {
      const { request, response } = entry;
      const get = [...new URL(request.url).searchParams.entries()];
      const post = request.method === "POST" ? [...new URLSearchParams(request.postData?.text ?? "").entries()] : undefined;
      const inPost = post?.find(([name]) => name === "SAMLRequest" || name === "SAMLResponse")?.[1];
      const inQuery = get.find(([name]) => name === "SAMLRequest" || name === "SAMLResponse")?.[1];
      const saml = inPost !== undefined ? Buffer.from(inPost, "base64").toString("utf8") : inQuery !== undefined ? inflateRawSync(Buffer.from(inQuery, "base64")).toString("utf8") : undefined;
      return {
        requestId: `request-${index}`,
        method: request.method,
        url: request.url,
        requestHeaders: request.headers,
        get,
        ...(post === undefined ? {} : { post: obfuscate ? post.map(([name]) => [name, "*****"]) : post }),
        ...(saml === undefined ? {} : { saml, protocol: "SAML-P" }),
        responseStatus: response.status,
        responseStatusText: response.statusText,
        responseHeaders: response.headers,
      };
    }),
  };
}

const summary = (result: Awaited<ReturnType<typeof analyzeFile>>) => {
  if (!result.ok) throw new Error(result.error.message);
  return result.analysis.messages.map((message) => [message.kind, message.binding, message.id, message.verdict, message.findings.map((finding) => finding.id).sort()]);
};

describe("SAML-tracer export import", () => {
  it("gives what the HAR gives, even with its POST values obfuscated (signatures still verify)", async () => {
    const fromHar = summary(await analyzeFile(Buffer.from(JSON.stringify(capture)), options));
    expect(fromHar.length).toBeGreaterThan(0);
    for (const obfuscate of [false, true]) {
      const fromTracer = summary(await analyzeFile(Buffer.from(JSON.stringify(asSamlTracer(obfuscate))), options));
      expect(fromTracer).toEqual(fromHar);
    }
  });

  it("is recognised from a stream too (the CLI streams its input, and standard input cannot be read twice)", async () => {
    const fromHar = summary(await analyzeFile(Buffer.from(JSON.stringify(capture)), options));
    const bytes = Buffer.from(JSON.stringify(asSamlTracer(true)));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let start = 0; start < bytes.length; start += 4096) controller.enqueue(bytes.subarray(start, start + 4096));
        controller.close();
      },
    });
    expect(summary(await analyzeFile(stream, options))).toEqual(fromHar);
  });

  it("reads SAML-tracer's legacy header pairs and refuses a malformed request with a clear message", () => {
    const legacy = { requests: [{ id: "1", method: "GET", url: "https://idp.example/sso?x=1", requestHeaders: [["Host", "idp.example"]] }] };
    const read = harEntriesFromSamlTracer(legacy);
    expect(read.ok && read.entries[0]?.request.headers).toEqual([{ name: "Host", value: "idp.example" }]);
    const broken = harEntriesFromSamlTracer({ requests: [{ method: 3 }] });
    expect(broken).toEqual({ ok: false, message: expect.stringContaining("SAML-tracer request 1 is malformed") });
  });
});

describe("a SAML-tracer request whose decoded XML is kept", () => {
  const entryOf = (request: Record<string, unknown>) => {
    const result = harEntriesFromSamlTracer({ requests: [{ requestId: "r", method: "GET", url: "https://sentry.example.com/saml/sls/acme/?SAMLResponse=masked&RelayState=r1", get: [], ...request }] });
    if (!result.ok) throw new Error(result.message);
    return result.entries[0];
  };

  it("re-encodes a Redirect SAMLResponse from its XML (leading blanks too), and leaves a URL without a SAML parameter alone", () => {
    const xml = "<samlp:LogoutResponse xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"x\"/>";
    const url = new URL(entryOf({ saml: `\n  ${xml}` })?.request.url ?? "");
    expect(inflateRawSync(Buffer.from(url.searchParams.get("SAMLResponse") ?? "", "base64")).toString("utf8")).toBe(`\n  ${xml}`);
    expect(url.searchParams.get("RelayState")).toBe("r1");
    const plain = "https://sentry.example.com/auth/login/acme/?next=%2F";
    expect(entryOf({ url: plain, saml: xml })?.request.url).toBe(plain);
    expect(entryOf({ saml: "not xml" })?.request.url).toBe("https://sentry.example.com/saml/sls/acme/?SAMLResponse=masked&RelayState=r1");
  });
});
