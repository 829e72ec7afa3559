// `npm run mutation [-- --mutate "src/core/rules/**/*.ts"]`: Stryker over src/core with the unit tests (not part of
// `npm test`: it takes long), then the mutation score per folder, as the README reports it. The score is Stryker's:
// (killed + timed out) / (killed + timed out + survived + not covered). Survivors are listed in
// .cache/mutation/report.json and in Stryker's own output above the table.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const report = join(root, ".cache/mutation/report.json");
// Each run covers the files it was given (`--mutate`); the table is over every file any run measured, the newest run of
// each file winning, so a long measurement can be done one group of files at a time.
const merged = join(root, ".cache/mutation/merged-report.json");
const FOLDERS = ["src/core/rules", "src/core/client-check", "src/core/saml/signature", "src/core/presets", "src/core"];

if (!process.argv.includes("--report-only")) {
  const args = process.argv.slice(2);
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
const files = filesOf(merged);
if (!process.argv.includes("--report-only")) {
  for (const [path, file] of Object.entries(filesOf(report))) files[relativeOf(path)] = file;
  writeFileSync(merged, JSON.stringify({ files }));
}
if (Object.keys(files).length === 0) {
  console.error(`No report at ${report}`);
  process.exit(1);
}
console.log("\nfolder | mutants | killed | survived | no coverage | score");
console.log("---|---|---|---|---|---");
for (const folder of FOLDERS) {
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
  console.log(`${folder} | ${counts.all} | ${counts.killed} | ${counts.survived} | ${counts.noCoverage} | ${score} %`);
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
const survivorsFile = join(root, ".cache/mutation/survivors.txt");
writeFileSync(survivorsFile, `${survivors.join("\n")}\n`);
console.log(`\n${survivors.length} mutants alive, one per line: ${relativeOf(survivorsFile)}`);
