/**
 * The wizard is its own bundle, injected only into a tab that runs it: content.js (on every console page, with a
 * size budget) carries only the start button and the request to inject.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../../..");
const out = mkdtempSync(join(tmpdir(), "saml-lens-wizard-build-"));
const read = (file: string) => readFileSync(join(out, "chrome", file), "utf8");

beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs", "--release", "--browser=chrome", `--outdir=${out}`], { cwd: root });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the wizard bundle", () => {
  it("holds the wizard's steps, which content.js does not", () => {
    const panelText = "Enter the values in Sentry";
    expect(read("wizard.js")).toContain(panelText);
    expect(read("content.js")).not.toContain(panelText);
    // The start button stays in content.js: it must show on the Clients list before anything is injected.
    expect(read("content.js")).toContain("Set up Sentry SSO");
  });

  it("is injected by the background by its file name", () => {
    expect(read("background.js")).toContain('"wizard.js"');
  });
});
