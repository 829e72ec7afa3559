/** Typed, zod-checked storage. Background state lives here, never in worker memory (MV3 workers stop when idle). */
// zod/mini keeps the popup, options and content bundles small; the API is the functional form of zod.
import * as z from "zod/mini";
import { presetChoiceSchema } from "../core/presets/choice.js";
import { browser } from "./browser.js";

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

/**
 * Keycloak clients the admin-console overlay has seen, so the panel can link a finding to that client's console page:
 * the console addresses a client by its internal UUID, which no SAML message carries. Keyed by `knownClientKey`.
 */
const knownClientsSchema = z.record(z.string(), z.object({ uuid: z.string().check(z.maxLength(100)), seenAt: z.string() }));

const localSchema = {
  enabledOrigins: z.array(z.string()),
  knownClients: knownClientsSchema,
  /**
   * The Sentry organization a Keycloak client is checked against by the admin-console overlay, chosen once by the user
   * when the Client ID does not name it (keyed `<console origin> <realm> <client uuid>`).
   */
  overlayPresets: z.record(z.string(), presetChoiceSchema),
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
    /** Calls `listener` with each new value of `key` that matches its schema (a corrupt one reads as `fallback`), until the returned function is called. */
    watch<K extends keyof S & string>(key: K, fallback: Values<S>[K], listener: (value: Values<S>[K]) => void): () => void {
      const handler = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        if (changedArea !== name || !(key in changes)) return;
        const parsed = schemas[key] === undefined ? undefined : z.safeParse(schemas[key], changes[key]?.newValue);
        listener(parsed?.success === true ? (parsed.data as Values<S>[K]) : fallback);
      };
      browser.storage.onChanged.addListener(handler);
      return () => browser.storage.onChanged.removeListener(handler);
    },
  };
}

export const localStore = area("local", localSchema);

/** `<Keycloak base URL> <realm> <Client ID>`; the base is what precedes `/realms/<realm>` in the IdP's issuer. */
export function knownClientKey(keycloakUrl: string, realm: string, clientId: string): string {
  return `${keycloakUrl.replace(/\/+$/, "")} ${realm} ${clientId}`;
}

let lastKnownClient = "";
const MAX_KNOWN_CLIENTS = 500;

/** The overlay calls this whenever it holds a client's record; storage is written only when something changed. */
export async function rememberKnownClient(keycloakUrl: string, realm: string, clientId: string, uuid: string): Promise<void> {
  const key = knownClientKey(keycloakUrl, realm, clientId);
  if (lastKnownClient === `${key} ${uuid}`) return;
  lastKnownClient = `${key} ${uuid}`;
  const clients = await localStore.get("knownClients", {});
  if (clients[key]?.uuid === uuid) return;
  const next = Object.entries({ ...clients, [key]: { uuid, seenAt: new Date().toISOString() } });
  // Bounded: the clients seen most recently are the ones worth linking to.
  next.sort(([, a], [, b]) => b.seenAt.localeCompare(a.seenAt));
  await localStore.set("knownClients", Object.fromEntries(next.slice(0, MAX_KNOWN_CLIENTS)));
}
export const sessionStore = area("session", sessionSchema);
