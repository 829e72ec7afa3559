/**
 * Runs the real python3-saml (Debian's python3-onelogin-saml2, /usr/bin/python3) configured as Sentry configures it,
 * through test/python/sentry_acs.py, on SAMLResponse form values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import { FIXTURES, NOW, fixtureIndex } from "./fixtures.js";
import { SENTRY_PYTHON, runPython } from "../../support/python.js";

const resultSchema = z.array(
  z.object({ name: z.string(), valid: z.boolean(), error: z.nullable(z.string()), stage: z.nullable(z.enum(["exception", "invalid", "mapping"])) }),
);
export type SentryResult = z.infer<typeof resultSchema>[number];

const SCRIPT = join(import.meta.dirname, "../../python/sentry_acs.py");

export function sentryAcs(
  cases: readonly { name: string; SAMLResponse: string; binding?: "HTTP-POST" | "HTTP-Redirect" }[],
  mapping = { identifier: "user_email", user_email: "user_email" },
): Map<string, SentryResult> {
  const job = {
    now: Math.floor(NOW.getTime() / 1000),
    profile: fixtureIndex.profile,
    idpCert: readFileSync(join(FIXTURES, "keys", "idp-cert.pem"), "utf8"),
    mapping,
    cases,
  };
  const stdout = runPython(SENTRY_PYTHON, [SCRIPT], JSON.stringify(job));
  return new Map(z.parse(resultSchema, JSON.parse(stdout)).map((result) => [result.name, result]));
}

const slsResultSchema = z.array(z.object({ name: z.string(), errors: z.array(z.string()), reason: z.nullable(z.string()), exception: z.nullable(z.string()) }));
export type SentrySlsResult = z.infer<typeof slsResultSchema>[number];

const SLS_SCRIPT = join(import.meta.dirname, "../../python/sentry_sls.py");

/** Sentry's SLS view (test/python/sentry_sls.py) on the query strings of Redirect-binding logout messages. */
export function sentrySls(cases: readonly { name: string; query: string }[], idpCert = readFileSync(join(FIXTURES, "keys", "idp-cert.pem"), "utf8")): Map<string, SentrySlsResult> {
  const job = {
    now: Math.floor(NOW.getTime() / 1000),
    profile: fixtureIndex.profile,
    idpCert,
    cases,
  };
  const stdout = runPython(SENTRY_PYTHON, [SLS_SCRIPT], JSON.stringify(job));
  return new Map(z.parse(slsResultSchema, JSON.parse(stdout)).map((result) => [result.name, result]));
}
