/**
 * One real Keycloak per tested release for the whole run, shared by every test file of the `keycloak` project
 * (`inject("keycloakServers")`, then `await keycloakReady(server)`). The servers are started side by side and *not*
 * waited for here: `npm test` runs these beside the browser tests (scripts/test.mjs; or after them, in one vitest run,
 * with SAML_LENS_TEST_SERIAL=1), so the Maven fetch, the unpacking and the JVM starts happen while the browser tests
 * run (the first file here waits for its server); so do the starts of one server per other release line for
 * console-releases.test.ts, one after the other. Each server's
 * port is chosen up front, below the ephemeral range other test servers get theirs from; once a server answers (or
 * fails to start), its status file says so. A server that cannot start fails every test that needs it; nothing is
 * skipped. Teardown stops each one and checks that its process and port are gone.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type { ProvidedKeycloak } from "./provided.js";
import { portIsFree, startKeycloak, type KeycloakServer } from "./server.js";
import { consoleReleasesToTest, keycloakVersionsToTest } from "./versions.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The tested releases, side by side for the whole run. */
    keycloakServers: ProvidedKeycloak[];
    /** One server per other release line (console-releases.test.ts), started one after the other. */
    consoleReleaseServers: ProvidedKeycloak[];
  }
}

/** Ports 20000–29999: below Linux's ephemeral range (32768+), where the harness and browsers get theirs. */
async function reservedPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (!taken.has(port) && (await portIsFree(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error("No free port between 20000 and 29999 for a Keycloak server");
}

async function planned(versions: readonly string[], statusDir: string, taken: Set<number>): Promise<ProvidedKeycloak[]> {
  const provided: ProvidedKeycloak[] = [];
  for (const version of versions) {
    const port = await reservedPort(taken);
    provided.push({ version, url: `http://127.0.0.1:${port}`, statusFile: join(statusDir, `${version}.json`) });
  }
  return provided;
}

/** Starts one server and writes its status file, whatever happens. */
async function started({ version, url, statusFile }: ProvidedKeycloak, quickStart: boolean): Promise<KeycloakServer> {
  try {
    const server = await startKeycloak({ version, port: Number(new URL(url).port), log: (line) => console.log(line), quickStart });
    writeStatus(statusFile, { ok: true, startSeconds: server.startSeconds, residentMegabytes: server.residentMegabytes() ?? null });
    return server;
  } catch (error) {
    writeStatus(statusFile, { ok: false, message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const statusDir = mkdtempSync(join(tmpdir(), "saml-lens-keycloak-"));
  const taken = new Set<number>();
  const tested = await planned(keycloakVersionsToTest(), statusDir, taken);
  const releases = await planned(
    consoleReleasesToTest().filter((version) => !tested.some((server) => server.version === version) && consoleReleasesWillRun()),
    statusDir,
    taken,
  );
  // The tested releases create clients, sign and verify: the JVM's full compiler; the others only serve their console.
  const testedStarts = tested.map((server) => started(server, false));
  // The other releases one at a time, once the tested ones answer: each start is mostly CPU, and two cores are shared
  // with the browser tests. They stay up (~450 MB each) until the end of the run.
  const releaseStarts: Array<Promise<KeycloakServer>> = [];
  let previous: Promise<unknown> = Promise.allSettled(testedStarts);
  for (const release of releases) {
    const next = previous.then(() => started(release, true));
    releaseStarts.push(next);
    previous = next.catch(() => undefined);
  }
  for (const start of [...testedStarts, ...releaseStarts]) start.catch(() => undefined);
  project.provide("keycloakServers", tested);
  project.provide("consoleReleaseServers", releases);
  return async () => {
    const settled = await Promise.allSettled([...testedStarts, ...releaseStarts]);
    const servers = settled.flatMap((result): KeycloakServer[] => (result.status === "fulfilled" ? [result.value] : []));
    for (const server of servers) console.log(`Keycloak ${server.version}: ${server.residentMegabytes() ?? "?"} MB resident at the end of the run`);
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(statusDir, { recursive: true, force: true });
    const left = servers.filter((server) => processAlive(server.pid));
    if (left.length > 0) throw new Error(`Keycloak left running: ${left.map((server) => `${server.version} (pid ${server.pid})`).join(", ")}`);
    const failed = settled.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    if (failed.length > 0) throw failed[0] instanceof Error ? failed[0] : new Error(String(failed[0]));
  };
}

/**
 * Whether this run includes console-releases.test.ts: vitest's file filters are substrings of a test file's path on
 * its command line (`npx vitest run --project keycloak test/keycloak/demo.test.ts` starts no release server).
 */
function consoleReleasesWillRun(): boolean {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith("-") && (arg.includes("/") || arg.endsWith(".ts")));
  return filters.length === 0 || filters.some((filter) => "test/keycloak/console-releases.test.ts".includes(filter) || filter.includes("console-releases"));
}

/** Whole or not at all: a reader polling for the file never sees half of it. */
function writeStatus(file: string, status: Record<string, unknown>): void {
  writeFileSync(`${file}.part`, JSON.stringify(status));
  renameSync(`${file}.part`, file);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
