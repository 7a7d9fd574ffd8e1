/**
 * `npm run mutants [-- --ci] [-- --only a,b] [-- --keep] [-- --timeout 600]`: applies each mutant
 * of `test/mutants/mutants.ts` to its own scratch copy of the tree (`/tmp/mutants-<name>`: the
 * tracked and untracked-not-ignored files, `node_modules` symlinked; never the working tree), runs
 * the tests meant to kill it there (one `bun test --bail <file>` at a time, in order, each under a
 * timeout), and prints a table: mutant, guarantee, killed by which file and test, seconds.
 * Exits 1 when a mutant survives or its patch does not apply (search text not found exactly once).
 * A test run that times out counts as a kill (CI would fail too) and is marked so.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MUTANTS, type Mutant } from "./mutants.ts";

const ROOT = resolve(import.meta.dir, "../..");
const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const opt = (f: string) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
const ci = flag("--ci");
const keep = flag("--keep");
/** Run every listed test file, not only up to the first that kills (which files see it). */
const all = flag("--all");
/** In CI only the simulation, unit and conformance tests run (fast, no processes or browsers). */
const CI_TESTS = /^test\/(sim|unit|conformance)\//;
const only = opt("--only")?.split(",");
const timeoutS = Number(opt("--timeout") ?? 600);

interface Row {
  name: string;
  guarantee: string;
  status: "killed" | "SURVIVED" | "PATCH ERROR";
  by: string;
  /** The killing test's first error line (so a kill for an unrelated reason shows). */
  reason: string;
  seconds: number;
}

function copyTree(dest: string): void {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const r = spawnSync(
    "bash",
    [
      "-c",
      `if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null
      else
        tar --exclude=./node_modules --exclude=./.git -cf - .
      fi | tar -xf - -C "$1"`,
      "copy",
      dest,
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
  if (r.status !== 0) throw new Error(`copying the tree to ${dest} failed`);
  symlinkSync(join(ROOT, "node_modules"), join(dest, "node_modules"));
}

function applyPatch(dir: string, m: Mutant): string | undefined {
  const path = join(dir, m.file);
  if (!existsSync(path)) return `${m.file} does not exist`;
  const src = readFileSync(path, "utf8");
  const count = src.split(m.search).length - 1;
  if (count !== 1) return `search text found ${count} times in ${m.file} (must be exactly once)`;
  writeFileSync(
    path,
    src.replace(m.search, () => m.replace),
  );
  return undefined;
}

/** The first failing test's name in bun's output, if any. */
function failedTest(out: string): string | undefined {
  const line = out.split("\n").find((l) => l.startsWith("(fail) "));
  return line
    ?.slice(7)
    .replace(/ \[[\d.]+m?s\]$/, "")
    .trim();
}

/** The first `error:` line of bun's output, shortened. */
function firstError(out: string): string {
  const line = out.split("\n").find((l) => l.startsWith("error: ")) ?? "";
  const s = line.slice(7).replace(/\|/g, "/").trim();
  return s.length > 140 ? `${s.slice(0, 137)}...` : s;
}

function runMutant(m: Mutant): Row {
  const dir = `/tmp/mutants-${m.name}`;
  const started = performance.now();
  const row = (status: Row["status"], by: string, reason = ""): Row => ({
    name: m.name,
    guarantee: m.guarantee,
    status,
    by,
    reason,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  });
  copyTree(dir);
  try {
    const err = applyPatch(dir, m);
    if (err) return row("PATCH ERROR", err);
    const kills: { by: string; reason: string }[] = [];
    for (const file of m.tests.filter((f) => !ci || CI_TESTS.test(f))) {
      const r = spawnSync(
        "timeout",
        [
          "-k",
          "10",
          String(timeoutS),
          process.execPath,
          "--max-http-header-size=262144",
          "test",
          "--bail",
          file,
        ],
        {
          cwd: dir,
          env: { ...process.env, ...m.env, FORCE_COLOR: "0", NO_COLOR: "1" },
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      if (r.status === 0) continue;
      const out = `${r.stdout}\n${r.stderr}`;
      const name = failedTest(out);
      if (r.status === 124 || r.status === 137)
        kills.push({ by: `${file} (timed out)`, reason: "" });
      else {
        kills.push({
          by: name ? `${file}: ${name}` : `${file} (exit ${r.status})`,
          reason: firstError(out),
        });
      }
      if (!all) break;
    }
    if (kills.length === 0) return row("SURVIVED", `none of ${m.tests.join(", ")}`);
    return row("killed", kills.map((k) => k.by).join("; "), kills.map((k) => k.reason).join("; "));
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const selected = MUTANTS.filter((m) => (!ci || m.ci) && (!only || only.includes(m.name)));
if (only) {
  const unknown = only.filter((n) => !MUTANTS.some((m) => m.name === n));
  if (unknown.length > 0) throw new Error(`unknown mutants: ${unknown.join(", ")}`);
}
console.log(`mutants: ${selected.length}${ci ? " (CI subset)" : ""}, scratch copies under /tmp`);
const rows: Row[] = [];
const t0 = performance.now();
for (const m of selected) {
  const r = runMutant(m);
  rows.push(r);
  console.log(`${r.status.padEnd(11)} ${r.name} (${r.seconds} s): ${r.by}`);
  if (r.reason) console.log(`            ${r.reason}`);
}
const total = Math.round((performance.now() - t0) / 1000);
console.log(
  "\n| Mutant | Guarantee | Result | Killed by | Failure | Seconds |\n|---|---|---|---|---|---|",
);
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.guarantee} | ${r.status} | ${r.by} | ${r.reason} | ${r.seconds} |`,
  );
}
const bad = rows.filter((r) => r.status !== "killed");
console.log(`\n${rows.length - bad.length}/${rows.length} killed in ${total} s`);
if (bad.length > 0) {
  console.log(`not killed: ${bad.map((r) => r.name).join(", ")}`);
  process.exit(1);
}
