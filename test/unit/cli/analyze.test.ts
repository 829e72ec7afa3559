import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCommand } from "../../../src/cli/analyze.js";
import { EXIT, UsageError, type CliIo } from "../../../src/cli/io.js";
import * as z from "zod/mini";
import { FIXTURES, NOW, base64, fixtureXml } from "../core/fixtures.js";
import { loadRealVerifier } from "../core/analyze/real-verifier.js";
import { logoutRequest, signedQuery, slsUrl } from "../core/redirect-signing.js";

const SENTRY = [
  ...["--sentry-url", "https://sentry.example.com", "--org", "acme", "--idp-entity-id", "https://keycloak.example.com/realms/demo"],
  // The fixtures' mapping (the seed guide's): both read user_email.
  ...["--identifier-attribute", "user_email", "--email-attribute", "user_email"],
];
const CERT = join(FIXTURES, "keys", "idp-cert.pem");

function memoryIo(files: Record<string, string>, color = false) {
  const out: string[] = [];
  const err: string[] = [];
  const readInput = async (path: string) => {
    const content = files[path] ?? (path.startsWith("/") ? readFileSync(path, "utf8") : undefined);
    if (content === undefined) throw new UsageError(`No such file: ${path}`);
    return new TextEncoder().encode(content);
  };
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readInput,
    streamInput: async (path) => new Blob([await readInput(path)]).stream(),
    writeFile: async () => undefined,
    color,
    now: () => new Date("2031-01-01T00:00:00Z"),
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

const jsonSchema = z.object({
  messages: z.array(
    z.object({
      kind: z.nullable(z.string()),
      binding: z.string(),
      id: z.nullable(z.string()),
      inResponseTo: z.nullable(z.string()),
      issuer: z.nullable(z.string()),
      destination: z.nullable(z.string()),
      verdict: z.enum(["accept", "reject"]),
      findings: z.array(z.object({ id: z.string(), severity: z.string(), message: z.string(), fix: z.string(), source: z.string() })),
    }),
  ),
  exchanges: z.array(z.unknown()),
});

describe("saml-lens analyze", () => {
  it("prints the --json shape and exits 0 for an accepted response", async () => {
    const command = analyzeCommand(await loadRealVerifier());
    const { io, out } = memoryIo({ "r.txt": base64(fixtureXml("valid-signed-document")) });
    const code = await command.run(["r.txt", ...SENTRY, "--idp-cert", CERT, "--now", NOW.toISOString(), "--json", "--fail-on", "error"], io);
    const json = z.parse(jsonSchema, JSON.parse(out()));
    expect(json.messages[0]).toMatchObject({ kind: "Response", binding: "HTTP-POST", id: "ID_resp_7f1c", verdict: "accept" });
    expect(code).toBe(EXIT.ok);
  });

  it("exits 1 with --fail-on error when Sentry would reject, and uses --now rather than the wall clock", async () => {
    const { io, out } = memoryIo({ "r.xml": fixtureXml("conditions-expired") });
    expect(await analyzeCommand(undefined).run(["r.xml", ...SENTRY, "--now", NOW.toISOString(), "--json", "--fail-on", "error"], io)).toBe(EXIT.findings);
    expect(out()).toContain("conditions.expired");
    const { io: later, out: laterOut } = memoryIo({ "r.xml": fixtureXml("valid-signed-document") });
    // Without --now the (fake) wall clock is 2031: the same valid response has expired by then.
    await analyzeCommand(undefined).run(["r.xml", ...SENTRY, "--json"], later);
    expect(laterOut()).toContain("conditions.expired");
  });

  it("judges a HAR's messages at their capture time unless --now is given: an old capture is not all 'expired'", async () => {
    const har = readFileSync(join(FIXTURES, "../har/capture.har"), "utf8");
    const captured = z.parse(z.object({ log: z.object({ entries: z.array(z.object({ startedDateTime: z.string() })) }) }), JSON.parse(har)).log.entries[0]?.startedDateTime;
    const verify = await loadRealVerifier();
    const messagesOf = (text: string) => z.parse(z.object({ messages: z.array(z.object({ kind: z.nullable(z.string()), verdict: z.string(), judgedAt: z.string(), findings: z.array(z.object({ id: z.string() })) })) }), JSON.parse(text)).messages;
    // The (fake) wall clock is 2031, years after the capture.
    const atCapture = memoryIo({ "capture.har": har });
    await analyzeCommand(verify).run(["capture.har", ...SENTRY, "--idp-cert", CERT, "--json"], atCapture.io);
    const response = messagesOf(atCapture.out()).find((message) => message.kind === "Response");
    expect(response).toMatchObject({ verdict: "accept", judgedAt: captured });
    const human = memoryIo({ "capture.har": har });
    await analyzeCommand(verify).run(["capture.har", ...SENTRY, "--idp-cert", CERT], human.io);
    expect(human.out()).toContain(`Times are judged at each message's capture time (${captured ?? ""})`);
    // --now: one clock for all, as before.
    const fixed = memoryIo({ "capture.har": har });
    await analyzeCommand(verify).run(["capture.har", ...SENTRY, "--idp-cert", CERT, "--now", "2031-01-01T00:00:00Z", "--json"], fixed.io);
    const late = messagesOf(fixed.out()).find((message) => message.kind === "Response");
    expect(late?.verdict).toBe("reject");
    expect(late?.findings.map((finding) => finding.id)).toContain("conditions.expired");
    expect(late?.judgedAt).toBe("2031-01-01T00:00:00.000Z");
    const fixedHuman = memoryIo({ "capture.har": har });
    await analyzeCommand(verify).run(["capture.har", ...SENTRY, "--idp-cert", CERT, "--now", "2031-01-01T00:00:00Z"], fixedHuman.io);
    expect(fixedHuman.out()).toContain("conditions.expired");
    expect(fixedHuman.out()).not.toContain("capture time");
  });

  it("says of an ignored logout that the text is python3-saml's, which Sentry does not show", async () => {
    const url = `${slsUrl}?${signedQuery({ xml: logoutRequest("cli-1"), key: "other" })}`;
    const { io, out } = memoryIo({ "logout.txt": url });
    const code = await analyzeCommand(await loadRealVerifier()).run(["logout.txt", ...SENTRY, "--idp-cert", CERT, "--now", NOW.toISOString(), "--fail-on", "error"], io);
    expect(code).toBe(EXIT.findings);
    expect(out()).toContain("Sentry will REJECT");
    expect(out()).toContain('python3-saml (not shown by Sentry) says: "Signature validation failed. Logout Request rejected"');
    expect(out()).toContain("signature.query-invalid");
  });

  it("prints a readable report, coloured only when colour is allowed", async () => {
    const plain = memoryIo({ "r.xml": fixtureXml("unsigned") });
    await analyzeCommand(undefined).run(["r.xml", ...SENTRY, "--now", NOW.toISOString()], plain.io);
    expect(plain.out()).toContain("Sentry will REJECT");
    expect(plain.out()).toContain('Sentry says: "No Signature found. SAML Response rejected"');
    expect(plain.out()).toContain("fix:      Settings → Signature and Encryption → Sign documents");
    expect(plain.out()).not.toContain("\u001b[");
    const coloured = memoryIo({ "r.xml": fixtureXml("unsigned") }, true);
    await analyzeCommand(undefined).run(["r.xml", ...SENTRY, "--now", NOW.toISOString()], coloured.io);
    expect(coloured.out()).toContain("\u001b[31mREJECT");
  });

  it("rejects unusable input and bad arguments with a clear UsageError (exit 2 in main)", async () => {
    const { io } = memoryIo({ "bad.json": '{"log":', "r.xml": fixtureXml("unsigned") });
    const run = (args: string[]) => analyzeCommand(undefined).run(args, io);
    await expect(run(["bad.json"])).rejects.toThrow(/not valid JSON/);
    await expect(run([])).rejects.toThrow(/missing the input file/);
    await expect(run(["missing.har"])).rejects.toThrow(/No such file/);
    await expect(run(["r.xml", "--now", "yesterday"])).rejects.toThrow(/--now must be an ISO-8601/);
    await expect(run(["r.xml", "--fail-on", "info"])).rejects.toThrow(/--fail-on must be error or warning/);
    await expect(run(["r.xml", "--sentry-url", "https://sentry.example.com"])).rejects.toThrow(/go together/);
    await expect(run(["r.xml", "--bogus"])).rejects.toThrow(UsageError);
  });
});
