/** Where the harness finds the project, its fixtures and its cache, wherever the harness code runs from. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_NAME = "keycloak-saml-lens";

/**
 * Walks up from this module to the project's package.json, so the same code works from `test/harness/` (vitest)
 * and from the bundled CLI under `.cache/harness/`.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const parsed: unknown = JSON.parse(readFileSync(pkg, "utf8"));
      if (typeof parsed === "object" && parsed !== null && "name" in parsed && parsed.name === PROJECT_NAME) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No ${PROJECT_NAME} package.json above ${start}`);
    dir = parent;
  }
}

export const ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const HARNESS_DIR = join(ROOT, "test/harness");
export const FIXTURES_DIR = join(HARNESS_DIR, "fixtures");
export const CACHE_DIR = join(ROOT, ".cache");
