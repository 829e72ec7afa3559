/**
 * The real Keycloak servers of the run, as `global-setup.ts` provides them (their URLs known at once), and the wait
 * for one to answer: the global set-up starts them without waiting, while the browser tests run.
 */
import { existsSync, readFileSync } from "node:fs";
import * as z from "zod";

export interface ProvidedKeycloak {
  readonly version: string;
  readonly url: string;
  /** Written once the server answers, or failed to start. */
  readonly statusFile: string;
}

export interface ReadyKeycloak {
  readonly startSeconds: number;
  readonly residentMegabytes: number | null;
}

const statusSchema = z.union([
  z.object({ ok: z.literal(true), startSeconds: z.number(), residentMegabytes: z.number().nullable() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

/** Up to 15 minutes: on a fresh machine the first run also fetches each release through Maven. */
export const KEYCLOAK_READY_TIMEOUT_MS = 900_000;

export async function keycloakReady(server: ProvidedKeycloak): Promise<ReadyKeycloak> {
  const deadline = Date.now() + KEYCLOAK_READY_TIMEOUT_MS;
  while (!existsSync(server.statusFile)) {
    if (Date.now() > deadline) throw new Error(`Keycloak ${server.version} did not answer at ${server.url} within ${KEYCLOAK_READY_TIMEOUT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const status = statusSchema.parse(JSON.parse(readFileSync(server.statusFile, "utf8")));
  if (!status.ok) throw new Error(`Keycloak ${server.version} did not start: ${status.message}`);
  return status;
}
