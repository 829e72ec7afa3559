/**
 * Issue 4's analyze ratio where the extension really runs: in a page of headless Debian Chromium, whose WebCrypto and
 * JavaScript engine are the ones the panel uses. Same message, same baseline (base64 + fast-xml-parser) as
 * analyze.bench.ts, both measured in the same page.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { PageMeasure } from "./pages/analyze-page.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FIXTURES = join(process.cwd(), "test/fixtures");
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

const bundle = await build({ entryPoints: [join(process.cwd(), "bench/pages/analyze-page.ts")], bundle: true, write: false, format: "iife", platform: "browser", logLevel: "warning" });
const script = bundle.outputFiles[0]?.text ?? "";
// WebCrypto needs a secure context: a page from 127.0.0.1 is one, a data: URL is not.
const server = createServer((_request, response) => response.end(`<!doctype html><title>analyze bench</title><script>${script}</script>`));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const pem = readFileSync(join(FIXTURES, "saml/keys/idp-cert.pem"), "utf8");
  const rows: string[] = [];
  for (const [name, file] of [
    ["signed Response (document signed)", "saml/responses/valid-signed-document.xml"],
    ["signed Response + Assertion", "saml/responses/valid-signed-both.xml"],
  ] as const) {
    const xml = readFileSync(join(FIXTURES, file), "utf8");
    const measured = await page.evaluate(
      ([p, x]) => (globalThis as unknown as { samlLensAnalyzeBench: (pem: string, xml: string, rounds: number, callsPerRound: number) => Promise<PageMeasure> }).samlLensAnalyzeBench(p, x, 41, 40),
      [pem, xml] as const,
    );
    const ratio = measured.ratio;
    const us = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;
    rows.push(
      `| ${name.padEnd(36)} | ${us(measured.base).padEnd(12)} | ${us(measured.full).padEnd(8)} | ${`${ratio.toFixed(2)}×`.padEnd(5)} | ` +
        `${`${measured.withoutVerifierRatio.toFixed(2)}×`.padEnd(14)} | ${`${measured.floorRatio.toFixed(2)}×`.padEnd(5)} | ${`${measured.instantVerifyRatio.toFixed(2)}×`.padEnd(14)} | ${`${us(measured.webCryptoVerify)} = ${(measured.webCryptoVerify / measured.base).toFixed(2)}×`.padEnd(24)} | ${(ratio <= 2 ? "met" : "NOT met").padEnd(13)} |`,
    );
  }
  console.log("in headless Chromium (the panel's runtime):");
  console.log("| message                              | base64+parse | analyze  | ratio | without verify | floor | verify at once | one subtle.verify alone  | target ≤ 2.0× |");
  console.log("|--------------------------------------|--------------|----------|-------|----------------|-------|----------------|--------------------------|---------------|");
  for (const row of rows) console.log(row);
} finally {
  await browser.close();
  server.close();
}
