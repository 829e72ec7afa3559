/** The real `saml-lens` binary, built with the project's build script into a temporary directory. */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, ftruncateSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { FIXTURES, NOW, base64, fixtureXml } from "../core/fixtures.js";

const ROOT = join(import.meta.dirname, "../../..");
let dir: string;
let cli: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "saml-lens-cli-"));
  execFileSync(process.execPath, [join(ROOT, "build.mjs"), "--cli-only", `--outdir=${join(dir, "dist")}`], { cwd: ROOT, stdio: "pipe" });
  cli = join(dir, "dist", "cli", "saml-lens.js");
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string, nodeOptions: string[] = []) {
  const result = spawnSync(process.execPath, [...nodeOptions, cli, ...args], { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sentry = ["--sentry-url", "https://sentry.example.com", "--org", "acme", "--idp-cert", join(FIXTURES, "keys", "idp-cert.pem"), "--now", NOW.toISOString()];

describe("saml-lens analyze (built)", () => {
  it("reads a form body from standard input and exits 0", () => {
    const result = run(["analyze", "-", ...sentry, "--json"], `SAMLResponse=${encodeURIComponent(base64(fixtureXml("valid-signed-document")))}`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).messages[0].kind).toBe("Response");
  });

  it("exits 1 with --fail-on error on a response Sentry rejects", () => {
    const file = join(dir, "destination.xml");
    writeFileSync(file, fixtureXml("destination-http"));
    const result = run(["analyze", file, ...sentry, "--fail-on", "error"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("The response was received at https://sentry.example.com/saml/acs/acme/ instead of http://sentry.example.com/saml/acs/acme/");
  });

  it("exits 2 with a clear message on unusable input", () => {
    const result = run(["analyze", "-"], "this is ! not saml");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/saml-lens analyze: standard input: The input is neither/);
  });
});

describe("saml-lens analyze (built) on large and odd inputs", () => {
  const captureText = readFileSync(join(FIXTURES, "..", "har", "capture.har"), "utf8");
  const capture = z.parse(z.object({ log: z.object({ entries: z.array(z.unknown()) }) }), JSON.parse(captureText));

  /** The capture's SAML requests after `megabytes` requests for 1 MB scripts, as a browser's "Save all as HAR" has them. */
  async function paddedHar(path: string, megabytes: number): Promise<number> {
    const script = "x".repeat(1 << 20);
    const padding = JSON.stringify({
      startedDateTime: "2025-06-01T12:00:00.000Z",
      time: 1,
      request: { method: "GET", url: "https://sentry.example.com/static/app.js", httpVersion: "HTTP/1.1", cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
      response: {
        status: 200,
        statusText: "OK",
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: [],
        content: { size: script.length, mimeType: "text/javascript", text: script },
        redirectURL: "",
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    });
    const out = createWriteStream(path);
    let size = 0;
    const write = async (text: string) => {
      size += Buffer.byteLength(text);
      if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    };
    await write('{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[');
    for (let i = 0; i < megabytes; i++) await write(`${padding},`);
    await write(`${capture.log.entries.map((entry) => JSON.stringify(entry)).join(",")}]}}`);
    await new Promise<void>((resolve) => out.end(() => resolve()));
    return size;
  }

  const reportSchema = z.object({
    messages: z.array(z.object({ kind: z.nullable(z.string()), id: z.nullable(z.string()), verdict: z.string(), findings: z.array(z.object({ id: z.string() })) })),
  });
  /** What the analysis says of each message (its origin names the HAR entry, which differs with the padding). */
  const summary = (stdout: string) =>
    z.parse(reportSchema, JSON.parse(stdout)).messages.map((message) => [message.kind, message.id, message.verdict, message.findings.map((finding) => finding.id)]);

  /** The CLI's peak resident memory, which it prints to stderr through a preloaded exit hook. */
  function peakMegabytes(args: string[]) {
    const hook = join(dir, "peak-rss.cjs");
    writeFileSync(hook, 'process.on("exit", () => process.stderr.write(`peak-rss ${process.resourceUsage().maxRSS}\\n`));');
    const result = run(args, undefined, ["--require", hook]);
    const peak = /peak-rss (\d+)/.exec(result.stderr);
    if (peak?.[1] === undefined) throw new Error(`no peak reported: ${result.stderr}`);
    return { ...result, peak: Number(peak[1]) / 1024 };
  }

  it("streams a HAR file: a 200 MB larger capture needs no more memory, and gives the same messages", async () => {
    const small = join(dir, "small.har");
    const large = join(dir, "large.har");
    await paddedHar(small, 20);
    const largeBytes = await paddedHar(large, 220);
    try {
      const fromSmall = peakMegabytes(["analyze", small, ...sentry, "--json"]);
      const fromLarge = peakMegabytes(["analyze", large, ...sentry, "--json"]);
      expect(fromLarge.code).toBe(0);
      expect(summary(fromLarge.stdout)).toEqual(summary(fromSmall.stdout));
      expect(summary(fromLarge.stdout).length).toBeGreaterThan(3);
      // Read whole, the 200 MB more would be 200 MB more memory; streamed, the difference is noise.
      expect(largeBytes).toBeGreaterThan(220 << 20);
      expect(fromLarge.peak - fromSmall.peak).toBeLessThan(60);
    } finally {
      rmSync(small, { force: true });
      rmSync(large, { force: true });
    }
  }, 120_000);

  it("reads a HAR from standard input", () => {
    const result = run(["analyze", "-", ...sentry, "--json"], captureText);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).messages.map((message: { kind: string }) => message.kind)).toContain("Response");
  });

  it("answers a 3 GB file that is no HAR with its size, after reading only the first 256 MB", () => {
    const huge = join(dir, "huge.txt");
    const fd = openSync(huge, "w");
    writeSync(fd, "SAMLResponse=");
    ftruncateSync(fd, 3 * 1024 ** 3); // sparse: the disk holds a few bytes
    closeSync(fd);
    try {
      const result = run(["analyze", huge, ...sentry]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`saml-lens analyze: ${huge}: The input is over 256 MB and not a HAR file`);
    } finally {
      rmSync(huge, { force: true });
    }
  });

  it("says so when the input is a directory, and for a certificate file too large to be one", () => {
    const folder = join(dir, "a-folder");
    mkdirSync(folder, { recursive: true });
    const directory = run(["analyze", folder, ...sentry]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain(`saml-lens analyze: ${folder} is a directory, not a file.`);

    const bigCert = join(dir, "big.pem");
    const fd = openSync(bigCert, "w");
    ftruncateSync(fd, 300 * 1024 ** 2);
    closeSync(fd);
    try {
      const result = run(["analyze", "-", "--sentry-url", "https://sentry.example.com", "--org", "acme", "--idp-cert", bigCert], "SAMLResponse=x");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`saml-lens analyze: ${bigCert} is 300 MB, more than the 256 MB a certificate, metadata or client export can be.`);
    } finally {
      rmSync(bigCert, { force: true });
    }
  });
});
