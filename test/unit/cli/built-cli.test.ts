/** The real `saml-lens` binary, built with the project's build script into a temporary directory. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
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
    expect(result.stderr).toMatch(/saml-lens analyze: The input is neither/);
  });
});
