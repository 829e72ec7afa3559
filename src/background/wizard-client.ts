/**
 * The wizard's first step, run in the background: validates the Sentry input with the presets' rules (errors per
 * field) and builds the complete client JSON and the values for Sentry, which need full zod and the client generator,
 * both far beyond the content script's size budget.
 */
import { newClientForPreset } from "../core/client-check/new-client.js";
import type { PresetResult } from "../core/presets/schema.js";
import { sentrySaasPreset } from "../core/presets/sentry-saas.js";
import { sentrySelfHostedPreset } from "../core/presets/sentry-self-hosted.js";
import { sentrySideValues } from "../core/presets/sentry-side.js";
import { parseSentryEntityId } from "../core/presets/sentry-sp.js";
import type { ContentMessageRequest, ContentMessageResponse } from "../platform/messages.js";

type Prepare = ContentMessageResponse<"wizard.prepare">;
type Field = Prepare["errors"][number]["field"];

/** Which input field a preset problem belongs to, by its code (`input.url-*`, `input.slug-*`, …). */
function fieldOf(code: string): Field {
  if (code.startsWith("input.url") || code.startsWith("input.sentry-url")) return "urlPrefix";
  if (code.startsWith("input.slug") || code === "input.org-mismatch") return "orgSlug";
  return "other";
}

export async function prepareWizardClient(request: ContentMessageRequest<"wizard.prepare">): Promise<Prepare> {
  const input = request.preset;
  const result: PresetResult =
    input.kind === "sentry-saas" ? sentrySaasPreset({ orgSlug: input.orgSlug }) : sentrySelfHostedPreset({ urlPrefix: input.urlPrefix, orgSlug: input.orgSlug });
  if (!result.ok) {
    return { ok: false, errors: [{ field: fieldOf(result.error.code), message: result.error.message }], warnings: [], presetName: "", preset: null, clientId: "", clientJson: "", sentrySide: null };
  }
  const preset = result.preset;
  const normalized = parseSentryEntityId(preset.sp.entityId);
  const slug = normalized?.orgSlug ?? input.orgSlug;
  const urlPrefix = normalized?.urlPrefix ?? (input.kind === "sentry-self-hosted" ? input.urlPrefix : "");
  const client = newClientForPreset(preset);
  const side = sentrySideValues({ keycloakUrl: request.keycloakUrl, realm: request.realm });
  return {
    ok: true,
    errors: [],
    warnings: result.warnings.map((warning) => warning.message),
    presetName: preset.name,
    preset: input.kind === "sentry-saas" ? { kind: "sentry-saas", orgSlug: slug } : { kind: "sentry-self-hosted", urlPrefix, orgSlug: slug },
    clientId: preset.sp.entityId,
    clientJson: `${JSON.stringify(client, null, 2)}\n`,
    sentrySide: side.ok
      ? {
          metadataUrl: side.value.metadataUrl,
          entityId: side.value.entityId,
          ssoUrl: side.value.ssoUrl,
          attributeMapping: side.value.attributeMapping.map((row) => ({ sentryField: row.sentryField, samlAttributeName: row.samlAttributeName })),
          notes: [...side.value.notes],
        }
      : null,
  };
}
