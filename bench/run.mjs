#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in turn. Each one measures a baseline and the subject in the same run
// and prints ratios, never bare timings to compare across machines.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = readdirSync(dir).filter((file) => file.endsWith(".bench.mjs") && (only === undefined || file.includes(only))).sort();
if (benches.length === 0) console.log("No benchmarks yet.");
let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ["--expose-gc", join(dir, file)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
