/** The user's choice of Sentry (stored by the overlay, sent by the wizard) as the preset the background checks with. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { normalizedChoice, presetChoiceOf, presetChoiceSchema, presetFromChoice, sentryUrlPrefixOf } from "../../../../src/core/presets/choice.js";
import { choiceFromSentryMetadata } from "../../../../src/core/presets/from-sp-metadata.js";
import type { Preset, PresetResult } from "../../../../src/core/presets/schema.js";
import { sentrySaasPreset } from "../../../../src/core/presets/sentry-saas.js";
import { sentrySelfHostedPreset } from "../../../../src/core/presets/sentry-self-hosted.js";

const metadata = (name: string) => readFileSync(join(import.meta.dirname, "../../../fixtures/keycloak/sentry-sp-metadata", name), "utf8");

function presetOf(result: PresetResult): Preset {
  if (!result.ok) throw new Error(`preset failed: ${result.error.message}`);
  return result.preset;
}

describe("presetFromChoice", () => {
  it("gives sentry.io's preset for a sentry.io choice and the self-hosted preset for a self-hosted one", () => {
    expect(presetFromChoice({ kind: "sentry-saas", orgSlug: "acme" })).toEqual(sentrySaasPreset({ orgSlug: "acme" }));
    const selfHosted = presetFromChoice({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" });
    expect(selfHosted).toEqual(sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme" }));
    expect(presetOf(selfHosted).sp.entityId).toBe("https://sentry.example.com/saml/metadata/acme/");
  });

  it("passes on the presets' input problems and corrections", () => {
    const spaces = presetFromChoice({ kind: "sentry-saas", orgSlug: "my org" });
    expect(!spaces.ok && spaces.error.code).toBe("input.slug-spaces");
    const slashed = presetFromChoice({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com/", orgSlug: "Acme" });
    expect(slashed.ok && slashed.warnings.map((warning) => warning.code)).toEqual(["input.trailing-slash", "input.slug-case"]);
  });
});

describe("the choice around its preset", () => {
  it("is read from storage and messages only in its two shapes", () => {
    expect(z.safeParse(presetChoiceSchema, { kind: "sentry-saas", orgSlug: "acme" }).success).toBe(true);
    expect(z.safeParse(presetChoiceSchema, { kind: "sentry-self-hosted", orgSlug: "acme" }).success).toBe(false);
    expect(z.safeParse(presetChoiceSchema, { kind: "from-sp-metadata", orgSlug: "acme" }).success).toBe(false);
  });

  it("leaves sentry.io's fixed URL prefix out of a form's fields, and puts it back for Sentry's URLs", () => {
    const saas = presetChoiceOf({ kind: "sentry-saas", urlPrefix: "https://typed.example.com", orgSlug: "acme" });
    expect(saas).toEqual({ kind: "sentry-saas", orgSlug: "acme" });
    expect(sentryUrlPrefixOf(saas)).toBe("https://sentry.io");
    const selfHosted = presetChoiceOf({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" });
    expect(sentryUrlPrefixOf(selfHosted)).toBe("https://sentry.example.com");
  });

  it("is normalized as its preset read it", () => {
    const typed = { kind: "sentry-self-hosted", urlPrefix: " https://Sentry.Example.com/ ", orgSlug: "Acme" } as const;
    expect(normalizedChoice(typed, presetOf(presetFromChoice(typed)))).toEqual({ kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" });
    const saas = { kind: "sentry-saas", orgSlug: "Acme" } as const;
    expect(normalizedChoice(saas, presetOf(presetFromChoice(saas)))).toEqual({ kind: "sentry-saas", orgSlug: "acme" });
  });

  it("comes from Sentry's SP metadata, as XML or as its URL, and not from another SP's", () => {
    expect(choiceFromSentryMetadata("https://sentry.io/saml/metadata/acme/")).toEqual({ ok: true, choice: { kind: "sentry-saas", orgSlug: "acme" } });
    expect(choiceFromSentryMetadata(" https://sentry.example.com/saml/metadata/acme/ ")).toEqual({
      ok: true,
      choice: { kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" },
    });
    expect(choiceFromSentryMetadata(metadata("self-hosted-acme.xml"))).toEqual({ ok: true, choice: { kind: "sentry-self-hosted", urlPrefix: "https://sentry.example.com", orgSlug: "acme" } });
    expect(choiceFromSentryMetadata("")).toEqual({ ok: false, message: expect.stringContaining("Paste Sentry's SP metadata") });
    expect(choiceFromSentryMetadata(metadata("generic-signed-sp.xml"))).toEqual({ ok: false, message: expect.stringContaining("not a Sentry organization") });
  });
});
