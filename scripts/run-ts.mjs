// Node 20 runs JavaScript only: the bench's TypeScript entry points are bundled by esbuild into .cache/harness/ first.
import { build, stop } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `entry` (relative to the project root) and imports it. */
export async function runTypeScript(entry) {
  const outfile = join(root, ".cache/harness", entry.replace(/^.*\//, "").replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  // Nothing more to bundle: esbuild's service process ends now rather than with this one.
  await stop();
  await import(pathToFileURL(outfile).href);
}
