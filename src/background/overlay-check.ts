/**
 * The overlay's checks, run here rather than in the content script: the client checker validates with full zod,
 * which alone is larger than the content script's whole size budget.
 */
import type { CheckOutcome } from "../core/client-check/check-context.js";
import { checkClient } from "../core/client-check/check-client.js";
import { FIT_FINDING_IDS, type ClientFinding, type FitFindingId } from "../core/client-check/finding.js";
import { clientSchema, clientScopeSchema, type KeycloakClientScope } from "../core/client-check/input.js";
import { realmKeysSchema } from "../core/client-check/realm-keys.js";
import { presetFromChoice } from "../core/presets/choice.js";
import { sentrySideValues } from "../core/presets/sentry-side.js";
import type { MessageRequest, MessageResponse } from "../platform/messages.js";

type Request = MessageRequest<"overlay.check">;
type Response = MessageResponse<"overlay.check">;

function failure(error: string, presetName = ""): Response {
  return { ok: false, error, presetName, outcomes: [], sentrySide: null };
}

export async function checkOverlayClient(request: Request): Promise<Response> {
  const presetResult = presetFromChoice(request.preset);
  if (!presetResult.ok) return failure(presetResult.error.message);
  const preset = presetResult.preset;
  const client = clientSchema.safeParse(request.client);
  if (!client.success) return failure("The console's client representation has no Client ID.", preset.name);
  const scopes: KeycloakClientScope[] | null =
    request.clientScopes === null
      ? null
      : request.clientScopes.flatMap((scope) => {
          const parsed = clientScopeSchema.safeParse(scope);
          return parsed.success ? [parsed.data] : [];
        });
  // The descriptor's certificates, as the keys list would show them: the realm-key checks read bits and notAfter.
  const realmKeys =
    request.realmCertificates === undefined
      ? undefined
      : realmKeysSchema.safeParse({ keys: request.realmCertificates.map(({ kid, certificate }) => ({ kid, type: "RSA", use: "SIG", certificate })) });
  const result = checkClient(
    {
      kind: "console",
      realm: request.realm,
      client: request.defaultClientScopes === null ? client.data : { ...client.data, defaultClientScopes: request.defaultClientScopes },
      rawClient: request.client,
      clientScopes: scopes,
    },
    preset,
    "browser",
    realmKeys?.success === true ? { realmKeys: realmKeys.data } : {},
  );
  const side = sentrySideValues({ keycloakUrl: request.keycloakUrl, realm: request.realm });
  return {
    ok: true,
    presetName: preset.name,
    outcomes: result.outcomes.flatMap(({ finding, patch }) => (isFit(finding) ? [{ finding, patch: [...patch] }] : [])),
    securityOutcomes: result.securityOutcomes.map((outcome) => ({ finding: outcome.finding, patch: [...outcome.patch] })),
    sentrySide: side.ok ? side.value : null,
  };
}

const FIT_IDS: ReadonlySet<string> = new Set(FIT_FINDING_IDS);

/** The message lists fit ids only (content.js's size budget); `result.outcomes` holds nothing else. */
function isFit(finding: CheckOutcome["finding"]): finding is ClientFinding & { id: FitFindingId } {
  return FIT_IDS.has(finding.id);
}
