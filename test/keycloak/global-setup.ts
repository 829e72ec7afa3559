/**
 * One real Keycloak per tested release for the whole run, started side by side and shared by every test file of the
 * `keycloak` project (`inject("keycloakServers")`). A server that cannot start fails the run; nothing is skipped.
 * Teardown stops each one and checks that its process and port are gone.
 */
import type { TestProject } from "vitest/node";
import { startKeycloak, type KeycloakServer } from "./server.js";
import { keycloakVersionsToTest } from "./versions.js";

export interface ProvidedKeycloak {
  readonly version: string;
  readonly url: string;
  readonly startSeconds: number;
  readonly residentMegabytes: number | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    keycloakServers: ProvidedKeycloak[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const versions = keycloakVersionsToTest();
  const started = await Promise.allSettled(versions.map((version) => startKeycloak({ version, log: (line) => console.log(line) })));
  const servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stopAll = async () => {
    for (const server of servers) console.log(`Keycloak ${server.version}: ${server.residentMegabytes() ?? "?"} MB resident at the end of the run`);
    await Promise.all(servers.map((server) => server.stop()));
    const left = servers.filter((server) => processAlive(server.pid));
    if (left.length > 0) throw new Error(`Keycloak left running: ${left.map((server) => `${server.version} (pid ${server.pid})`).join(", ")}`);
  };
  const failed = started.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  if (failed.length > 0) {
    await stopAll();
    throw failed[0] instanceof Error ? failed[0] : new Error(String(failed[0]));
  }
  project.provide("keycloakServers", servers.map(describe));
  return stopAll;
}

function describe(server: KeycloakServer): ProvidedKeycloak {
  return { version: server.version, url: server.url, startSeconds: server.startSeconds, residentMegabytes: server.residentMegabytes() ?? null };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
