/** Typed, zod-checked storage. Background state lives here, never in worker memory (MV3 workers stop when idle). */
// zod/mini keeps the popup, options and content bundles small; the API is the functional form of zod.
import * as z from "zod/mini";
import { contentSchema } from "./content-store.js";
import { area } from "./store-area.js";

export { knownClientKey } from "./content-store.js";

/** The service provider the panel checks messages against: Sentry (URL prefix + organization slug) or none. */
const panelProfileSchema = z.discriminatedUnion("kind", [
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
const idpTrustSchema = z.record(
  z.string(),
  z.object({
    text: z.string().check(z.maxLength(1_000_000)),
    savedAt: z.string(),
    /** Where the text was fetched from (the Signature tab's "Fetch from URL"); absent when pasted. */
    url: z.optional(z.string().check(z.maxLength(2048))),
  }),
);

const localSchema = {
  ...contentSchema,
  enabledOrigins: z.array(z.string()),
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
  /** `import` or `create` (by hand) is step 2, whichever path the user chose; `mappers` and `login` came later. */
  step: z.enum(["where", "import", "create", "checks", "mappers", "sentry", "login"]),
  kind: z.enum(["sentry-self-hosted", "sentry-saas"]),
  /** As the user typed them; validated again whenever they are used. */
  urlPrefix: z.string().check(z.maxLength(2048)),
  orgSlug: z.string().check(z.maxLength(200)),
  /** The client the import created, once the console shows it. */
  clientUuid: z.optional(z.string().check(z.maxLength(100))),
  /** Steps 3–4: the client's tab the wizard walks through (Settings → Keys → Advanced → Client scopes). */
  checkTab: z.optional(z.enum(["settings", "keys", "advanced", "clientScopes"])),
  /** Step 6: when the test login started (ISO time); the first SAML Response recorded after it is judged. */
  loginSince: z.optional(z.string().check(z.maxLength(40))),
  /** Step 6: the sites the test login made the recorder record (stopped when the wizard ends). */
  loginRecorded: z.optional(z.array(z.string().check(z.maxLength(2048)))),
});
export type WizardProgress = z.infer<typeof wizardProgressSchema>;

const sessionSchema = {
  pingCount: z.number().check(z.int(), z.nonnegative()),
  workerStartedAt: z.string(),
  /** Keyed `<tab id> <console origin> <realm>`. */
  wizardProgress: z.record(z.string(), wizardProgressSchema),
  /**
   * When the user last pressed the panel's Clear, by inspected tab id: DevTools still holds the requests from before
   * (getHAR), and a reopened panel must not bring them back.
   */
  panelClearedAt: z.record(z.string(), z.string()),
} as const;

export const localStore = area("local", localSchema);

export const sessionStore = area("session", sessionSchema);
