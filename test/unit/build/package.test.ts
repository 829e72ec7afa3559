/** `npm run package` produces zips a store accepts: manifest at the root, no source maps, and the source archive. */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "saml-lens-package-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const listZip = (file: string) =>
  execFileSync("unzip", ["-Z1", join(out, file)], { encoding: "utf8" }).split("\n").filter(Boolean);

describe("npm run package", () => {
  it("writes Chrome, Firefox and source zips", () => {
    execFileSync(process.execPath, ["scripts/package.mjs", `--out=${out}`], { cwd: root, stdio: "pipe" });
    const { version } = JSON.parse(execFileSync("git", ["show", "HEAD:package.json"], { cwd: root, encoding: "utf8" }));
    const zips = readdirSync(out).sort();
    expect(zips).toEqual([
      `keycloak-saml-lens-chrome-${version}.zip`,
      `keycloak-saml-lens-firefox-${version}.zip`,
      `keycloak-saml-lens-source-${version}.zip`,
    ]);
    for (const browser of ["chrome", "firefox"]) {
      const files = listZip(`keycloak-saml-lens-${browser}-${version}.zip`);
      expect(files).toContain("manifest.json");
      expect(files).toContain("background.js");
      expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
    }
    const source = listZip(`keycloak-saml-lens-source-${version}.zip`);
    expect(source).toEqual(expect.arrayContaining(["package.json", "package-lock.json", "build.mjs", "manifest.json", "README.md"]));
    expect(source.some((file) => file.startsWith("node_modules/") || file.startsWith("dist/"))).toBe(false);
  });
});

describe("npm run package outside a git checkout (the unzipped source archive)", () => {
  it("refuses with the command that works there, and writes no zip", () => {
    const unpacked = mkdtempSync(join(tmpdir(), "saml-lens-unpacked-"));
    try {
      mkdirSync(join(unpacked, "scripts"));
      copyFileSync(join(root, "scripts/package.mjs"), join(unpacked, "scripts/package.mjs"));
      copyFileSync(join(root, "package.json"), join(unpacked, "package.json"));
      const run = spawnSync(process.execPath, ["scripts/package.mjs"], { cwd: unpacked, encoding: "utf8", env: { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("is not a git checkout");
      expect(run.stderr).toContain("npm ci && npm run build:release");
      expect(existsSync(join(unpacked, "artifacts"))).toBe(false);
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  });
});
