import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { analyzeCommand } from "../../../../src/cli/analyze.js";
import { UsageError, type CliIo } from "../../../../src/cli/io.js";
import { MAX_TEXT_BYTES, analyzeFile } from "../../../../src/core/analyze/analyze-file.js";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import { harSchema } from "../../../../src/core/har/schema.js";
import { loadRealVerifier } from "../analyze/real-verifier.js";
import { PROFILE } from "../fixtures.js";

const capture = readFileSync(join(import.meta.dirname, "../../../fixtures/har/capture.har"));
const secrets = z.parse(z.record(z.string(), z.string()), JSON.parse(readFileSync(join(import.meta.dirname, "../../../fixtures/har/secrets.json"), "utf8")));
const NOW = new Date(secrets.now ?? "");
const verify = await loadRealVerifier();

function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
}

describe("analyzeFile", () => {
  it("streams a HAR to the same analysis as analysing its text, from bytes or from a stream", async () => {
    const options = { profile: PROFILE, now: NOW, verify };
    const text = await analyzeInput(new TextDecoder().decode(capture), options);
    const fromBytes = await analyzeFile(capture, options);
    const fromStream = await analyzeFile(streamOf(capture, 333), options);
    if (!text.ok || !fromBytes.ok || !fromStream.ok) throw new Error("analysis failed");
    expect(fromBytes.analysis).toEqual(text.analysis);
    expect(fromStream.analysis).toEqual(text.analysis);
    expect(fromBytes.kind).toBe("har");
    expect(fromBytes.entries).toHaveLength(4);
  });

  it("reads other input (a BOM, then XML) from a stream cut anywhere, and reports unusable input with a code", async () => {
    const xml = readFileSync(join(import.meta.dirname, "../../../fixtures/saml/responses/unsigned.xml"));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, ...xml]);
    const result = await analyzeFile(streamOf(withBom, 1), { profile: PROFILE, now: NOW, verify });
    expect(result.ok && result.kind).toBe("xml");
    expect(result.ok && result.analysis.messages[0]?.findings.map((finding) => finding.id)).toContain("signature.missing");
    const cases: [Uint8Array, string][] = [
      [new TextEncoder().encode('{"log": {"entries": ['), "input.invalid-json"],
      [new TextEncoder().encode('{"log": {"entries": [{"request": {"method": "GET", "url": "https://example.com/"}}]}}'), "input.no-saml"],
      [new TextEncoder().encode("[1]"), "input.no-saml"],
      [new Uint8Array([0x53, 0x41, 0xff, 0xfe]), "input.not-utf8"],
    ];
    for (const [bytes, code] of cases) {
      const failed = await analyzeFile(bytes, { profile: PROFILE, now: NOW, verify });
      expect(failed.ok ? "ok" : failed.error.code).toBe(code);
    }
  });

  it("refuses text input too large to be a message, form body or URL as too large (not as 'not UTF-8'), from bytes and from a stream", async () => {
    // 300 MB of base64 letters: one string of it would be near JavaScript's limit, and no SAML message is this long.
    const huge = new Uint8Array(MAX_TEXT_BYTES + 44 * 1024 * 1024).fill(0x41);
    const fromBytes = await analyzeFile(huge, { profile: PROFILE, now: NOW, verify });
    expect(fromBytes.ok ? "ok" : fromBytes.error).toEqual({ code: "input.too-large", message: expect.stringMatching(/^The input is 300 MB and not a HAR file: too large/) });
    let pulled = 0;
    const slice = huge.subarray(0, 16 * 1024 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += slice.length;
        controller.enqueue(slice);
      },
    });
    const fromStream = await analyzeFile(endless, { profile: PROFILE, now: NOW, verify });
    expect(fromStream.ok ? "ok" : fromStream.error).toEqual({ code: "input.too-large", message: expect.stringMatching(/^The input is over 256 MB and not a HAR file/) });
    expect(pulled).toBeLessThan(MAX_TEXT_BYTES + 64 * 1024 * 1024);
  });
});

describe("saml-lens analyze --export-har", () => {
  function io(files: Record<string, Uint8Array>) {
    const written = new Map<string, string>();
    const err: string[] = [];
    const readInput = async (path: string) => {
      const content = files[path];
      if (content === undefined) throw new UsageError(`No such file: ${path}`);
      return content;
    };
    const value: CliIo = {
      stdout: () => undefined,
      stderr: (text) => err.push(text),
      readInput,
      streamInput: async (path) => streamOf(await readInput(path), 1 << 16),
      writeFile: async (path, content) => void written.set(path, content),
      color: false,
      now: () => NOW,
    };
    return { io: value, written, err };
  }

  it("writes a redacted HAR 1.2 by default, and the captured values only with --no-redact", async () => {
    const command = analyzeCommand(verify);
    const redacted = io({ "capture.har": capture });
    await command.run(["capture.har", "--export-har", "out.har", "--json"], redacted.io);
    const text = redacted.written.get("out.har") ?? "";
    expect(z.safeParse(harSchema, JSON.parse(text)).success).toBe(true);
    expect(text).not.toContain(secrets.cookie);
    expect(text).not.toContain(secrets.bearerToken);
    expect(redacted.err.join("")).toContain("(redacted)");
    const plain = io({ "capture.har": capture });
    await command.run(["capture.har", "--export-har", "out.har", "--no-redact"], plain.io);
    expect(plain.written.get("out.har")).toContain(secrets.bearerToken);
    expect(plain.err.join("")).toContain("NOT redacted");
    await expect(command.run(["capture.har", "--no-redact"], plain.io)).rejects.toThrow(/--no-redact goes with --export-har/);
  });
});
