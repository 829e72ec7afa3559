/** Runs the real build.mjs into a temporary directory and checks what a store reviewer or a browser would see. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "saml-lens-build-"));
const manifest = (path: string) => JSON.parse(readFileSync(join(out, path, "manifest.json"), "utf8"));
const bundles = ["background.js", "content.js", "wizard.js", "devtools.js", "panel.js", "popup.js", "options.js", "recorder.js", "import-worker.js", "analysis-worker.js"];

// Two full builds: seconds alone, far more on a loaded 2-core machine.
beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs", "--release", `--outdir=${out}`], { cwd: root });
  execFileSync(process.execPath, ["build.mjs", "--test", `--outdir=${out}`], { cwd: root });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("per-browser manifests derived from manifest.json", () => {
  it("gives Chrome a service worker and Firefox background scripts with a gecko id", () => {
    const chrome = manifest("chrome");
    const firefox = manifest("firefox");
    expect(chrome.background).toEqual({ service_worker: "background.js" });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ["background.js"] });
    expect(firefox.browser_specific_settings.gecko.id).toBe("saml-lens@keycloak-saml-lens");
    expect(Number.parseFloat(firefox.browser_specific_settings.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    // Desktop Firefox only: with `gecko_android` AMO lists the add-on as installable on Android, where nothing is tested.
    expect(Object.keys(firefox.browser_specific_settings)).toEqual(["gecko"]);
    for (const m of [chrome, firefox]) {
      expect(m.manifest_version).toBe(3);
      expect(m.version).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
    }
  });

  it("asks for no host up front in release builds; only the test build pre-grants 127.0.0.1", () => {
    for (const browser of ["chrome", "firefox"]) {
      const release = manifest(browser);
      expect(release.host_permissions).toBeUndefined();
      expect(release.permissions).toEqual(["storage", "scripting", "activeTab", "webRequest"]);
      expect(release.optional_host_permissions).toEqual(["http://*/*", "https://*/*"]);
      expect(manifest(`test/${browser}`).host_permissions).toEqual(["http://127.0.0.1/*"]);
    }
  });

  it("ships every file the manifest names, and no source maps in release", () => {
    for (const browser of ["chrome", "firefox"]) {
      const dir = join(out, browser);
      const m = manifest(browser);
      const named = [
        ...Object.values(m.icons as Record<string, string>),
        m.action.default_popup,
        m.options_ui.page,
        m.devtools_page,
        ...(m.background.scripts ?? [m.background.service_worker]),
        "panel.html",
        "content.js",
      ];
      for (const file of named) expect(existsSync(join(dir, file)), `${browser}/${file}`).toBe(true);
      expect(readdirSync(dir).filter((file) => file.endsWith(".map"))).toEqual([]);
      expect(existsSync(join(dir, "icons", "icon.svg"))).toBe(false);
    }
    expect(readdirSync(join(out, "test", "chrome")).some((file) => file.endsWith(".map"))).toBe(true);
  });
});

describe("bundles", () => {
  it("contain no eval, no Function constructor, no remote script and no Node built-ins", () => {
    for (const browser of ["chrome", "firefox"]) {
      for (const file of bundles) {
        const code = readFileSync(join(out, browser, file), "utf8");
        // A method named eval (devtools.inspectedWindow.eval) is not the global eval.
        const forbidden = {
          eval: /(?<![.\w$])eval\s*\(/,
          "Function constructor": /new\s+Function\s*\(/,
          "remote import": /import\s*\(\s*["'`]https?:/,
          "innerHTML from a variable": /\.innerHTML\s*=\s*[^"'`\s]/,
          "Node built-in": /require\(\s*["'](node:)?(fs|path|crypto|buffer|zlib|stream|os)["']\s*\)/,
        };
        for (const [what, pattern] of Object.entries(forbidden)) expect(pattern.test(code), `${what} in ${browser}/${file}`).toBe(false);
      }
    }
  });

  it("keep the content script small (it runs on every admin-console page)", () => {
    const size = gzipSync(readFileSync(join(out, "chrome", "content.js"))).length;
    expect(size).toBeLessThan(30 * 1024);
  });

  it("builds a runnable CLI", () => {
    const help = execFileSync(process.execPath, [join(out, "cli", "saml-lens.js"), "--help"], { encoding: "utf8" });
    expect(help).toContain("saml-lens");
    const version = execFileSync(process.execPath, [join(out, "cli", "saml-lens.js"), "--version"], { encoding: "utf8" });
    expect(version.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });
});
