import { describe, expect, it } from "vitest";
import { checkClientCommand } from "../../../../src/cli/check-client.js";
import { commands } from "../../../../src/cli/commands.js";
import { memoryIo } from "./memory-io.js";

const SELF_HOSTED = ["--sentry-url", "https://sentry.example.com", "--org", "acme"];

describe("saml-lens check-client", () => {
  it("is registered next to analyze", () => {
    expect(commands.map((command) => command.name)).toContain("check-client");
  });

  it("prints findings with console labels and exits 0 without --fail-on", async () => {
    const io = memoryIo();
    const code = await checkClientCommand.run(["sentry-fresh.client.json", ...SELF_HOSTED], io);
    expect(code).toBe(0);
    expect(io.out()).toContain("client.client-signature-required  (Keys › Signing keys config › Client signature required)");
    expect(io.out()).toMatch(/Summary: 2 errors, 5 warnings, 1 suggestion\./);
  });

  it("exits 1 when --fail-on is hit, 0 when not", async () => {
    expect(await checkClientCommand.run(["sentry-fresh.client.json", ...SELF_HOSTED, "--fail-on", "error"], memoryIo())).toBe(1);
    expect(await checkClientCommand.run(["realm-role-list-single.realm.json", ...SELF_HOSTED, "--fail-on", "warning"], memoryIo())).toBe(0);
    expect(await checkClientCommand.run(["sentry-working.client.json", ...SELF_HOSTED, "--fail-on", "error"], memoryIo())).toBe(0);
    expect(await checkClientCommand.run(["sentry-working.client.json", ...SELF_HOSTED, "--fail-on", "warning"], memoryIo())).toBe(1);
  });

  it("writes the JSON the issue defines, with the Sentry-side values", async () => {
    const io = memoryIo();
    await checkClientCommand.run(
      ["realm-role-list-multi.realm.json", ...SELF_HOSTED, "--keycloak-url", "https://sso.example.com", "--realm", "demo", "--json"],
      io,
    );
    const output = JSON.parse(io.out()) as Record<string, unknown>;
    expect(output).toMatchObject({
      client: "https://sentry.example.com/saml/metadata/acme/",
      preset: { id: "sentry-self-hosted", entityId: "https://sentry.example.com/saml/metadata/acme/" },
      sentry: {
        metadataUrl: "https://sso.example.com/realms/demo/protocol/saml/descriptor",
        entityId: "https://sso.example.com/realms/demo",
        ssoUrl: "https://sso.example.com/realms/demo/protocol/saml",
        attributeMapping: { "IdP User ID": "user_id", "User Email": "user_email" },
      },
      findings: [{ id: "mapper.duplicate-attribute-name", severity: "error", field: { label: "Single Role Attribute" }, attributeKey: "single" }],
    });
  });

  it("reads standard input and takes the preset from Sentry's metadata", async () => {
    const io = memoryIo({ "-": JSON.stringify({ clientId: "https://sentry.io/saml/metadata/acme", protocol: "saml", attributes: {} }) });
    await checkClientCommand.run(["-", "--sp-metadata", "sentry-sp-metadata/saas-acme.xml", "--json"], io);
    const output = JSON.parse(io.out()) as { findings: Array<{ id: string; message: string }> };
    expect(output.findings.find((finding) => finding.id === "client.client-id")?.message).toContain("lacks the trailing slash");
  });

  it("writes an importable corrected client with --fix, and a new client with --new-client", async () => {
    const io = memoryIo();
    await checkClientCommand.run(["realm-role-list-multi.realm.json", ...SELF_HOSTED, "--fix", "fixed.json"], io);
    const fixed = JSON.parse(io.written.get("fixed.json") ?? "{}") as Record<string, unknown>;
    expect(fixed.defaultClientScopes).toEqual(["saml_organization", "sentry-attributes"]);
    expect(fixed.id).toBeUndefined();

    const fresh = memoryIo();
    expect(await checkClientCommand.run([...SELF_HOSTED, "--new-client", "new.json"], fresh)).toBe(0);
    expect(JSON.parse(fresh.written.get("new.json") ?? "{}")).toMatchObject({ clientId: "https://sentry.example.com/saml/metadata/acme/", protocol: "saml" });
  });

  it("exits 2 with a clear message on unusable input", async () => {
    const noScheme = memoryIo();
    expect(await checkClientCommand.run(["sentry-fresh.client.json", "--sentry-url", "sentry.example.com", "--org", "acme"], noScheme)).toBe(2);
    expect(noScheme.err()).toContain("has no scheme");

    const spaces = memoryIo();
    expect(await checkClientCommand.run(["sentry-fresh.client.json", "--sentry-url", "https://sentry.example.com", "--org", "my org"], spaces)).toBe(2);
    expect(spaces.err()).toContain("contains spaces");

    const notJson = memoryIo({ "bad.json": "<xml/>" });
    expect(await checkClientCommand.run(["bad.json", ...SELF_HOSTED], notJson)).toBe(2);
    expect(notJson.err()).toContain("not JSON");

    const missing = memoryIo();
    expect(await checkClientCommand.run(["nope.json", ...SELF_HOSTED], missing)).toBe(2);
    expect(await checkClientCommand.run(["sentry-fresh.client.json"], memoryIo())).toBe(2);
    expect(await checkClientCommand.run(["sentry-fresh.client.json", ...SELF_HOSTED, "--fail-on", "info"], memoryIo())).toBe(2);
  });

  it("reports a corrected trailing slash instead of accepting it silently", async () => {
    const io = memoryIo();
    await checkClientCommand.run(["sentry-working.client.json", "--sentry-url", "https://sentry.example.com/", "--org", "acme", "--json"], io);
    const output = JSON.parse(io.out()) as { inputWarnings: Array<{ code: string }> };
    expect(output.inputWarnings.map((warning) => warning.code)).toEqual(["input.trailing-slash"]);
  });

  it("asks which client when a realm export holds several SAML clients and none matches", async () => {
    const io = memoryIo();
    expect(await checkClientCommand.run(["realm-role-list-multi.realm.json", "--sentry-saas", "--org", "other"], io)).toBe(2);
    expect(io.err()).toContain("name the one to check");
  });
});
