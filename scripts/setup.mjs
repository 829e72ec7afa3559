#!/usr/bin/env node
// The one list of what the project needs from the system, and the one place that installs it. Used by `.ci/run`
// (before `npm ci`: plain Node, no dependencies), `npm start` and `npm test`.
//   node scripts/setup.mjs [--for=test|start]     exit 0 ready, 2 when something is missing and cannot be installed here
// Each need is checked quickly (a file or a command on PATH) and installed only when missing: as root with apt-get,
// through sudo when it is available (saying so first), otherwise the one command that would do it is printed.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What the project needs, why, and how to tell it is there. `apt` names the Debian package that provides it.
 * `for` says which commands need it ("test" needs everything "start" needs).
 */
export const NEEDS = [
  { apt: "chromium", why: "the browser of npm start and the browser tests", present: { file: "/usr/bin/chromium" }, for: "start" },
  { apt: "python3-onelogin-saml2", why: "python3-saml, Sentry's SAML validator, for the bench's Sentry-grade SP", present: { file: "/usr/lib/python3/dist-packages/onelogin/saml2/auth.py" }, for: "start" },
  { apt: "xmlsec1", why: "signature checks of python3-saml", present: { command: "xmlsec1" }, for: "start" },
  { apt: "python3-venv", why: "the virtual environment with python3-saml as Sentry installs it from PyPI", present: { ensurepip: true }, for: "start" },
  { apt: "firefox-esr", why: "the Firefox browser tests", present: { file: "/usr/bin/firefox-esr" }, for: "test" },
  { apt: "xvfb", why: "a virtual display for the Firefox tests", present: { command: "Xvfb" }, for: "test" },
  { apt: "procps", why: "ps, for the test that npm start leaves no process behind", present: { command: "ps" }, for: "test" },
  { apt: "zip", why: "packaging tests", present: { command: "zip" }, for: "test" },
  { apt: "unzip", why: "packaging tests", present: { command: "unzip" }, for: "test" },
  { apt: "maven", why: "fetches the real Keycloak server (org.keycloak:keycloak-quarkus-dist) from Maven Central", present: { command: "mvn" }, for: "test" },
  { apt: "openjdk-17-jre-headless", why: "Java to run the real Keycloak server", present: { command: "java" }, for: "test" },
];

const onPath = (command, path = process.env.PATH ?? "") =>
  path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Debian splits ensurepip (needed by `python3 -m venv`) into python3-venv. */
function hasEnsurepip() {
  const lib = "/usr/lib";
  return existsSync(lib) && readdirSync(lib).some((name) => /^python3\.\d+$/.test(name) && existsSync(join(lib, name, "ensurepip", "__init__.py")));
}

/** The needs of `purpose` that are missing, given how to test for files and commands (faked in unit tests). */
export function missingNeeds(purpose, probe = { file: existsSync, command: (name) => onPath(name) }) {
  const wanted = NEEDS.filter((need) => purpose === "test" || need.for === "start");
  return wanted.filter((need) => {
    if (need.present.file !== undefined) return !probe.file(need.present.file);
    if (need.present.ensurepip === true) return !(probe.ensurepip ?? hasEnsurepip)();
    return !probe.command(need.present.command);
  });
}

/**
 * What to do about the missing packages: nothing, install them (as root or through sudo), or tell the user the
 * command. `who` is { root: boolean, sudo: boolean }.
 */
export function installPlan(missing, who) {
  if (missing.length === 0) return { action: "none" };
  const packages = [...new Set(missing.map((need) => need.apt))];
  const command = ["apt-get", "install", "-y", "--no-install-recommends", ...packages];
  if (who.root) return { action: "install", packages, prefix: [], command };
  if (who.sudo) return { action: "install", packages, prefix: ["sudo"], command };
  return { action: "tell", packages, command: `sudo apt-get update && sudo ${command.join(" ")}` };
}

function hasSudo() {
  if (!onPath("sudo")) return false;
  return spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
}

/** Checks and installs; returns the exit code (0 ready, 2 missing and not installable here). */
export function ensureSystem(purpose = "test", log = (line) => console.error(line)) {
  const code = ensurePackages(purpose, log);
  if (code === 0) ensurePythonVenv(log);
  return code;
}

function ensurePackages(purpose, log) {
  const missing = missingNeeds(purpose);
  const plan = installPlan(missing, { root: process.getuid?.() === 0, sudo: process.getuid?.() !== 0 && hasSudo() });
  if (plan.action === "none") return 0;
  for (const need of missing) log(`set-up: missing ${need.apt} (${need.why})`);
  if (plan.action === "tell") {
    log(`set-up: cannot install system packages as this user (no root, no sudo). Run:\n  ${plan.command}`);
    return 2;
  }
  const run = (args) => {
    const [command, ...rest] = [...plan.prefix, ...args];
    execFileSync(command ?? "apt-get", rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  };
  log(`set-up: installing ${plan.packages.join(" ")} with apt-get${plan.prefix.length > 0 ? " through sudo" : ""}…`);
  const started = Date.now();
  run(["apt-get", "update", "-qq"]);
  run([...plan.command.slice(0, 3), "-qq", ...plan.command.slice(3)]);
  log(`set-up: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const still = missingNeeds(purpose);
  if (still.length > 0) {
    log(`set-up: still missing after apt-get: ${still.map((need) => need.apt).join(" ")}`);
    return 2;
  }
  return 0;
}

/**
 * python3-saml as Sentry installs it (from PyPI, with xmlsec 1.3 wheels), in `.cache/python`, for the Sentry-grade SP and
 * the agreement tests (test/support/python.ts). When PyPI cannot be reached the tests fall back to Debian's
 * python3-onelogin-saml2 (1.12, on xmlsec 1.2), and this says so.
 */
export const PYTHON_PACKAGES = ["python3-saml==1.15.0", "xmlsec==1.3.17", "lxml==6.2.1", "isodate==0.7.2"];
const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
export const VENV = join(root, ".cache", "python");
const VENV_MARKER = join(VENV, `.ready-${PYTHON_PACKAGES.join("-")}`);

export function ensurePythonVenv(log = (line) => console.error(line)) {
  if (existsSync(VENV_MARKER)) return true;
  const started = Date.now();
  log(`set-up: installing ${PYTHON_PACKAGES.join(" ")} from PyPI into .cache/python (about 10 MB)…`);
  rmSync(VENV, { recursive: true, force: true });
  const steps = [
    ["/usr/bin/python3", ["-m", "venv", VENV]],
    [join(VENV, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", "--no-input", ...PYTHON_PACKAGES]],
    [join(VENV, "bin", "python"), ["-c", "import onelogin.saml2.auth, xmlsec"]],
  ];
  for (const [command, args] of steps) {
    const run = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (run.status !== 0) {
      log(`set-up: could not set up .cache/python (${command} ${args.slice(0, 2).join(" ")}: ${(run.stderr || run.error?.message || "").trim().split("\n").slice(-2).join(" ")}); falling back to Debian's python3-onelogin-saml2`);
      rmSync(VENV, { recursive: true, force: true });
      return false;
    }
  }
  writeFileSync(VENV_MARKER, `${new Date().toISOString()}\n`);
  log(`set-up: .cache/python ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const purpose = process.argv.find((arg) => arg.startsWith("--for="))?.slice("--for=".length) ?? "test";
  const started = performance.now();
  const code = ensureSystem(purpose === "start" ? "start" : "test");
  if (code === 0 && process.env.SAML_LENS_SETUP_QUIET === undefined) console.error(`set-up: ready (${(performance.now() - started).toFixed(0)} ms)`);
  process.exit(code);
}
