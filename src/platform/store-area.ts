/** One storage area (local or session) with a zod schema per key: reads check, writes check, watches check. */
import * as z from "zod/mini";
import { browser } from "./browser.js";

type Schemas = Record<string, z.ZodMiniType>;
type Values<S extends Schemas> = { [K in keyof S]: z.infer<S[K]> };

export function area<S extends Schemas>(name: "local" | "session", schemas: S) {
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
