import { execFileSync } from "node:child_process";
import { DIST_ROOT, ROOT } from "./support/browsers.js";

/** Browser tests run against the test build (dist/test/<browser>), built once per run. */
export default function setup(): void {
  execFileSync(process.execPath, ["build.mjs", "--test", `--outdir=${DIST_ROOT}`], { cwd: ROOT, stdio: "inherit" });
}
