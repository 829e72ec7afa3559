/**
 * The permission-relevant keys of both generated release manifests, compared with a committed snapshot: a new
 * permission, host, content script or CSP change is a visible diff in manifest-permissions.json, and every permission
 * must have its reason in README.md's permissions table.
 *
 * After an intended change: UPDATE_MANIFEST_SNAPSHOT=1 npx vitest run --project unit test/unit/build/manifest-snapshot.test.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const snapshotPath = join(import.meta.dirname, "manifest-permissions.json");
const out = mkdtempSync(join(tmpdir(), "saml-lens-manifest-"));
const BROWSERS = ["chrome", "firefox"] as const;
const KEYS = [
  "permissions",
  "optional_permissions",
  "host_permissions",
  "optional_host_permissions",
  "content_scripts",
  "content_security_policy",
  "web_accessible_resources",
  "externally_connectable",
  "background",
] as const;

type Snapshot = Record<(typeof BROWSERS)[number], Record<(typeof KEYS)[number], unknown>>;

let generated: Snapshot;

beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs", "--release", `--outdir=${out}`], { cwd: root });
  const read = (browser: (typeof BROWSERS)[number]) => {
    const manifest = JSON.parse(readFileSync(join(out, browser, "manifest.json"), "utf8")) as Record<string, unknown>;
    // Absent keys are written as null, so that adding one shows as a changed line rather than a new one.
    return Object.fromEntries(KEYS.map((key) => [key, manifest[key] ?? null])) as Record<(typeof KEYS)[number], unknown>;
  };
  generated = { chrome: read("chrome"), firefox: read("firefox") };
  if (process.env.UPDATE_MANIFEST_SNAPSHOT === "1") writeFileSync(snapshotPath, `${JSON.stringify(generated, null, 2)}\n`);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every back-quoted name in the first column of the table under "## Permissions". */
function readmePermissions(): Set<string> {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.split(/^## Permissions\s*$/m)[1]?.split(/^## /m)[0] ?? "";
  const names = new Set<string>();
  for (const line of section.split("\n")) {
    const firstCell = /^\|([^|]*)\|/.exec(line)?.[1];
    if (firstCell === undefined) continue;
    for (const match of firstCell.matchAll(/`([^`]+)`/g)) if (match[1] !== undefined) names.add(match[1]);
  }
  return names;
}

function permissionsIn(snapshot: Snapshot): string[] {
  const names = new Set<string>();
  for (const browser of BROWSERS) {
    for (const key of ["permissions", "optional_permissions", "host_permissions", "optional_host_permissions"] as const) {
      const list = snapshot[browser][key];
      if (Array.isArray(list)) for (const name of list) names.add(String(name));
    }
  }
  return [...names].sort();
}

describe("manifest permissions", () => {
  it("match the committed snapshot for both browsers", () => {
    const committed = JSON.parse(readFileSync(snapshotPath, "utf8")) as Snapshot;
    expect(generated).toEqual(committed);
  });

  it("each permission in the snapshot has a row in README.md's permissions table", () => {
    const committed = JSON.parse(readFileSync(snapshotPath, "utf8")) as Snapshot;
    const documented = readmePermissions();
    expect(documented.size).toBeGreaterThan(0);
    const permissions = permissionsIn(committed);
    expect(permissions.length).toBeGreaterThan(0);
    expect(permissions.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("asks for no host up front and uses no remote or inline script in extension pages", () => {
    for (const browser of BROWSERS) {
      expect(generated[browser].host_permissions).toBeNull();
      const csp = JSON.stringify(generated[browser].content_security_policy);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|wasm-unsafe-eval/);
    }
  });
});
