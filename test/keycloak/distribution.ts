/**
 * Keycloak's own server distribution (`org.keycloak:keycloak-quarkus-dist`, tar.gz) fetched through Maven into the
 * local Maven repository, then unpacked once under the user's cache (`~/.cache/saml-lens/keycloak/<version>/`, beside
 * `~/.m2`), where Quarkus' build step also leaves its result on the first start: every clone on the machine starts
 * from there (a fresh clone no longer unpacks and builds nine releases). Nothing is downloaded by hand: Maven Central
 * is the one source, and a second call on a ready machine only checks a marker file.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { CACHE_DIR } from "../harness/paths.js";

/** What the Keycloak tests write (ground-truth records, run folders): the project's own cache. */
export const KEYCLOAK_CACHE = join(CACHE_DIR, "keycloak");
/** The unpacked distributions, one per release: `SAML_LENS_KEYCLOAK_DIST`, else `$XDG_CACHE_HOME` or `~/.cache`. */
export const KEYCLOAK_DISTRIBUTIONS = process.env.SAML_LENS_KEYCLOAK_DIST ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "saml-lens", "keycloak");
const ARTIFACT = "org.keycloak:keycloak-quarkus-dist";

function mavenRepository(): string {
  return process.env.MAVEN_REPOSITORY ?? join(homedir(), ".m2", "repository");
}

function archivePath(version: string): string {
  return join(mavenRepository(), "org/keycloak/keycloak-quarkus-dist", version, `keycloak-quarkus-dist-${version}.tar.gz`);
}

function directoryBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function run(command: string, args: readonly string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const output: string[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("error", (error) => reject(new Error(`${what}: ${command} could not run (${error.message}). Is it installed?`)));
    child.once("exit", (code) => (code === 0 ? resolve(output.join("")) : reject(new Error(`${what} failed (exit ${code}):\n${output.join("").slice(-4000)}`))));
  });
}

/** The archive in the local Maven repository, fetched from Maven Central when missing (with progress on stderr). */
export async function fetchKeycloakArchive(version: string, log: (line: string) => void = (line) => console.error(line)): Promise<string> {
  const archive = archivePath(version);
  if (existsSync(archive)) return archive;
  const started = Date.now();
  log(`Keycloak ${version}: fetching ${ARTIFACT}:${version}:tar.gz from Maven Central with mvn (about 140–180 MB)…`);
  const folder = join(mavenRepository(), "org/keycloak/keycloak-quarkus-dist", version);
  const ticker = setInterval(() => log(`Keycloak ${version}: ${megabytes(directoryBytes(folder))} so far (${((Date.now() - started) / 1000).toFixed(0)} s)`), 5000);
  try {
    await run("mvn", ["-B", "-q", "dependency:get", `-Dartifact=${ARTIFACT}:${version}:tar.gz`, "-Dtransitive=false"], `mvn dependency:get ${ARTIFACT}:${version}:tar.gz`);
  } finally {
    clearInterval(ticker);
  }
  if (!existsSync(archive)) throw new Error(`mvn reported success but ${archive} is not there`);
  log(`Keycloak ${version}: ${megabytes(statSync(archive).size)} fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return archive;
}

/** `KEYCLOAK_DISTRIBUTIONS/<version>`, holding `bin/kc.sh`; fetched and unpacked on first use. */
export async function ensureKeycloak(version: string, log: (line: string) => void = (line) => console.error(line)): Promise<string> {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`Not a Keycloak release number: ${JSON.stringify(version)}`);
  const home = join(KEYCLOAK_DISTRIBUTIONS, version);
  const marker = join(home, ".unpacked");
  if (existsSync(marker)) return home;
  const archive = await fetchKeycloakArchive(version, log);
  const staging = join(KEYCLOAK_DISTRIBUTIONS, `.staging-${version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`Keycloak ${version}: unpacking into ${home}`);
  await run("tar", ["-xzf", archive, "-C", staging, "--strip-components=1"], `unpacking ${archive}`);
  writeFileSync(join(staging, ".unpacked"), `${new Date().toISOString()}\n`);
  rmSync(home, { recursive: true, force: true });
  renameSync(staging, home);
  return home;
}
