/**
 * The wizard's first step, run in the background: validates the Sentry input with the presets' rules (errors per
 * field) and builds the complete client JSON and the values for Sentry, which need full zod and the client generator,
 * both far beyond the content script's size budget.
 */
import { newClientForPreset } from "../core/client-check/new-client.js";
import { presetFromSpMetadata } from "../core/presets/from-sp-metadata.js";
import { parseSentryUrl } from "../core/presets/inputs.js";
import type { PresetResult } from "../core/presets/schema.js";
import { SENTRY_SAAS_URL_PREFIX, sentrySaasPreset } from "../core/presets/sentry-saas.js";
import { sentrySelfHostedPreset } from "../core/presets/sentry-self-hosted.js";
import { sentrySideValues } from "../core/presets/sentry-side.js";
import { parseSentryEntityId } from "../core/presets/sentry-sp.js";
import type { ContentMessageRequest, ContentMessageResponse } from "../platform/messages.js";

type Prepare = ContentMessageResponse<"wizard.prepare">;
type Field = Prepare["errors"][number]["field"];
type PresetInput = ContentMessageRequest<"wizard.prepare">["preset"];

function failed(field: Field, message: string): Prepare {
  return { ok: false, errors: [{ field, message }], warnings: [], presetName: "", preset: null, clientId: "", clientJson: "", sentrySide: null };
}

function sentryAt(urlPrefix: string, orgSlug: string): PresetInput {
  return urlPrefix === SENTRY_SAAS_URL_PREFIX ? { kind: "sentry-saas", orgSlug } : { kind: "sentry-self-hosted", urlPrefix, orgSlug };
}

/**
 * Sentry's SP metadata names the Sentry URL prefix and the organization: its URL is Sentry's entity ID
 * (`P/saml/metadata/O/`), and the XML served there carries the same entity ID. Metadata of another SP is refused: the
 * wizard sets up Sentry (check-client handles any SP).
 */
function sentryFromMetadata(text: string): { ok: true; input: PresetInput } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Paste Sentry's SP metadata: the XML, or its URL (…/saml/metadata/<org>/)." };
  if (!trimmed.startsWith("<")) {
    const url = parseSentryUrl(trimmed);
    if (!url.ok) return { ok: false, message: url.error.message };
    if (url.value.orgFromUrl === null || !/\/saml\/metadata\/[^/]+\/?$/.test(trimmed)) {
      return { ok: false, message: `"${trimmed}" is not Sentry's SP metadata URL, which ends in /saml/metadata/<org>/. Paste the metadata XML instead.` };
    }
    return { ok: true, input: sentryAt(url.value.urlPrefix, url.value.orgFromUrl) };
  }
  const metadata = presetFromSpMetadata(trimmed);
  if (!metadata.ok) return { ok: false, message: metadata.error.message };
  const sentry = parseSentryEntityId(metadata.preset.sp.entityId);
  if (sentry === null || metadata.preset.sp.validator === null) {
    return { ok: false, message: `This metadata describes ${metadata.preset.sp.entityId}, which is not a Sentry organization (…/saml/metadata/<org>/). The wizard sets up Sentry.` };
  }
  return { ok: true, input: sentryAt(sentry.urlPrefix, sentry.orgSlug) };
}

/** Which input field a preset problem belongs to, by its code (`input.url-*`, `input.slug-*`, …). */
function fieldOf(code: string): Field {
  if (code.startsWith("input.url") || code.startsWith("input.sentry-url")) return "urlPrefix";
  if (code.startsWith("input.slug") || code === "input.org-mismatch") return "orgSlug";
  return "other";
}

export async function prepareWizardClient(request: ContentMessageRequest<"wizard.prepare">): Promise<Prepare> {
  let input = request.preset;
  if (request.spMetadata !== undefined) {
    const fromMetadata = sentryFromMetadata(request.spMetadata);
    if (!fromMetadata.ok) return failed("spMetadata", fromMetadata.message);
    input = fromMetadata.input;
  }
  const result: PresetResult =
    input.kind === "sentry-saas" ? sentrySaasPreset({ orgSlug: input.orgSlug }) : sentrySelfHostedPreset({ urlPrefix: input.urlPrefix, orgSlug: input.orgSlug });
  if (!result.ok) return failed(request.spMetadata === undefined ? fieldOf(result.error.code) : "spMetadata", result.error.message);
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
