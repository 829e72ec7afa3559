#!/usr/bin/env node
// `npm run bench [name]`: runs every bench/*.bench.ts in turn (bundled with esbuild, run with node --expose-gc).
// Each bench measures its baseline and its subject in the same run and prints ratios, never bare timings to compare
// across machines.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = readdirSync(dir).filter((file) => file.endsWith(".bench.ts") && (only === undefined || file.includes(only))).sort();
if (benches.length === 0) console.log("No benchmarks yet.");
// Inside the project so the bundle resolves node_modules.
const out = join(dir, "..", ".cache", "bench");
mkdirSync(out, { recursive: true });
let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const outfile = join(out, file.replace(/\.ts$/, ".mjs"));
  await build({ entryPoints: [join(dir, file)], outfile, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning", absWorkingDir: join(dir, "..") });
  const result = spawnSync(process.execPath, ["--expose-gc", outfile, ...process.argv.slice(3)], { stdio: "inherit", cwd: join(dir, "..") });
  if (result.status !== 0) failed++;
}
rmSync(out, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
