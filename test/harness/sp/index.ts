/** Starts the Sentry-grade SP (sentry_sp.py on Debian's python3-saml) on a free 127.0.0.1 port. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { HARNESS_DIR } from "../paths.js";
import { SENTRY_PYTHON } from "../../support/python.js";

export const SYSTEM_PYTHON = SENTRY_PYTHON;

export interface SentryOrgConfig {
  readonly idp: { readonly entity_id: string; readonly x509cert: string; readonly sso_url: string; readonly slo_url: string };
  /** Sentry's "IdP User ID" (identifier) and "User Email" (user_email) → SAML Attribute Name. */
  readonly attribute_mapping: { readonly identifier: string; readonly user_email: string; readonly first_name?: string; readonly last_name?: string };
}

export interface SpResult {
  readonly status: number;
  /**
   * "append-slash": Django's 301 from a URL without its trailing slash to the one with it (Sentry runs with
   * APPEND_SLASH). "login-restarted": a GET of the ACS with no login under way, which Sentry answers by starting an
   * SP-initiated login. "sso-configured": the test login that ends Sentry's SAML2 setup mapped, and the org is set up.
   */
  readonly outcome: "logged-in" | "saml-failed" | "mapping-failed" | "server-error" | "no-sso" | "logout" | "append-slash" | "login-restarted" | "sso-configured";
  /** "setup": the test login of Settings → Auth → SAML2, answered on the auth settings pages; absent for a login. */
  readonly flow?: "setup";
  readonly path?: string;
  readonly org?: string;
  readonly message?: string;
  readonly error?: string;
  readonly errors?: string[];
  /** python3-saml's get_last_error_reason() after a logout. */
  readonly reason?: string | null;
  readonly identity?: { id: string; email: string; name: string };
  readonly attributes?: Record<string, string[]>;
}

export interface SentrySp {
  /** Sentry's url-prefix, e.g. http://127.0.0.1:41234 */
  readonly urlPrefix: string;
  entityId(org: string): string;
  acsUrl(org: string): string;
  slsUrl(org: string): string;
  loginUrl(org: string): string;
  /** Sentry's org auth settings page (Settings → Auth), where SAML2 is set up. */
  settingsUrl(org: string): string;
  configureOrg(org: string, config: SentryOrgConfig): Promise<void>;
  results(): Promise<SpResult[]>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The Sentry-grade SP's python3-saml, which `npm test` installs: a test that needs it fails without it, never skips. */
export function requirePythonSaml(): void {
  if (!pythonSamlAvailable()) throw new Error(`python3-saml is missing (${SYSTEM_PYTHON}): run \`node scripts/setup.mjs\``);
}

export function pythonSamlAvailable(): boolean {
  return existsSync(SYSTEM_PYTHON) && (SYSTEM_PYTHON !== "/usr/bin/python3" || existsSync("/usr/lib/python3/dist-packages/onelogin/saml2/auth.py"));
}

export async function startSentrySp(options: { urlPrefix?: string } = {}): Promise<SentrySp> {
  const script = join(HARNESS_DIR, "sp", "sentry_sp.py");
  const args = [script, "--port", "0", ...(options.urlPrefix ? ["--url-prefix", options.urlPrefix] : [])];
  const child: ChildProcess = spawn(SYSTEM_PYTHON, args, { stdio: ["ignore", "pipe", "pipe"] });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (process.env.SAML_LENS_HARNESS_DEBUG) process.stderr.write(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match?.[1]) resolve(Number(match[1]));
      else reject(new Error(`Sentry SP did not start: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`Sentry SP exited with ${code}: ${stderr.join("")}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  const urlPrefix = (options.urlPrefix ?? origin).replace(/\/$/, "");
  const call = async (method: string, path: string, body?: unknown) => {
    // Bounded: a stuck SP fails the call with its name instead of hanging the test until its own timeout.
    const response = await fetch(`${origin}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(20_000) }).catch((error: unknown) => {
      throw new Error(`${method} ${path} at the bench's Sentry: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response;
  };
  return {
    urlPrefix,
    entityId: (org) => `${urlPrefix}/saml/metadata/${org}/`,
    acsUrl: (org) => `${urlPrefix}/saml/acs/${org}/`,
    slsUrl: (org) => `${urlPrefix}/saml/sls/${org}/`,
    loginUrl: (org) => `${origin}/auth/login/${org}/`,
    settingsUrl: (org) => `${origin}/settings/${org}/auth/`,
    configureOrg: async (org, config) => void (await call("PUT", `/__sp/orgs/${org}`, config)),
    results: async () => (await (await call("GET", "/__sp/results")).json()) as SpResult[],
    reset: async () => void (await call("POST", "/__sp/reset")),
    close: () =>
      new Promise<void>((resolve) => {
        // Gone already: by exiting (exitCode) or by a signal, as a second Ctrl-C ends it (signalCode; exitCode stays null).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
