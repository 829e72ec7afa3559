/**
 * Builds the real admin console (npm `@keycloak/keycloak-admin-ui`) into `.cache/console/<version>/`, once per
 * version and host-page change, together with the console's translations.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { build, type Plugin } from "esbuild";
import { CACHE_DIR, HARNESS_DIR, ROOT } from "../paths.js";

const run = promisify(execFile);

const CONSOLE_PACKAGE = "@keycloak/keycloak-admin-ui";
/** The console version the project installs (package.json devDependencies); the default for every harness. */
export const PINNED_CONSOLE_VERSION = "26.7.4";

/**
 * The translations are not in the console package: a server renders them from its theme jar. The keycloakify
 * repackage of the console ships the same `messages_<lang>.properties`; its versions encode the Keycloak release
 * (260700 = 26.7.0). It cannot be a devDependency (its peers pin react-router-dom 6 against the console's 7), so it is
 * fetched with `npm pack`, which checks the registry's integrity hash, and only its i18n folder is kept.
 */
const MESSAGES_PACKAGE = "@keycloakify/keycloak-admin-ui";
const MESSAGES_RELEASES = ["260200.0.3", "260305.0.0", "260700.0.2"] as const;

export interface ConsoleBuild {
  version: string;
  /** The bundle: host.js, host.css, lazy chunks, fonts. */
  assetsDir: string;
  /** `messages_<lang>.properties` files. */
  messagesDir: string;
  messagesVersion: string;
  /** Milliseconds spent building now; 0 when the cache was used. */
  buildMs: number;
}

const HOST_ENTRY = join(HARNESS_DIR, "console/host.mjs");
/** Bump when the esbuild options below change, so cached builds are redone. */
const RECIPE = 1;

/** The newest keycloakify release not newer than the console (26.7.4 → 260700.0.2). */
export function messagesVersionFor(consoleVersion: string): string {
  const [major = 0, minor = 0, patch = 0] = consoleVersion.split(".").map((part) => Number.parseInt(part, 10));
  const consoleCode = major * 10_000 + minor * 100 + patch;
  const candidates = MESSAGES_RELEASES.filter((release) => Number.parseInt(release, 10) <= consoleCode);
  return candidates.at(-1) ?? MESSAGES_RELEASES[0];
}

async function installedConsoleVersion(): Promise<string | undefined> {
  const pkg = join(ROOT, "node_modules", CONSOLE_PACKAGE, "package.json");
  if (!existsSync(pkg)) return undefined;
  const parsed: unknown = JSON.parse(await readFile(pkg, "utf8"));
  return typeof parsed === "object" && parsed !== null && "version" in parsed && typeof parsed.version === "string"
    ? parsed.version
    : undefined;
}

/**
 * Consoles whose own `@keycloak/keycloak-ui-shared` release was never published to npm (npm has 25.0.4, 26.0.7,
 * 26.4.0, 26.6.1 and 26.7.x): the nearest published release stands in, through an npm `overrides` entry. (26.2.0
 * installs so too, but like 26.0.7 its library has no `routes` export for the host page; the real 26.0.7 and
 * 26.2.5 servers serve those lines' consoles in test/keycloak/console-releases.test.ts.)
 */
const UI_SHARED_STAND_INS: Readonly<Record<string, string>> = { "26.6.2": "26.6.1" };

/** The console package directory: the project's own install, or a private install under the cache for other versions. */
async function consolePackageDir(version: string, versionDir: string): Promise<string> {
  if ((await installedConsoleVersion()) === version) return join(ROOT, "node_modules", CONSOLE_PACKAGE);
  const prefix = join(versionDir, "packages");
  const dir = join(prefix, "node_modules", CONSOLE_PACKAGE);
  if (!existsSync(join(dir, "package.json"))) {
    await mkdir(prefix, { recursive: true });
    const standIn = UI_SHARED_STAND_INS[version];
    await writeFile(
      join(prefix, "package.json"),
      JSON.stringify({ name: "console-packages", private: true, ...(standIn ? { overrides: { "@keycloak/keycloak-ui-shared": standIn } } : {}) }),
    );
    // An isolated tree of its own, so peer ranges of an older console don't meet the project's packages.
    await run("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps",
      `${CONSOLE_PACKAGE}@${version}`], { cwd: prefix, maxBuffer: 16 * 1024 * 1024 });
  }
  return dir;
}

async function fetchMessages(messagesVersion: string): Promise<string> {
  const dir = join(CACHE_DIR, "console", "messages", messagesVersion);
  if (existsSync(join(dir, "messages_en.properties"))) return dir;
  const work = await mkdtemp(join(tmpdir(), "kc-messages-"));
  try {
    const { stdout } = await run("npm", ["pack", `${MESSAGES_PACKAGE}@${messagesVersion}`, "--silent", "--pack-destination", work], { cwd: work });
    const tarball = join(work, stdout.trim().split("\n").at(-1) ?? "");
    await run("tar", ["-xzf", tarball, "-C", work, "package/keycloak-theme/admin/i18n"]);
    const extracted = join(work, "package/keycloak-theme/admin/i18n");
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(extracted)) {
      if (name.endsWith(".properties")) await writeFile(join(dir, name), await readFile(join(extracted, name)));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Resolves the host page's bare imports as the console package itself would, so react-i18next and i18next are the
 * very copies the console uses (npm nests them under the console package), whichever console version is built.
 */
function resolveFromConsole(packageDir: string): Plugin {
  return {
    name: "resolve-from-console",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.importer !== HOST_ENTRY) return undefined;
        // 26.2+ exports `styles.css`; 26.0 ships the same stylesheet as `lib/style.css` without an export.
        if (args.path === "@keycloak/keycloak-admin-ui/styles.css") {
          const legacy = join(packageDir, "lib/style.css");
          if (existsSync(legacy)) return { path: legacy };
        }
        const result = await pluginBuild.resolve(args.path, { kind: args.kind, resolveDir: packageDir });
        return result.errors.length > 0 ? { errors: result.errors } : { path: result.path };
      });
    },
  };
}

/** Builds (or finds in the cache) the console of `version`. */
export async function ensureConsoleBuild(version: string = PINNED_CONSOLE_VERSION): Promise<ConsoleBuild> {
  const versionDir = join(CACHE_DIR, "console", version);
  const assetsDir = join(versionDir, "assets");
  const stampFile = join(versionDir, "build.json");
  const messagesVersion = messagesVersionFor(version);
  const hostHash = createHash("sha256").update(`${RECIPE}:`).update(await readFile(HOST_ENTRY)).digest("hex").slice(0, 16);
  const messagesDir = await fetchMessages(messagesVersion);

  if (existsSync(stampFile) && existsSync(join(assetsDir, "host.js"))) {
    const stamp: unknown = JSON.parse(await readFile(stampFile, "utf8"));
    if (typeof stamp === "object" && stamp !== null && "hostHash" in stamp && stamp.hostHash === hostHash) {
      return { version, assetsDir, messagesDir, messagesVersion, buildMs: 0 };
    }
  }

  const started = performance.now();
  const packageDir = await consolePackageDir(version, versionDir);
  await rm(assetsDir, { recursive: true, force: true });
  await build({
    entryPoints: { host: HOST_ENTRY },
    outdir: assetsDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    // Production React: no StrictMode double effects, so the request log shows each call once.
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".svg": "file", ".png": "file", ".jpg": "file", ".gif": "file" },
    assetNames: "[name]-[hash]",
    chunkNames: "chunks/[name]-[hash]",
    logLevel: "error",
    plugins: [resolveFromConsole(packageDir)],
  });
  // The images the console loads from its resource URL (logo, favicon, avatar).
  for (const name of await readdir(join(packageDir, "lib"))) {
    if (name.endsWith(".svg")) await copyFile(join(packageDir, "lib", name), join(assetsDir, name));
  }
  await mkdir(dirname(stampFile), { recursive: true });
  await writeFile(stampFile, JSON.stringify({ version, hostHash, messagesVersion, builtAt: new Date().toISOString() }, null, 2));
  return { version, assetsDir, messagesDir, messagesVersion, buildMs: Math.round(performance.now() - started) };
}
