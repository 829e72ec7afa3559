/**
 * The messages content.js sends (the overlay's check, opening the wizard), in a map of their own: content.js bundles
 * these schemas only, not the whole map (its size budget), and messages.ts adds them to the map the background listens
 * to. Who may send a message: the extension's own pages (popup, options, recorder, panel) reach everything the
 * background offers; the admin-console content scripts (content.js, wizard.js) only what the overlay and the wizard
 * need: the client checker, which needs full zod and would not fit the content script's size budget, and the wizard's
 * state, kept by the background.
 */
import * as z from "zod/mini";
import { findingSchema, securityFindingSchema } from "../core/client-check/finding.js";
import { jsonPatchOperationSchema } from "../core/client-check/json-patch.js";
import { presetChoiceSchema } from "../core/presets/choice.js";
import { sentrySideValuesSchema } from "../core/presets/sentry-side.js";
import { sendWith } from "./send.js";

export type Sender = "extension-page" | "content-script";

const patchSchema = z.array(jsonPatchOperationSchema);

export const overlayMessages = {
  /** The overlay's check of the client the console shows (or lists). */
  "overlay.check": {
    from: "content-script",
    request: z.object({
      /** The client as the console would save it: the saved representation with the form's unsaved values on top. */
      client: z.record(z.string(), z.unknown()),
      /** Names of the client's default client scopes; `null` until the console has fetched them. */
      defaultClientScopes: z.nullable(z.array(z.string())),
      /** The realm's client scopes with their mappers; `null` until the console has fetched them. */
      clientScopes: z.nullable(z.array(z.unknown())),
      preset: presetChoiceSchema,
      /** Keycloak's base URL and the realm, for the values to type into Sentry. */
      keycloakUrl: z.string(),
      realm: z.string(),
      /**
       * The realm's signing certificates (base64 DER) with their key ids, from its IdP descriptor on the console's origin,
       * for the realm-key security checks; absent until read (or when it could not be).
       */
      realmCertificates: z.optional(z.array(z.object({ kid: z.optional(z.string()), certificate: z.string() }))),
    }),
    response: z.object({
      ok: z.boolean(),
      error: z.optional(z.string()),
      presetName: z.string(),
      /** Sentry fit: the verdict, the summary counts and Fix all. */
      outcomes: z.array(z.object({ finding: findingSchema, patch: patchSchema })),
      /** Security (every finding `kind: "security"`), never part of the fit verdict; `accepted` ones have no patch. */
      securityOutcomes: z.optional(z.array(z.object({ finding: securityFindingSchema, patch: patchSchema }))),
      sentrySide: z.nullable(sentrySideValuesSchema),
    }),
  },
  /**
   * Injects the wizard (wizard.js) into the sender's tab when it has progress for the realm; with `start`, first saves
   * the first step's progress when there is none.
   */
  "wizard.open": {
    from: "content-script",
    request: z.object({ origin: z.string(), realm: z.string(), start: z.boolean() }),
    response: z.object({ opened: z.boolean() }),
  },
} as const satisfies Record<string, { readonly from: Sender; readonly request: z.ZodMiniType; readonly response: z.ZodMiniType }>;

type OverlayMessage = keyof typeof overlayMessages;

/** A message of content.js to the background. */
export function sendMessage<T extends OverlayMessage>(type: T, payload: z.infer<(typeof overlayMessages)[T]["request"]>): Promise<z.infer<(typeof overlayMessages)[T]["response"]>> {
  return sendWith(overlayMessages, type, payload) as Promise<z.infer<(typeof overlayMessages)[T]["response"]>>;
}
