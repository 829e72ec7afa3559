/**
 * The Sentry a user chose to check a Keycloak client against: sentry.io or a self-hosted Sentry, with the organization.
 * The overlay stores it per client and the wizard sends it to the background, which turns it into a preset here.
 */
// zod/mini: the schema also checks storage and messages in the content script, which has a size budget.
import * as z from "zod/mini";
import type { Preset, PresetResult } from "./schema.js";
import { SENTRY_SAAS_URL_PREFIX, sentrySaasPreset } from "./sentry-saas.js";
import { sentrySelfHostedPreset } from "./sentry-self-hosted.js";
import { parseSentryEntityId } from "./sentry-sp.js";

/** As the user typed it: validated when it becomes a preset. */
export const presetChoiceSchema = z.union([
  z.object({ kind: z.literal("sentry-self-hosted"), urlPrefix: z.string().check(z.maxLength(2048)), orgSlug: z.string().check(z.maxLength(200)) }),
  z.object({ kind: z.literal("sentry-saas"), orgSlug: z.string().check(z.maxLength(200)) }),
]);
export type PresetChoice = z.infer<typeof presetChoiceSchema>;

/** From a form that keeps a URL prefix for both kinds (the wizard's): sentry.io's is fixed, so it is left out. */
export function presetChoiceOf(fields: { readonly kind: PresetChoice["kind"]; readonly urlPrefix: string; readonly orgSlug: string }): PresetChoice {
  return fields.kind === "sentry-saas" ? { kind: "sentry-saas", orgSlug: fields.orgSlug } : { kind: "sentry-self-hosted", urlPrefix: fields.urlPrefix, orgSlug: fields.orgSlug };
}

export function sentryUrlPrefixOf(choice: PresetChoice): string {
  return choice.kind === "sentry-saas" ? SENTRY_SAAS_URL_PREFIX : choice.urlPrefix;
}

export function presetFromChoice(choice: PresetChoice): PresetResult {
  return choice.kind === "sentry-saas" ? sentrySaasPreset({ orgSlug: choice.orgSlug }) : sentrySelfHostedPreset({ urlPrefix: choice.urlPrefix, orgSlug: choice.orgSlug });
}

/** The choice as its preset read it: the URL prefix without a trailing slash, the slug lower-cased. */
export function normalizedChoice(choice: PresetChoice, preset: Preset): PresetChoice {
  const sentry = parseSentryEntityId(preset.sp.entityId);
  const orgSlug = sentry?.orgSlug ?? choice.orgSlug;
  if (choice.kind === "sentry-saas") return { kind: "sentry-saas", orgSlug };
  return { kind: "sentry-self-hosted", urlPrefix: sentry?.urlPrefix ?? choice.urlPrefix, orgSlug };
}

/** Sentry at this URL prefix: sentry.io's own prefix is the sentry.io choice. */
export function presetChoiceAt(urlPrefix: string, orgSlug: string): PresetChoice {
  return urlPrefix === SENTRY_SAAS_URL_PREFIX ? { kind: "sentry-saas", orgSlug } : { kind: "sentry-self-hosted", urlPrefix, orgSlug };
}
