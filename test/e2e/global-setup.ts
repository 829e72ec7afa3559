import { execFileSync } from "node:child_process";
import { DIST_ROOT, ROOT } from "./support/browsers.js";

/**
 * Browser tests run against the test build (dist/test/<browser>), built once per run; `npm test` builds it once before
 * running the browser and Keycloak tests side by side and says so with SAML_LENS_TEST_BUILT=1.
 */
export default function setup(): void {
  if (process.env.SAML_LENS_TEST_BUILT === "1") return;
  execFileSync(process.execPath, ["build.mjs", "--test", `--outdir=${DIST_ROOT}`], { cwd: ROOT, stdio: "inherit" });
}
