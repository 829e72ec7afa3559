/** Preset: sentry.io. The URL prefix is fixed, but can be overridden (e.g. a regional or customer domain). */
import type { PresetResult } from "./schema.js";
import { buildSentryPreset, type SentryPresetInput } from "./sentry-self-hosted.js";

export const SENTRY_SAAS_URL_PREFIX = "https://sentry.io";

export interface SentrySaasPresetInput extends Omit<SentryPresetInput, "urlPrefix"> {
  readonly urlPrefix?: string;
}

export function sentrySaasPreset(input: SentrySaasPresetInput): PresetResult {
  return buildSentryPreset("sentry-saas", "sentry.io", "organization slug on sentry.io", {
    ...input,
    urlPrefix: input.urlPrefix ?? SENTRY_SAAS_URL_PREFIX,
  });
}
