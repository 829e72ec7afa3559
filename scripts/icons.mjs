#!/usr/bin/env node
// Regenerates icons/icon-{16,32,48,128}.png from the one source icons/icon.svg.
import { Resvg } from "@resvg/resvg-js";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "icons");
const svg = await readFile(join(dir, "icon.svg"), "utf8");
for (const size of [16, 32, 48, 128]) {
  const png = new Resvg(svg, { fitTo: { mode: "width", value: size }, shapeRendering: 2 }).render().asPng();
  await writeFile(join(dir, `icon-${size}.png`), png);
  console.log(`icons/icon-${size}.png ${png.length} bytes`);
}
