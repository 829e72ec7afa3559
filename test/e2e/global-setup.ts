import { execFileSync } from "node:child_process";
import { ROOT } from "./support/browsers.js";

/** Browser tests run against the test build (dist/test/<browser>), built once per run. */
export default function setup(): void {
  execFileSync(process.execPath, ["build.mjs", "--test"], { cwd: ROOT, stdio: "inherit" });
}
