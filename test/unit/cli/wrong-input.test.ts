/**
 * The real `saml-lens` binary on input that is not what a command reads: each is refused with exit 2 and a sentence
 * that names the file and says what it looks like (and which command or option reads it), never a parser's wording,
 * never the file's bytes, never a verdict on a "message" that is none. And `analyze` judges each message of a HAR by
 * the Sentry organization it was posted to, whatever --org says.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, NOW, base64, fixtureXml } from "../core/fixtures.js";
import { entry, formBody, har } from "../core/har-builder.js";

const ROOT = join(import.meta.dirname, "../../..");
let dir: string;
let cli: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "saml-lens-wrong-input-"));
  execFileSync(process.execPath, [join(ROOT, "build.mjs"), "--cli-only", `--outdir=${join(dir, "dist")}`], { cwd: ROOT, stdio: "pipe" });
  cli = join(dir, "dist", "cli", "saml-lens.js");
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const PNG = join(ROOT, "icons", "icon-16.png");
const METADATA = join(ROOT, "test", "fixtures", "panel", "idp-metadata.xml");
const CLIENT = join(ROOT, "test", "fixtures", "keycloak", "sentry-working.client.json");
const SENTRY = ["--sentry-url", "https://sentry.example.com", "--org", "acme"];

describe("saml-lens analyze on input that holds no SAML message", () => {
  it.each([
    ["a text file", () => file("hello.txt", "hello world\n"), "hello.txt: No SAML message found"],
    ["IdP metadata", () => METADATA, "idp-metadata.xml: This is SAML metadata (EntityDescriptor), not a SAML message: no SAML message found. Give the IdP's metadata to analyze with --idp-metadata FILE"],
    ["a client export", () => CLIENT, "sentry-working.client.json: This is a Keycloak client (or realm) export, not a capture of SAML traffic: no SAML message found. To check the client for Sentry, use check-client."],
    ["random JSON", () => file("random.json", '{"foo": [1, 2, 3], "bar": "x"}\n'), 'random.json: This JSON is neither a HAR capture (no "log" with "entries") nor a SAML-tracer export: no SAML message found.'],
    ["a PNG image", () => PNG, "icon-16.png: This is a PNG image, not text: no SAML message found."],
  ])("refuses %s with exit 2 and says what it is", (_what, path, sentence) => {
    const result = run(["analyze", path(), ...SENTRY]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(sentence);
    expect(result.stderr).not.toMatch(/REJECT|ACCEPT|Invalid input|expected .*received/);
  });

  it("still analyses a bare base64 Response", () => {
    const result = run(["analyze", file("response.txt", base64(fixtureXml("valid-signed-document"))), ...SENTRY, "--now", NOW.toISOString()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("#1 Response");
  });
});

describe("saml-lens check-client on a file that is no client export", () => {
  const truncated = () => file("truncated.client.json", readFileSync(join(ROOT, "test", "fixtures", "keycloak", "realm-role-list-multi.realm.json"), "utf8").slice(0, 6000));
  it.each([
    ["a PNG image", () => PNG, "icon-16.png: This is a PNG image, not text. A Keycloak client export is the JSON file of Clients → the client → Action → Export."],
    ["a truncated export", truncated, "truncated.client.json: The file ends before its JSON is complete: it is truncated (an interrupted download or copy?). Export it again."],
    ["a text file", () => file("notes.txt", "hello world\n"), 'notes.txt: This is not JSON: it starts with "hello world".'],
    ["IdP metadata", () => METADATA, "idp-metadata.xml: This is SAML metadata, not a Keycloak client export: give Sentry's SP metadata with --sp-metadata FILE"],
    ["a HAR capture", () => join(FIXTURES, "..", "har", "capture.har"), "capture.har: This is a capture of SAML traffic (HAR), not a Keycloak client export: analyze it with saml-lens analyze."],
  ])("refuses %s with exit 2, naming the file and what is wrong", (_what, path, sentence) => {
    const result = run(["check-client", path(), ...SENTRY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(sentence);
    expect(result.stderr).not.toMatch(/position \d+|Unexpected token|\u0000|\uFFFD/);
  });
});

describe("saml-lens analyze judges each message by the organization it was posted to", () => {
  it("accepts acme's login posted to acme's ACS although --org names newco", () => {
    const acs = "https://sentry.example.com/saml/acs/acme/";
    const capture = file("acme.har", JSON.stringify(har([entry("POST", acs, { body: formBody({ SAMLResponse: base64(fixtureXml("valid-signed-document")) }) })])));
    const args = ["analyze", capture, "--sentry-url", "https://sentry.example.com", "--org", "newco", "--idp-cert", join(FIXTURES, "keys", "idp-cert.pem")];
    const result = run([...args, "--identifier-attribute", "user_email", "--email-attribute", "user_email", "--now", NOW.toISOString(), "--fail-on", "error"]);
    expect(result.stdout).not.toContain("instead of");
    expect(result.stdout).toContain("Sentry will ACCEPT");
    expect(result.code).toBe(0);
  });
});
