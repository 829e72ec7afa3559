/** Typed, zod-checked storage. Background state lives here, never in worker memory (MV3 workers stop when idle). */
// zod/mini keeps the popup, options and content bundles small; the API is the functional form of zod.
import * as z from "zod/mini";
import { browser } from "./browser.js";

/** The service provider the panel checks messages against: Sentry (URL prefix + organization slug) or none. */
export const panelProfileSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({
    kind: z.literal("sentry"),
    urlPrefix: z.string(),
    orgSlug: z.string(),
    /** SAML Attribute Names typed into Sentry's mapping ("IdP User ID", "User Email"). */
    identifierAttribute: z.string(),
    emailAttribute: z.string(),
  }),
]);

/** What the user pasted to trust an IdP (its metadata XML or a PEM certificate), keyed by the IdP's entity ID. */
export const idpTrustSchema = z.record(z.string(), z.object({ text: z.string().check(z.maxLength(1_000_000)), savedAt: z.string() }));

/**
 * The Sentry organization a Keycloak client is checked against by the admin-console overlay, chosen once by the user
 * when the Client ID does not name it (keyed `<console origin> <realm> <client uuid>`).
 */
export const overlayPresetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sentry-self-hosted"), urlPrefix: z.string().check(z.maxLength(2048)), orgSlug: z.string().check(z.maxLength(200)) }),
  z.object({ kind: z.literal("sentry-saas"), orgSlug: z.string().check(z.maxLength(200)) }),
]);
export type OverlayPreset = z.infer<typeof overlayPresetSchema>;

const localSchema = {
  enabledOrigins: z.array(z.string()),
  overlayPresets: z.record(z.string(), overlayPresetSchema),
  panelProfile: panelProfileSchema,
  idpTrust: idpTrustSchema,
  /** The panel keeps its list across navigations of the inspected tab (on unless the user turned it off). */
  preserveLog: z.boolean(),
} as const;

/**
 * Where the "Set up Sentry SSO" wizard is, for one browser tab and realm (kept by the background, which knows the tab):
 * it survives the console's navigation and a reload, and ends when the user cancels or finishes.
 */
export const wizardProgressSchema = z.object({
  step: z.enum(["where", "import", "checks", "sentry"]),
  kind: z.enum(["sentry-self-hosted", "sentry-saas"]),
  /** As the user typed them; validated again whenever they are used. */
  urlPrefix: z.string().check(z.maxLength(2048)),
  orgSlug: z.string().check(z.maxLength(200)),
  /** The client the import created, once the console shows it. */
  clientUuid: z.optional(z.string().check(z.maxLength(100))),
});
export type WizardProgress = z.infer<typeof wizardProgressSchema>;

const sessionSchema = {
  pingCount: z.number().check(z.int(), z.nonnegative()),
  workerStartedAt: z.string(),
  /** Keyed `<tab id> <console origin> <realm>`. */
  wizardProgress: z.record(z.string(), wizardProgressSchema),
} as const;

type Schemas = Record<string, z.ZodMiniType>;
type Values<S extends Schemas> = { [K in keyof S]: z.infer<S[K]> };

function area<S extends Schemas>(name: "local" | "session", schemas: S) {
  const storage = () => browser.storage[name];
  return {
    /** Reads a key; a missing or corrupt value (e.g. written by an older version) reads as `fallback`. */
    async get<K extends keyof S & string>(key: K, fallback: Values<S>[K]): Promise<Values<S>[K]> {
      const stored = await storage().get(key);
      const parsed = schemas[key] === undefined ? undefined : z.safeParse(schemas[key], stored[key]);
      return parsed?.success === true ? (parsed.data as Values<S>[K]) : fallback;
    },
    async set<K extends keyof S & string>(key: K, value: Values<S>[K]): Promise<void> {
      const schema = schemas[key];
      if (schema === undefined) throw new Error(`Unknown storage key ${key}`);
      await storage().set({ [key]: z.parse(schema, value) });
    },
  };
}

export const localStore = area("local", localSchema);
export const sessionStore = area("session", sessionSchema);
