/** check-client's security section and `--fail-on security`, through the command as a user runs it. */
import { describe, expect, it } from "vitest";
import { checkClientCommand } from "../../../../src/cli/check-client.js";
import { memoryIo } from "./memory-io.js";
import { fixture } from "./support.js";

const SELF_HOSTED = ["--sentry-url", "https://sentry.example.com", "--org", "acme"];
const WILDCARD = JSON.stringify({ ...fixture("sentry-working.client.json"), redirectUris: ["https://sentry.example.com/*"] });

describe("saml-lens check-client: security", () => {
  it("prints the security findings in their own section after the fit summary, which does not count them", async () => {
    const io = memoryIo({ "wildcard.json": WILDCARD });
    expect(await checkClientCommand.run(["wildcard.json", ...SELF_HOSTED], io)).toBe(0);
    const out = io.out();
    const summary = out.indexOf("Summary: 1 warning.");
    const section = out.indexOf("Security (what an auditor would flag");
    expect(summary).toBeGreaterThan(0);
    expect(section).toBeGreaterThan(summary);
    expect(out.indexOf("security.redirect-wildcard  (Settings › Access settings › Valid redirect URIs)")).toBeGreaterThan(section);
    expect(out.slice(0, section)).not.toContain("security.");
    expect(out).toContain('Fix: Set Settings › Access settings › Valid redirect URIs to exactly "https://sentry.example.com/saml/acs/acme/"');
    expect(out).toContain("Accepted: Encrypt assertions Off: Sentry has no SP key");
    expect(out).toMatch(/Security summary: 2 warnings, 1 suggestion; 3 accepted/);
  });

  it("--fail-on security exits 1 on a security finding to act on, 0 when only accepted ones remain", async () => {
    expect(await checkClientCommand.run(["wildcard.json", ...SELF_HOSTED, "--fail-on", "security"], memoryIo({ "wildcard.json": WILDCARD }))).toBe(1);
    const fresh = memoryIo();
    await checkClientCommand.run([...SELF_HOSTED, "--new-client", "new.json"], fresh);
    const generated = { "new.json": fresh.written.get("new.json") ?? "" };
    expect(await checkClientCommand.run(["new.json", ...SELF_HOSTED, "--fail-on", "security"], memoryIo(generated))).toBe(0);
    // Security findings never trip the fit levels: the wildcard client has no fit error.
    expect(await checkClientCommand.run(["wildcard.json", ...SELF_HOSTED, "--fail-on", "error"], memoryIo({ "wildcard.json": WILDCARD }))).toBe(0);
    expect(await checkClientCommand.run(["new.json", ...SELF_HOSTED, "--fail-on", "warning,security"], memoryIo(generated))).toBe(0);
    expect(await checkClientCommand.run(["wildcard.json", ...SELF_HOSTED, "--fail-on", "bogus"], memoryIo({ "wildcard.json": WILDCARD }))).toBe(2);
  });

  it("puts security findings under their own JSON key, each marked kind security", async () => {
    const io = memoryIo({ "wildcard.json": WILDCARD });
    await checkClientCommand.run(["wildcard.json", ...SELF_HOSTED, "--json"], io);
    const output = JSON.parse(io.out()) as { findings: Array<{ id: string; kind?: string }>; security: Array<{ id: string; kind: string }> };
    expect(output.findings.every((finding) => finding.kind === undefined && !finding.id.startsWith("security."))).toBe(true);
    expect(output.security.map((finding) => finding.id)).toContain("security.redirect-wildcard");
    expect(output.security.every((finding) => finding.kind === "security")).toBe(true);
  });

  it("--fix writes a client with exactly Sentry's ACS URL", async () => {
    const io = memoryIo({ "wildcard.json": WILDCARD });
    await checkClientCommand.run(["wildcard.json", ...SELF_HOSTED, "--fix", "fixed.json"], io);
    expect((JSON.parse(io.written.get("fixed.json") ?? "{}") as { redirectUris: string[] }).redirectUris).toEqual(["https://sentry.example.com/saml/acs/acme/"]);
  });

  it("reads the realm's keys with --realm-keys and refuses a file of another shape", async () => {
    const io = memoryIo();
    await checkClientCommand.run(["sentry-working.client.json", ...SELF_HOSTED, "--realm-keys", "realm-keys.json"], io);
    expect(io.out()).toContain("security.realm-key-size");
    expect(io.out()).toContain("weak-1024 (RS256) is RSA 1024 bits");
    const wrong = memoryIo({ "keys.json": JSON.stringify({ keys: "none" }) });
    expect(await checkClientCommand.run(["sentry-working.client.json", ...SELF_HOSTED, "--realm-keys", "keys.json"], wrong)).toBe(2);
    expect(wrong.err()).toContain("GET /admin/realms/{realm}/keys");
  });
});
