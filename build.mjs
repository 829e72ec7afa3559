#!/usr/bin/env node
// Builds the extension for Chrome and Firefox (dist/chrome, dist/firefox) and the CLI (dist/cli) with esbuild.
//   node build.mjs                 dev build (source maps), both browsers + CLI
//   node build.mjs --release       minified, no source maps
//   node build.mjs --watch         dev build, rebuilt on change
//   node build.mjs --browser=chrome|firefox   one browser only
//   node build.mjs --outdir=DIR    write DIR/<browser> (and DIR/cli) instead of dist/
//   node build.mjs --cli-only      only dist/cli (run by `npm install`, so `npx saml-lens` works at once)
//   node build.mjs --test          test build into dist/test/<browser>: also grants http://127.0.0.1/* up front,
//                                  because no automation can answer the browser's permission prompt
import { context, build, stop, transform } from "esbuild";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];

const release = flag("release");
const watch = flag("watch");
const test = flag("test");
const browsers = option("browser") ? [option("browser")] : ["chrome", "firefox"];
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

export const GECKO_ID = "saml-lens@keycloak-saml-lens";
export const TEST_HOST_PERMISSIONS = ["http://127.0.0.1/*"];

/** Extension entry points: output name → source. */
const entries = {
  background: "src/background/index.ts",
  content: "src/content/index.ts",
  /** The setup wizard, injected by the background only into a tab that runs it (see src/background/wizard.ts). */
  wizard: "src/content/wizard/index.ts",
  "page-world": "src/content/page-world.ts",
  devtools: "src/devtools/devtools.ts",
  panel: "src/devtools/panel.tsx",
  popup: "src/popup/index.tsx",
  options: "src/options/index.tsx",
  recorder: "src/recorder/index.tsx",
  "import-worker": "src/workers/import-worker.ts",
  "analysis-worker": "src/workers/analysis-worker.ts",
};
const pages = ["src/devtools/devtools.html", "src/devtools/panel.html", "src/popup/popup.html", "src/options/options.html", "src/recorder/recorder.html"];
const styles = ["src/ui/styles.css"];

/** Derives one browser's manifest from the shared base manifest.json. */
export function browserManifest(base, browser, { version, test = false } = {}) {
  const manifest = structuredClone(base);
  manifest.version = version ?? base.version;
  if (browser === "firefox") {
    manifest.background = { scripts: [base.background.service_worker] };
    manifest.browser_specific_settings = {
      gecko: { id: GECKO_ID, strict_min_version: "140.0", data_collection_permissions: { required: ["none"] } },
    };
  } else {
    manifest.minimum_chrome_version = "121";
  }
  if (test) manifest.host_permissions = [...(manifest.host_permissions ?? []), ...TEST_HOST_PERMISSIONS];
  return manifest;
}

const distRoot = option("outdir") ? resolve(option("outdir")) : join(root, "dist");
function outDir(browser) {
  return test ? join(distRoot, "test", browser) : join(distRoot, browser);
}

/** Entries built apart, each with its own extra plugins (see contentOptions). */
const separateEntries = new Set(["content"]);

/**
 * The content script runs on the admin console and counts against its size budget: it reaches the extension APIs
 * without webextension-polyfill (src/platform/native-browser.ts says why that is enough there).
 */
const nativeBrowser = {
  name: "native-browser",
  setup(builder) {
    builder.onResolve({ filter: /^webextension-polyfill$/ }, () => ({ path: join(root, "src/platform/native-browser.ts") }));
  },
};

/**
 * The content script's style sheets (src/content/styles.ts) are CSS in template literals, written to be read: in the
 * bundle each literal's CSS is minified by esbuild's own CSS minifier (interpolations stay as they are).
 */
const minifiedStyles = {
  name: "minified-styles",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]src[\\/]content[\\/]styles\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const parts = [];
      let last = 0;
      for (const match of source.matchAll(/`([^`]*)`/g)) {
        // Interpolations (`${THEME}`) split a literal into CSS pieces, each minified apart.
        const pieces = await Promise.all(
          match[1].split(/(\$\{[^}]*\})/).map(async (piece) =>
            piece.startsWith("${") || piece.trim() === "" ? piece : (await transform(piece, { loader: "css", minify: true })).code.trim(),
          ),
        );
        parts.push(source.slice(last, match.index), "`", pieces.join(" "), "`");
        last = match.index + match[0].length;
      }
      parts.push(source.slice(last));
      return { contents: parts.join(""), loader: "ts" };
    });
  },
};

function contentOptions(browser) {
  const options = extensionOptions(browser);
  return { ...options, entryPoints: { content: join(root, entries.content) }, plugins: [noRawHtml, nativeBrowser, minifiedStyles] };
}

function extensionOptions(browser) {
  return {
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(entries)
        .filter(([name]) => !separateEntries.has(name))
        .map(([name, file]) => [name, join(root, file)]),
    ),
    outdir: outDir(browser),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: browser === "firefox" ? ["firefox128"] : ["chrome120"],
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: release,
    sourcemap: release ? false : "linked",
    legalComments: "none",
    logLevel: "warning",
    define: {
      __VERSION__: JSON.stringify(pkg.version),
      __BROWSER__: JSON.stringify(browser),
      "process.env.NODE_ENV": JSON.stringify(release ? "production" : "development"),
    },
    plugins: [noRawHtml, copyStatic(browser)],
  };
}

/**
 * Our UI never renders raw HTML (SAML content is data, shown as text). Preact still carries the one code path that
 * could (`dangerouslySetInnerHTML`); replace it with a throw so no future code can use it, and so the extension's
 * bundles hold no innerHTML assignment of a variable (web-ext lint's UNSAFE_VAR_ASSIGNMENT). Fails the build if the
 * pattern is not found exactly once, e.g. after a Preact upgrade.
 */
const noRawHtml = {
  name: "no-raw-html",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.module\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const pattern = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
      const matches = source.match(pattern) ?? [];
      if (matches.length !== 1) throw new Error(`no-raw-html: expected one innerHTML assignment in ${args.path}, found ${matches.length}`);
      const contents = source.replace(pattern, '(()=>{throw new Error("SAML Lens renders no raw HTML (dangerouslySetInnerHTML is disabled)")})()');
      return { contents, loader: "js" };
    });
  },
};

function copyStatic(browser) {
  return {
    name: "copy-static",
    setup(builder) {
      builder.onEnd(async (result) => {
        if (result.errors.length > 0) return;
        const dir = outDir(browser);
        const base = JSON.parse(await readFile(join(root, "manifest.json"), "utf8"));
        const manifest = browserManifest(base, browser, { version: pkg.version, test });
        await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
        for (const file of [...pages, ...styles]) await cp(join(root, file), join(dir, file.split("/").pop()));
        await cp(join(root, "icons"), join(dir, "icons"), {
          recursive: true,
          filter: (source) => !source.endsWith(".svg"),
        });
      });
    },
  };
}

const cliOptions = {
  absWorkingDir: root,
  entryPoints: [join(root, "src/cli/main.ts")],
  outfile: join(distRoot, "cli/saml-lens.js"),
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: release,
  sourcemap: release ? false : "linked",
  legalComments: "none",
  logLevel: "warning",
  banner: { js: "#!/usr/bin/env node" },
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

async function main() {
  const extensions = flag("cli-only") ? [] : browsers;
  // A watcher writes over the previous build, which a running browser may have loaded.
  if (!watch) for (const browser of extensions) await rm(outDir(browser), { recursive: true, force: true });
  await mkdir(distRoot, { recursive: true });
  const configs = [...extensions.map(extensionOptions), ...extensions.map(contentOptions), ...(test ? [] : [cliOptions])];
  if (watch) {
    const contexts = [];
    for (const config of configs) {
      const ctx = await context(config);
      contexts.push(ctx);
      await ctx.watch();
    }
    // Stopped (npm start's Ctrl-C or clean-up): esbuild's own process goes with the watcher, not after it.
    const end = () => void Promise.all(contexts.map((ctx) => ctx.dispose())).then(stop, stop).finally(() => process.exit(0));
    process.once("SIGTERM", end);
    process.once("SIGINT", end);
    console.log(`watching: ${browsers.join(", ")}${test ? " (test build)" : ""}`);
    return;
  }
  await Promise.all(configs.map((config) => build(config)));
  const outputs = [...extensions.map(outDir), ...(test ? [] : [join(distRoot, "cli")])];
  console.log(`built ${outputs.join(", ")}${release ? " (release)" : ""}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
