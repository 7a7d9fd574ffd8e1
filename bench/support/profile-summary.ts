/**
 * Summarises a `.cpuprofile` (Chrome DevTools format, as `bun --cpu-prof` writes it): self and
 * inclusive share of samples by function (`name url:line`), the idle and program samples left out
 * of the shares. Usage: `bun bench/support/profile-summary.ts <file.cpuprofile> [rows] [filter]`;
 * with `filter`, only samples whose stack holds a function matching it count (e.g. `handle` for
 * the request path, leaving start-up out). `PROFILE_DROP=name,…` leaves out samples whose leaf is one
 * of those functions: the sampler over-counts system calls (`readSync` of the WAL-index header took a
 * third of the samples of an org read, timed at 0.5 µs a call, about 1 µs of ~45 µs a request).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const [file, rowsArg, filter] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [rows] [filter]");
const rows = Number(rowsArg ?? 40);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map<number, ProfileNode>();
const parent = new Map<number, number>();
for (const n of profile.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}
const label = (n: ProfileNode) => {
  const f = n.callFrame;
  const where = f.url
    ? `${f.url.replace(/^.*\/(src|actors|node_modules)\//, "$1/")}:${f.lineNumber + 1}`
    : "native";
  return `${f.functionName || "(anonymous)"} ${where}`;
};
const skip = new Set(["(idle)", "(program)", "(garbage collector)"]);
const drop = new Set((process.env.PROFILE_DROP ?? "").split(",").filter(Boolean));
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let counted = 0;
let gc = 0;
for (const id of profile.samples) {
  const leaf = byId.get(id);
  if (!leaf || skip.has(leaf.callFrame.functionName) || drop.has(leaf.callFrame.functionName)) {
    if (leaf?.callFrame.functionName === "(garbage collector)") gc++;
    continue;
  }
  const stack: string[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (n && n.callFrame.functionName !== "(root)") stack.push(label(n));
  }
  if (filter && !stack.some((s) => s.includes(filter))) continue;
  counted++;
  self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + 1);
  for (const s of new Set(stack)) inclusive.set(s, (inclusive.get(s) ?? 0) + 1);
}
const pct = (n: number) => ((100 * n) / Math.max(1, counted)).toFixed(1).padStart(5);
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, rows);
console.log(`${counted} samples counted (${profile.samples.length} in all, ${gc} in GC)`);
console.log("\nself %  function");
for (const [k, v] of top(self)) console.log(`${pct(v)}  ${k}`);
console.log("\ninclusive %  function");
for (const [k, v] of top(inclusive)) console.log(`${pct(v)}  ${k}`);
