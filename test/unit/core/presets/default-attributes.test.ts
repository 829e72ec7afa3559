/**
 * One default for Sentry's attribute mapping everywhere: the panel and the recorder page (no profile, or empty mapping
 * fields), `analyze`, the wizard's and the recorder's verdict (the preset from the user's choice) and `check-client`
 * (the preset) assume the same IdP User ID and User Email, and the panel never flags its own default.
 */
import { describe, expect, it } from "vitest";
import { analyzeCommand } from "../../../../src/cli/analyze.js";
import type { CliIo } from "../../../../src/cli/io.js";
import { presetFromChoice } from "../../../../src/core/presets/choice.js";
import { DEFAULT_ATTRIBUTE_NAMES } from "../../../../src/core/presets/sentry-sp.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";
import { analyzeMessage } from "../../../../src/ui/panel/model/analyze-message.js";
import { NO_PROFILE, resolveProfile, spProfileFor } from "../../../../src/ui/panel/model/profile.js";
import { NOW, base64, fixtureXml } from "../fixtures.js";

const response = base64(fixtureXml("valid-signed-document"));

function requiredOf(result: ReturnType<typeof presetFromChoice>) {
  if (!result.ok) throw new Error(result.error.message);
  const names = new Map(result.preset.sp.attributes.required.map((attribute) => [attribute.key, attribute]));
  return { identifier: names.get("identifier"), userEmail: names.get("user_email") };
}

describe("the default attribute mapping", () => {
  it("is the same in the panel, the presets (wizard, recorder verdict, check-client) and analyze", async () => {
    expect(DEFAULT_ATTRIBUTE_NAMES).toEqual({ identifier: "user_id", userEmail: "user_email" });
    const none = resolveProfile(NO_PROFILE);
    const blank = resolveProfile({ kind: "sentry", urlPrefix: "https://sentry.example.com", orgSlug: "acme", identifierAttribute: "", emailAttribute: "" });
    for (const resolved of [none, blank]) {
      if (!resolved.ok) throw new Error(resolved.message);
      expect([resolved.sp.identifierAttribute, resolved.sp.emailAttribute, resolved.sp.attributeMappingAssumed]).toEqual(["user_id", "user_email", true]);
    }
    for (const preset of [presetFromChoice({ kind: "sentry-saas", orgSlug: "acme" }), sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme" })]) {
      const { identifier, userEmail } = requiredOf(preset);
      expect([identifier?.samlName, identifier?.assumed, userEmail?.samlName]).toEqual(["user_id", true, "user_email"]);
    }
    const out: string[] = [];
    const io: CliIo = {
      stdout: (text) => out.push(text),
      stderr: () => undefined,
      readInput: async () => new TextEncoder().encode(response),
      streamInput: async () => new Blob([response]).stream(),
      writeFile: async () => undefined,
      color: false,
      now: () => NOW,
    };
    await analyzeCommand(undefined).run(["r.txt", "--sentry-url", "https://sentry.example.com", "--org", "acme", "--now", NOW.toISOString()], io);
    expect(out.join("")).toContain('assumed: assumes Sentry\'s attribute mapping is IdP User ID = "user_id" and User Email = "user_email" (not given)');
  });

  it("is never flagged by the panel itself: no 'e-mail as IdP User ID' on a Response whose user_email holds an address", async () => {
    const captured = { parameter: "SAMLResponse", binding: "HTTP-POST", bindingInferred: false, value: response, encoding: "base64", relayState: undefined, sigAlg: undefined, signature: undefined, url: undefined, startedAt: undefined, origin: "test", answer: undefined } as const;
    const analysis = await analyzeMessage(captured, undefined, spProfileFor(resolveProfile(NO_PROFILE), undefined), NOW, undefined);
    expect(analysis?.message.findings.map((finding) => finding.id)).not.toContain("attribute.identifier-is-email");
    expect(analysis?.message.assumptions.map((assumption) => assumption.short)).toContain("IdP User ID = user_id");
  });
});
