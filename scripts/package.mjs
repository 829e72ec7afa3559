#!/usr/bin/env node
// `npm run package`: store-ready zips for Chrome and Firefox (release builds, web-ext build) and a source zip of the
// committed tree for AMO review, all in artifacts/ (or --out=DIR). Reviewers rebuild the store builds from the source
// zip with `npm ci && npm run build:release` (dist/chrome, dist/firefox): the source zip is no git checkout, and this
// script needs one.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const outArgument = process.argv.find((arg) => arg.startsWith("--out="));
const artifacts = outArgument ? resolve(outArgument.slice(6)) : join(root, "artifacts");
const distArgument = outArgument ? [`--outdir=${join(artifacts, "dist")}`] : [];
const dist = outArgument ? join(artifacts, "dist") : join(root, "dist");
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });

// The source zip is `git archive HEAD`: outside a git checkout it would be empty. Refuse before writing anything.
const toplevel = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: root, encoding: "utf8" });
if (toplevel.status !== 0 || realpathSync(toplevel.stdout.trim()) !== realpathSync(root)) {
  console.error(
    `npm run package: ${root} is not a git checkout, and the source zip for the store review is made from the committed tree.\n` +
      "To rebuild the store builds from the source archive, run `npm ci && npm run build:release` (they are dist/chrome and dist/firefox).",
  );
  process.exit(2);
}

rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
run(process.execPath, ["build.mjs", "--release", ...distArgument]);
for (const browser of ["chrome", "firefox"]) {
  run(join(root, "node_modules/.bin/web-ext"), [
    "build", "--source-dir", join(dist, browser), "--artifacts-dir", artifacts,
    "--filename", `keycloak-saml-lens-${browser}-${version}.zip`, "--overwrite-dest", "--no-config-discovery",
  ]);
}
// The source AMO reviewers rebuild from: exactly what is committed (README explains `npm ci && npm run build:release`).
run("git", ["archive", "--format=zip", `--output=${join(artifacts, `keycloak-saml-lens-source-${version}.zip`)}`, "HEAD"]);
if (outArgument) rmSync(dist, { recursive: true, force: true });
console.log(`${artifacts}: keycloak-saml-lens-{chrome,firefox,source}-${version}.zip`);
