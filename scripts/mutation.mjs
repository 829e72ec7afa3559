// `npm run mutation [-- --mutate "src/core/rules/**/*.ts"]`: Stryker over src/core with the unit tests (not part of
// `npm test`: it takes long), then the mutation score per folder, as the README reports it. The score is Stryker's:
// (killed + timed out) / (killed + timed out + survived + not covered). Survivors are listed in
// .cache/mutation/report.json and in Stryker's own output above the table.
//
// `--sample 0.08 [--seed 1] [--folders src/core/saml,src/core/har]`: instead of every mutant, those on a seeded random
// sample of the folders' code lines (each line kept with that probability), and the score per folder estimated from them
// with a 95 % interval — minutes instead of hours for a first look at code never measured. A sample run leaves the
// merged table of full measurements alone.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "./seeded-random.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const report = join(root, ".cache/mutation/report.json");
// Each run covers the files it was given (`--mutate`); the table is over every file any run measured, the newest run of
// each file winning, so a long measurement can be done one group of files at a time.
const merged = join(root, ".cache/mutation/merged-report.json");
const FOLDERS = ["src/core/rules", "src/core/client-check", "src/core/saml/signature", "src/core/presets", "src/core"];

/** The value after `--name` (or in `--name=value`), removed from `args`. */
function option(args, name) {
  const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (at < 0) return undefined;
  const arg = args[at];
  if (arg.includes("=")) {
    args.splice(at, 1);
    return arg.slice(arg.indexOf("=") + 1);
  }
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
}

function typeScriptFiles(folder) {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? typeScriptFiles(`${folder}/${entry.name}`) : entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [`${folder}/${entry.name}`] : [],
  );
}

/** `file:line-line` for each code line kept (not blank, not a comment, not an import), each with probability `fraction`. */
function sampledLines(folders, fraction, seed) {
  const next = seededRandom(seed);
  const ranges = [];
  for (const file of folders.flatMap(typeScriptFiles).sort()) {
    readFileSync(join(root, file), "utf8")
      .split("\n")
      .forEach((line, index) => {
        const code = line.trim();
        if (code === "" || /^(\/\/|\/\*|\*|import\b)/.test(code)) return;
        if (next() < fraction) ranges.push(`${file}:${index + 1}-${index + 1}`);
      });
  }
  return ranges;
}

const args = process.argv.slice(2);
const fraction = option(args, "sample");
const sample =
  fraction === undefined
    ? undefined
    : { fraction: Number(fraction), seed: Number(option(args, "seed") ?? 1), folders: (option(args, "folders") ?? "src/core").split(",").map((folder) => folder.replace(/\/+$/, "")) };
if (sample !== undefined && !(sample.fraction > 0 && sample.fraction <= 1)) {
  console.error(`--sample takes a fraction of the lines, between 0 and 1 (got ${fraction})`);
  process.exit(2);
}

if (!args.includes("--report-only")) {
  if (sample !== undefined) {
    const ranges = sampledLines(sample.folders, sample.fraction, sample.seed);
    console.log(`mutation: a sample of ${ranges.length} code lines (${sample.fraction} of ${sample.folders.join(", ")}, seed ${sample.seed})`);
    // Every unit test covers something sampled, so the first run (with coverage) is the whole suite: allow it time.
    args.push("--mutate", ranges.join(","), "--dryRunTimeoutMinutes", "30");
  }
  // The sandbox has no .cache: the unit tests reach Sentry's python3-saml in the project's own virtual environment.
  const python = join(root, ".cache/python/bin/python");
  // Python's answers depend on the script and its input only, so each is computed once for all mutants
  // (test/support/python.ts runPython).
  const env = {
    ...process.env,
    ...(existsSync(python) && !process.env.SAML_LENS_PYTHON ? { SAML_LENS_PYTHON: python } : {}),
    SAML_LENS_SOURCE_ROOT: root,
    SAML_LENS_PYTHON_MEMO: process.env.SAML_LENS_PYTHON_MEMO ?? join(root, ".cache/mutation/python-memo"),
  };
  const run = spawnSync(join(root, "node_modules/.bin/stryker"), ["run", ...args], { cwd: root, stdio: "inherit", env });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const relativeOf = (path) => (path.startsWith(root) ? path.slice(root.length + 1) : path);
const filesOf = (path) => (existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")).files ?? {}) : {});
// A sample is read alone; a full run joins the merged table.
const files = sample === undefined ? filesOf(merged) : {};
if (!args.includes("--report-only")) {
  for (const [path, file] of Object.entries(filesOf(report))) files[relativeOf(path)] = file;
  if (sample === undefined) writeFileSync(merged, JSON.stringify({ files }));
}
if (Object.keys(files).length === 0) {
  console.error(`No report at ${report}`);
  process.exit(1);
}

/** Wilson's 95 % interval for `killed` of `all` (the sample's mutants taken as independent), in percent. */
function interval(killed, all) {
  const z = 1.96;
  const p = killed / all;
  const centre = (p + (z * z) / (2 * all)) / (1 + (z * z) / all);
  const half = (z * Math.sqrt((p * (1 - p)) / all + (z * z) / (4 * all * all))) / (1 + (z * z) / all);
  return `${(100 * Math.max(0, centre - half)).toFixed(1)}–${(100 * Math.min(1, centre + half)).toFixed(1)} %`;
}

const folders = sample === undefined ? FOLDERS : [...new Set([...sample.folders.flatMap((folder) => [folder, ...subfolders(folder)]), ...sample.folders])];
function subfolders(folder) {
  return readdirSync(join(root, folder), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `${folder}/${entry.name}`);
}
console.log(`\n${sample === undefined ? "" : "sample estimate: "}folder | mutants | killed | survived | no coverage | score${sample === undefined ? "" : " | 95 % interval"}`);
console.log(`---|---|---|---|---|---${sample === undefined ? "" : "|---"}`);
for (const folder of folders) {
  const counts = { killed: 0, survived: 0, noCoverage: 0, all: 0 };
  for (const [path, file] of Object.entries(files)) {
    if (!relativeOf(path).startsWith(`${folder}/`)) continue;
    for (const mutant of file.mutants ?? []) {
      if (mutant.status === "Killed" || mutant.status === "Timeout") counts.killed += 1;
      else if (mutant.status === "Survived") counts.survived += 1;
      else if (mutant.status === "NoCoverage") counts.noCoverage += 1;
      else continue;
      counts.all += 1;
    }
  }
  if (counts.all === 0) continue;
  const score = ((100 * counts.killed) / counts.all).toFixed(1);
  console.log(`${folder} | ${counts.all} | ${counts.killed} | ${counts.survived} | ${counts.noCoverage} | ${score} %${sample === undefined ? "" : ` | ${interval(counts.killed, counts.all)}`}`);
}

// Every mutant still alive, one line each (`file:line:column mutator: original → replacement`), newest run of each file
// winning: what docs/mutation-survivors.md must explain or a new test must kill. `.cache/` does not outlive a machine,
// so this list is what to keep from a long run.
const survivors = [];
for (const [path, file] of Object.entries(files)) {
  const lines = (file.source ?? "").split("\n");
  for (const mutant of file.mutants ?? []) {
    if (mutant.status !== "Survived" && mutant.status !== "NoCoverage") continue;
    const { start, end } = mutant.location;
    const original =
      start.line === end.line ? (lines[start.line - 1] ?? "").slice(start.column - 1, end.column - 1) : `${(lines[start.line - 1] ?? "").slice(start.column - 1)}…`;
    const short = (text) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}…` : text);
    survivors.push(`${relativeOf(path)}:${start.line}:${start.column} ${mutant.mutatorName}${mutant.status === "NoCoverage" ? " (no coverage)" : ""}: ${short(original)} → ${short(mutant.replacement ?? "")}`);
  }
}
survivors.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
const survivorsFile = join(root, `.cache/mutation/${sample === undefined ? "survivors" : `sample-${sample.seed}-survivors`}.txt`);
writeFileSync(survivorsFile, `${survivors.join("\n")}\n`);
console.log(`\n${survivors.length} mutants alive, one per line: ${relativeOf(survivorsFile)}`);
