/**
 * Command lines for the built CLI: random and mutated files with random (valid and invalid) options. The property
 * is checked by the runner: exit code 0, 1 or 2, and no stack trace on stderr.
 */
import fc from "fast-check";
import type { Corpus } from "./corpus.js";
import { anyInput, randomText } from "./inputs.js";
import { mutatedJson, mutatedText } from "./mutate.js";

export interface CliCase {
  readonly args: readonly string[];
  /** Files to create in the case's directory, by name; paths in `args` are relative to it. */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Standard input, when the input file is "-". */
  readonly stdin: string | undefined;
}

const option = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

const analyzeCase = (corpus: Corpus): fc.Arbitrary<CliCase> =>
  fc
    .record({
      input: fc.oneof(
        { weight: 5, arbitrary: anyInput(corpus) },
        { weight: 3, arbitrary: fc.constantFrom(...corpus.xml, corpus.har) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      ),
      viaStdin: fc.boolean(),
      json: fc.boolean(),
      failOn: option(fc.constantFrom("error", "warning", "bogus")),
      sentry: option(fc.constantFrom(["--sentry-url", "https://sentry.example.com", "--org", "acme"], ["--sentry-url", "ftp://x", "--org", "acme"], ["--org", "Not A Slug!"])),
      trust: option(
        fc.oneof(
          fc.tuple(fc.constant("--idp-cert"), fc.oneof(fc.constantFrom(...corpus.pemCertificates), mutatedText(corpus.pemCertificates, 2), randomText)),
          fc.tuple(fc.constant("--idp-metadata"), fc.oneof(fc.constantFrom(...corpus.idpMetadata), mutatedText(corpus.idpMetadata, 2), randomText)),
        ),
      ),
      now: option(fc.constantFrom("2025-06-01T12:00:00Z", "2025-06-01T10:00:30Z", "yesterday", "")),
      extra: option(fc.constantFrom(["--bogus"], ["second-file"], ["--idp-cert", "missing.pem"], ["--identifier-attribute", ""])),
    })
    .map((value): CliCase => {
      const files: Record<string, string | Uint8Array> = {};
      const args = ["analyze"];
      if (value.viaStdin && typeof value.input === "string") args.push("-");
      else {
        files["input.txt"] = value.input;
        args.push("input.txt");
      }
      if (value.json) args.push("--json");
      if (value.failOn !== undefined) args.push("--fail-on", value.failOn);
      if (value.sentry !== undefined) args.push(...value.sentry);
      if (value.trust !== undefined) {
        const [flag, content] = value.trust;
        files["trust.txt"] = content;
        args.push(flag, "trust.txt");
      }
      if (value.now !== undefined) args.push("--now", value.now);
      if (value.extra !== undefined) args.push(...value.extra);
      return { args, files, stdin: value.viaStdin && typeof value.input === "string" ? value.input : undefined };
    });

const checkClientCase = (corpus: Corpus): fc.Arbitrary<CliCase> =>
  fc
    .record({
      input: fc.oneof({ weight: 4, arbitrary: mutatedJson(corpus.keycloakExports, 3).map((doc) => JSON.stringify(doc)) }, { weight: 1, arbitrary: fc.constantFrom(...corpus.keycloakExports) }, { weight: 1, arbitrary: randomText }),
      sp: fc.oneof(
        fc.constant(["--sentry-url", "https://sentry.example.com", "--org", "acme"]),
        fc.constant(["--sentry-saas", "--org", "acme"]),
        fc.constant(["--sp-metadata", "sp.xml"]),
        fc.constant(["--org", "acme"]),
        fc.constant([] as string[]),
      ),
      spMetadata: fc.oneof(fc.constantFrom(...corpus.spMetadata), mutatedText(corpus.spMetadata, 2)),
      json: fc.boolean(),
      fix: fc.boolean(),
      newClient: fc.boolean(),
      failOn: option(fc.constantFrom("error", "warning", "suggestion", "bogus")),
      keycloak: option(fc.constantFrom(["--keycloak-url", "https://keycloak.example.com", "--realm", "demo"], ["--keycloak-url", "keycloak", "--realm", "a/b"])),
      clientId: option(fc.constantFrom("https://sentry.example.com/saml/metadata/acme/", "nope")),
    })
    .map((value): CliCase => {
      const files: Record<string, string | Uint8Array> = { "client.json": value.input, "sp.xml": value.spMetadata };
      const args = ["check-client"];
      if (value.newClient) args.push("--new-client", "new.json");
      else args.push("client.json");
      args.push(...value.sp);
      if (value.json) args.push("--json");
      if (value.fix) args.push("--fix", "fixed.json");
      if (value.failOn !== undefined) args.push("--fail-on", value.failOn);
      if (value.keycloak !== undefined) args.push(...value.keycloak);
      if (value.clientId !== undefined) args.push("--client-id", value.clientId);
      return { args, files, stdin: undefined };
    });

export function cliCases(corpus: Corpus, seed: number, count: number): CliCase[] {
  return fc.sample(fc.oneof(analyzeCase(corpus), checkClientCase(corpus)), { seed, numRuns: count });
}

/** What is wrong with one run of the CLI, or `undefined`: exit 0, 1 or 2, no stack trace, and a reason with every 2. */
export function cliProblem(run: { readonly status: number | null; readonly stderr: string; readonly error?: Error | undefined }): string | undefined {
  if (run.error !== undefined) return `did not finish: ${run.error.message}`;
  if (run.status === null || ![0, 1, 2].includes(run.status)) return `exit code ${String(run.status)}`;
  if (/^\s+at\s.+[:(]\d+:\d+\)?$/m.test(run.stderr) || /internal error/i.test(run.stderr)) return "stack trace on stderr";
  if (run.status === 2 && run.stderr.trim() === "") return "exit code 2 without a message";
  return undefined;
}
