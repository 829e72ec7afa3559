/** The PNG icons are generated from icons/icon.svg; a stale or hand-edited PNG fails here. */
import { Resvg } from "@resvg/resvg-js";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const icons = resolve(import.meta.dirname, "../../../icons");

describe("icons", () => {
  it.each([16, 32, 48, 128])("icon-%i.png is the SVG rendered at that size", (size) => {
    const png = readFileSync(join(icons, `icon-${size}.png`));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(size);
    expect(png.readUInt32BE(20)).toBe(size);
    const svg = readFileSync(join(icons, "icon.svg"), "utf8");
    const expected = new Resvg(svg, { fitTo: { mode: "width", value: size }, shapeRendering: 2 }).render().asPng();
    expect(Buffer.compare(png, expected)).toBe(0);
  });
});
