/**
 * A real Keycloak server for tests: `kc.sh start-dev` on 127.0.0.1 and a free port, an in-memory H2 database, the
 * bootstrap admin from the environment, Java chosen for the release. `stop()` ends the whole process group and waits
 * until the port is free again.
 *
 *   const keycloak = await startKeycloak({ version: "26.7.4" });
 *   await keycloak.admin.importRealm(realm);
 *   await keycloak.stop();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { KeycloakAdmin } from "./admin.js";
import { ensureKeycloak } from "./distribution.js";

export const ADMIN_USERNAME = "admin";
export const ADMIN_PASSWORD = "admin-password";

export interface KeycloakServer {
  readonly version: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  readonly admin: KeycloakAdmin;
  /** Seconds from spawn to the first answer of `/realms/master`. */
  readonly startSeconds: number;
  /** Resident memory of the JVM in MB (Linux /proc), now. */
  residentMegabytes(): number | undefined;
  /** What the server printed (kept for error reports). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly version: string;
  readonly port?: number;
  readonly log?: (line: string) => void;
  /** Default 180 s: the first start of a release also runs Quarkus' build step (~25 s on two cores). */
  readonly timeoutMs?: number;
  /**
   * Only the JVM's quick compiler (`-XX:TieredStopAtLevel=1`): the start costs about half the CPU, but the server
   * computes several times slower (a SAML client created with the console's defaults generates its key in 6–16 s
   * instead of ~2 s). For servers that only serve their console (console-releases.test.ts).
   */
  readonly quickStart?: boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Keycloak 26.6+ supports Java 21 and 25 (17 deprecated); 24–25 want 17 or 21. JAVA_HOME wins when set; otherwise a
 * JDK 21 if installed, else the machine's default 17 for releases that still take it, else any newer JDK found.
 */
export function javaHomeFor(version: string): string | undefined {
  if (process.env.KC_JAVA_HOME) return process.env.KC_JAVA_HOME;
  const jvm = "/usr/lib/jvm";
  if (!existsSync(jvm)) return undefined;
  const homes = readdirSync(jvm)
    .map((name) => ({ name, feature: Number(/(?:^|-)(\d+)(?:[.-]|$)/.exec(name)?.[1] ?? "0") }))
    .filter(({ name }) => existsSync(join(jvm, name, "bin", "java")));
  const major = Number(version.split(".")[0]);
  const minor = Number(version.split(".")[1]);
  const wanted = major > 26 || (major === 26 && minor >= 6) ? [21, 25, 17] : [21, 17];
  for (const feature of wanted) {
    const home = homes.find((candidate) => candidate.feature === feature);
    if (home) return join(jvm, home.name);
  }
  return undefined;
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Keycloak exited with ${child.exitCode} before it answered:\n${output().slice(-4000)}`);
    try {
      const response = await fetch(`${url}/realms/master`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Keycloak did not answer at ${url} within ${timeoutMs / 1000} s:\n${output().slice(-4000)}`);
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function startKeycloak(options: StartOptions): Promise<KeycloakServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const home = await ensureKeycloak(options.version, log);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const javaHome = javaHomeFor(options.version);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(javaHome ? { JAVA_HOME: javaHome } : {}),
    // 26+ reads KC_BOOTSTRAP_ADMIN_*, 24–25 KEYCLOAK_ADMIN*.
    KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
    KC_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KEYCLOAK_ADMIN: ADMIN_USERNAME,
    KEYCLOAK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // kc.sh would size the heap at 70 % of the machine's memory; a test server needs far less.
    JAVA_OPTS_APPEND: process.env.SAML_LENS_KEYCLOAK_JAVA_OPTS ?? `-Xms64m -Xmx768m${options.quickStart === true ? " -XX:TieredStopAtLevel=1" : ""}`,
  };
  const args = ["start-dev", "--http-host=127.0.0.1", `--http-port=${port}`, "--db=dev-mem", "--hostname-strict=false"];
  // The in-memory H2 database of 24–26.0 is dropped once its last connection closes, after ~10 idle minutes: the demo's
  // realm vanished on 24, and a 26.0 server started early in the run lost its master realm's admin-cli
  // ("unauthorized_client"). Keep it for the server's life there. (26.1–26.4 refuse to start with the property, and
  // 26.1+ servers idle as long kept their database.)
  const [major = 0, minor = 0] = options.version.split(".").map(Number);
  if (major < 26 || (major === 26 && minor === 0)) args.push("--db-url-properties=;DB_CLOSE_DELAY=-1");
  const started = Date.now();
  log(`Keycloak ${options.version}: starting on ${url}${javaHome ? ` with ${javaHome}` : ""}…`);
  const child = spawn(join(home, "bin", "kc.sh"), args, { cwd: home, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const chunks: string[] = [];
  const keep = (chunk: Buffer) => {
    chunks.push(chunk.toString());
    if (chunks.length > 400) chunks.splice(0, chunks.length - 400);
    if (process.env.SAML_LENS_KEYCLOAK_DEBUG) process.stderr.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const output = () => chunks.join("");
  const pid = child.pid ?? 0;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 20_000);
      await exited;
      clearTimeout(timer);
    }
    for (let i = 0; i < 100 && !(await portIsFree(port)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  };

  try {
    await waitUntilAnswering(url, child, output, options.timeoutMs ?? 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const startSeconds = (Date.now() - started) / 1000;
  log(`Keycloak ${options.version}: answering after ${startSeconds.toFixed(1)} s`);
  const admin = new KeycloakAdmin(url, ADMIN_USERNAME, ADMIN_PASSWORD);
  return {
    version: options.version,
    url,
    pid,
    admin,
    startSeconds,
    residentMegabytes: () => residentMegabytes(pid),
    output,
    stop,
  };
}

/** The JVM is kc.sh's child or kc.sh itself (it `exec`s java); sum the resident memory of the process group. */
function residentMegabytes(groupId: number): number | undefined {
  if (!existsSync("/proc")) return undefined;
  let kilobytes = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 5 (after the parenthesised command) is the process group id.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1];
      kilobytes += Number(rss ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kilobytes === 0 ? undefined : Math.round(kilobytes / 1024);
}
