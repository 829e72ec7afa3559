/**
 * The wizard's first step, run in the background: validates the Sentry input with the presets' rules (errors per
 * field) and builds the complete client JSON and the values for Sentry, which need full zod and the client generator,
 * both far beyond the content script's size budget.
 */
import { newClientForPreset } from "../core/client-check/new-client.js";
import { normalizedChoice, presetFromChoice } from "../core/presets/choice.js";
import { choiceFromSentryMetadata } from "../core/presets/from-sp-metadata.js";
import { sentrySideValues } from "../core/presets/sentry-side.js";
import type { MessageRequest, MessageResponse } from "../platform/messages.js";

type Prepare = MessageResponse<"wizard.prepare">;
type Field = Prepare["errors"][number]["field"];

function failed(field: Field, message: string): Prepare {
  return { ok: false, errors: [{ field, message }], warnings: [], presetName: "", preset: null, clientId: "", clientJson: "", sentrySide: null };
}

/** Which input field a preset problem belongs to, by its code (`input.url-*`, `input.slug-*`, …). */
function fieldOf(code: string): Field {
  if (code.startsWith("input.url") || code.startsWith("input.sentry-url")) return "urlPrefix";
  if (code.startsWith("input.slug") || code === "input.org-mismatch") return "orgSlug";
  return "other";
}

export async function prepareWizardClient(request: MessageRequest<"wizard.prepare">): Promise<Prepare> {
  let choice = request.preset;
  if (request.spMetadata !== undefined) {
    const fromMetadata = choiceFromSentryMetadata(request.spMetadata);
    if (!fromMetadata.ok) return failed("spMetadata", fromMetadata.message);
    choice = fromMetadata.choice;
  }
  const result = presetFromChoice(choice);
  if (!result.ok) return failed(request.spMetadata === undefined ? fieldOf(result.error.code) : "spMetadata", result.error.message);
  const preset = result.preset;
  const client = newClientForPreset(preset);
  const side = sentrySideValues({ keycloakUrl: request.keycloakUrl, realm: request.realm });
  return {
    ok: true,
    errors: [],
    warnings: result.warnings.map((warning) => warning.message),
    presetName: preset.name,
    preset: normalizedChoice(choice, preset),
    clientId: preset.sp.entityId,
    clientJson: `${JSON.stringify(client, null, 2)}\n`,
    sentrySide: side.ok ? side.value : null,
  };
}
