/** Typed, zod-checked storage. Background state lives here, never in worker memory (MV3 workers stop when idle). */
// zod/mini keeps the popup, options and content bundles small; the API is the functional form of zod.
import * as z from "zod/mini";
import { browser } from "./browser.js";

const localSchema = {
  enabledOrigins: z.array(z.string()),
} as const;

const sessionSchema = {
  pingCount: z.number().check(z.int(), z.nonnegative()),
  workerStartedAt: z.string(),
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
