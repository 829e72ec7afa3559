#!/usr/bin/env node
// `npm run package`: store-ready zips for Chrome and Firefox (release builds, web-ext build) and a source zip of the
// committed tree for AMO review, all in artifacts/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const artifacts = join(root, "artifacts");
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });

rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
run(process.execPath, ["build.mjs", "--release"]);
for (const browser of ["chrome", "firefox"]) {
  run(join(root, "node_modules/.bin/web-ext"), [
    "build", "--source-dir", `dist/${browser}`, "--artifacts-dir", "artifacts",
    "--filename", `keycloak-saml-lens-${browser}-${version}.zip`, "--overwrite-dest", "--no-config-discovery",
  ]);
}
// The source AMO reviewers rebuild from: exactly what is committed (README explains `npm ci && npm run package`).
run("git", ["archive", "--format=zip", `--output=artifacts/keycloak-saml-lens-source-${version}.zip`, "HEAD"]);
console.log(`artifacts/: keycloak-saml-lens-{chrome,firefox,source}-${version}.zip`);
