/**
 * `npm start` leaves nothing behind: Ctrl-C (SIGINT to the terminal's whole process group), SIGTERM to node alone and
 * the browser going away each stop every process it started (the build watcher, the bench's servers, the Python SP,
 * every browser process) and remove its temporary files, in Chromium and in Firefox ESR.
 *
 * Each run gets a TMPDIR of its own, so "its temporary files" is everything that appears there, and "its processes"
 * is every descendant seen while it ran plus any process whose command line names that folder (Chromium's crash
 * handler leaves the tree).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { CHROMIUM, FIREFOX, ROOT, requireBrowser } from "./support/browsers.js";
import { requirePythonSaml } from "../harness/sp/index.js";

requireBrowser(CHROMIUM);
requireBrowser(FIREFOX);
requirePythonSaml();

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly args: string;
}

function processes(): Proc[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? "" }));
}

/** Every live process below `root`, and every process whose command line names `folder`. */
function ownedBy(root: number, folder: string): Proc[] {
  const all = processes();
  const owned = new Set<number>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const proc of all) {
      if (!owned.has(proc.pid) && owned.has(proc.ppid)) {
        owned.add(proc.pid);
        grew = true;
      }
    }
  }
  return all.filter((proc) => (owned.has(proc.pid) || proc.args.includes(folder)) && !proc.args.startsWith("ps "));
}

interface Demo {
  readonly child: ChildProcess;
  readonly tmp: string;
  readonly output: () => string;
  /** Every process seen belonging to the demo while it ran. */
  readonly seen: Map<number, string>;
  readonly exited: Promise<number | null>;
}

const running: Demo[] = [];

afterEach(() => {
  // A failed test must not leave its demo running for the next one.
  for (const demo of running.splice(0)) {
    for (const pid of demo.seen.keys()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    rmSync(demo.tmp, { recursive: true, force: true });
  }
});
// npm start's own build goes here, not into the dist/test the other browser tests (maybe running alongside) load.
const dist = mkdtempSync(join(tmpdir(), "saml-lens-start-dist-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

/** `wrapper`: a command `npm start` runs under, as `timeout -s INT 600` (it passes the terminal's Ctrl-C on once more). */
async function startDemo(browser: "chromium" | "firefox", wrapper: readonly string[] = []): Promise<Demo> {
  const tmp = mkdtempSync(join(tmpdir(), "saml-lens-start-"));
  const logFile = join(dist, `start-${browser}-${Date.now()}.log`);
  const log = openSync(logFile, "w");
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, SAML_LENS_DIST: dist };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  // Its own process group, as a terminal gives a foreground job: Ctrl-C reaches the whole group.
  const command = [...wrapper, process.execPath, "scripts/start.mjs", ...(browser === "firefox" ? ["--firefox"] : [])];
  const child = spawn(command[0] ?? "", command.slice(1), {
    cwd: ROOT,
    env,
    detached: true,
    // Into a file, as `npm start > demo.log` would: a pipe to this process behaves otherwise at exit.
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const output = () => readFileSync(logFile, "utf8");
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal === null ? null : -1))));
  const demo: Demo = { child, tmp, output, seen: new Map(), exited };
  running.push(demo);
  const deadline = Date.now() + 100_000;
  while (!output().includes("Ctrl-C stops everything.")) {
    if (child.exitCode !== null) throw new Error(`npm start ended early (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up within 100 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The tree settles (renderers, the watcher's esbuild service) before it is recorded.
  for (let i = 0; i < 6; i++) {
    for (const proc of ownedBy(child.pid ?? -1, tmp)) demo.seen.set(proc.pid, proc.args);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return demo;
}

async function expectNothingLeft(demo: Demo, browserName: RegExp): Promise<void> {
  const code = await Promise.race([demo.exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 90_000))]);
  // The first line of each message says what was checked (a failure report may show only that line).
  expect(code, `npm start's exit code ("hung": still running 90 s after the signal); its output:\n${demo.output()}`).toBe(0);
  const seen = [...demo.seen.values()];
  // What was recorded is the whole demo: the browser, the Python SP, the build watcher.
  expect(seen.some((args) => browserName.test(args)), `the browser among the demo's processes:\n${seen.join("\n")}`).toBe(true);
  expect(seen.some((args) => /sentry_sp\.py/.test(args)), `the Python SP among the demo's processes:\n${seen.join("\n")}`).toBe(true);
  expect(seen.some((args) => /build\.mjs --watch/.test(args)), `the build watcher among the demo's processes:\n${seen.join("\n")}`).toBe(true);
  // Processes may take a moment to reap after their parent exits.
  await expect
    .poll(() => {
      const live = new Set(processes().map((proc) => proc.pid));
      return [...demo.seen].filter(([pid]) => live.has(pid)).map(([pid, args]) => `${pid} ${args}`);
    })
    .toEqual([]);
  expect(ownedBy(-1, demo.tmp).map((proc) => `${proc.pid} ${proc.args}`), "processes naming the demo's temporary folder").toEqual([]);
  expect(readdirSync(demo.tmp), "what is left in the demo's temporary folder").toEqual([]);
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(demo.output())?.[0];
  expect(url, `the bench's URL in npm start's output:\n${demo.output()}`).toBeDefined();
  await expect(fetch(url ?? "")).rejects.toThrow();
}

const BROWSERS = [
  { name: "chromium" as const, process: /chromium/ },
  { name: "firefox" as const, process: /firefox/ },
];

describe.each(BROWSERS)("npm start with $name", ({ name, process: browserProcess }) => {
  it("Ctrl-C stops everything it started and removes its temporary files", async () => {
    const demo = await startDemo(name);
    process.kill(-(demo.child.pid ?? 0), "SIGINT");
    await expectNothingLeft(demo, browserProcess);
  });

  it("Ctrl-C under a wrapper that passes it on again (timeout) still removes everything", async () => {
    // The signal arrives twice and the browser and the bench's sockets close while the clean-up runs: Node used to
    // find its event loop empty and exit (code 0) before removing the profile — a race: without the fix in
    // test/harness/start.ts this test failed in one Chromium run of four here, by hand in about one run of two.
    const demo = await startDemo(name, ["timeout", "-s", "INT", "600"]);
    process.kill(-(demo.child.pid ?? 0), "SIGINT");
    await expectNothingLeft(demo, browserProcess);
  });

  it("SIGTERM to node alone stops everything it started and removes its temporary files", async () => {
    const demo = await startDemo(name);
    demo.child.kill("SIGTERM");
    await expectNothingLeft(demo, browserProcess);
  });

  it("the browser going away (its window closed) stops everything else", async () => {
    const demo = await startDemo(name);
    // The browser's main process: the one whose parent is not itself a browser process.
    const browserPids = new Set([...demo.seen].filter(([, args]) => browserProcess.test(args)).map(([pid]) => pid));
    const main = processes().find((proc) => browserPids.has(proc.pid) && !browserPids.has(proc.ppid));
    expect(main, [...demo.seen.values()].join("\n")).toBeDefined();
    // SIGTERM is how the desktop closes a browser's last window on logout; both browsers close as on a window close.
    process.kill(main?.pid ?? 0, "SIGTERM");
    await expectNothingLeft(demo, browserProcess);
  });
});
