/** Preset: self-hosted Sentry, from its URL prefix (`system.url-prefix`) and the organization slug. */
import { parseOrgSlug, parseSentryUrl } from "./inputs.js";
import { keycloakExpectations } from "./keycloak-expectations.js";
import type { InputProblem, Preset, PresetId, PresetResult } from "./schema.js";
import { describeSentrySp, DEFAULT_ATTRIBUTE_NAMES, type SentryAttributeNames } from "./sentry-sp.js";

export interface SentryPresetInput {
  /** Sentry's URL prefix as the user typed it. */
  readonly urlPrefix: string;
  /** The organization slug as typed; may be empty when the URL already names the organization. */
  readonly orgSlug: string;
  /** What the user typed into Sentry's attribute mapping; our recommendation where absent. */
  readonly attributeNames?: Partial<SentryAttributeNames>;
}

export function sentrySelfHostedPreset(input: SentryPresetInput): PresetResult {
  return buildSentryPreset("sentry-self-hosted", "Sentry (self-hosted)", "Sentry URL prefix + organization slug", input);
}

export function buildSentryPreset(id: PresetId, name: string, derivedFrom: string, input: SentryPresetInput): PresetResult {
  const url = parseSentryUrl(input.urlPrefix);
  if (!url.ok) return url;
  const warnings: InputProblem[] = [...url.warnings];
  let slugText = input.orgSlug;
  if (slugText.trim() === "" && url.value.orgFromUrl !== null) slugText = url.value.orgFromUrl;
  const slug = parseOrgSlug(slugText);
  if (!slug.ok) return slug;
  warnings.push(...slug.warnings);
  if (url.value.orgFromUrl !== null && url.value.orgFromUrl.toLowerCase() !== slug.value) {
    return {
      ok: false,
      error: {
        code: "input.org-mismatch",
        message: `The Sentry URL names organization "${url.value.orgFromUrl}" but the organization slug is "${slug.value}". Give one of them.`,
      },
    };
  }
  const names = resolveAttributeNames(input.attributeNames);
  if (!names.ok) return names;
  const sp = describeSentrySp(url.value.urlPrefix, slug.value, names.names, names.assumed);
  const preset: Preset = { id, name, derivedFrom, sp, keycloak: keycloakExpectations(sp) };
  return { ok: true, preset, warnings };
}

function resolveAttributeNames(
  given: Partial<SentryAttributeNames> | undefined,
):
  | { ok: true; names: SentryAttributeNames; assumed: { identifier: boolean; userEmail: boolean } }
  | { ok: false; error: InputProblem } {
  const identifier = given?.identifier?.trim();
  const userEmail = given?.userEmail?.trim();
  for (const [label, value] of [["IdP User ID", identifier], ["User Email", userEmail]] as const) {
    if (value !== undefined && value === "") {
      return { ok: false, error: { code: "input.attribute-name-empty", message: `The SAML attribute name for "${label}" is empty.` } };
    }
  }
  return {
    ok: true,
    names: {
      identifier: identifier ?? DEFAULT_ATTRIBUTE_NAMES.identifier,
      userEmail: userEmail ?? DEFAULT_ATTRIBUTE_NAMES.userEmail,
    },
    assumed: { identifier: identifier === undefined, userEmail: userEmail === undefined },
  };
}
