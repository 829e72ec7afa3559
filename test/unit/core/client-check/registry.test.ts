/**
 * Client checks are declared and registered as message rules are (test/unit/core/rules/registry.test.ts): one file per
 * check under src/core/client-check/checks/, named after its id, declaring `export const check = defineCheck(…)`,
 * listed once in registry.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_CHECKS } from "../../../../src/core/client-check/registry.js";

// `npm run mutation` runs this file on Stryker's instrumented copy of src; what a file declares is read from the
// project's own sources (SAML_LENS_SOURCE_ROOT), the same text in every other run.
const CHECKS_DIR = join(process.env.SAML_LENS_SOURCE_ROOT ?? join(import.meta.dirname, "../../../.."), "src/core/client-check/checks");
const files = readdirSync(CHECKS_DIR).filter((file) => file.endsWith(".ts"));

describe("client check registry", () => {
  it("holds only checks, each file named <id>.ts", () => {
    for (const file of files) expect(file, file).toMatch(/^(client|mapper|security)\.[a-z0-9-]+\.ts$/);
  });

  it("registers every check file exactly once, under the file's name", () => {
    const ids = CLIENT_CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files.map((file) => file.replace(/\.ts$/, "")).sort());
  });

  it("declares each check with defineCheck and its id in its own file", () => {
    for (const check of CLIENT_CHECKS) {
      const source = readFileSync(join(CHECKS_DIR, `${check.id}.ts`), "utf8");
      expect(source, check.id).toContain("export const check = defineCheck({");
      expect(source, check.id).toContain(`id: "${check.id}"`);
    }
  });
});
