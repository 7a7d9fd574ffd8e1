/**
 * The stable error codes a client can see, by HTTP status, read from the code itself: every
 * catalog declared with `defineErrors()` (src/lib/errors.ts and each feature's catalog) and every
 * `new AppError("CODE", "kind", ...)` written with literal code and kind. Catalog modules are
 * found by scanning `src/` and `actors/` for `defineErrors(`, so a new feature's catalog (or one
 * that moved) is picked up without a list to keep. Statuses come from the one `KIND_STATUS` table.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ErrorKind, KIND_STATUS } from "../../lib/errors.ts";

const ROOT = resolve(import.meta.dir, "../../..");
const SCAN_DIRS = ["src", "actors"];
const LITERAL_APP_ERROR = /new AppError\(\s*"([A-Z][A-Z0-9_]*)",\s*"([a-z_]+)"/g;

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries.sort()) {
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function isKind(k: unknown): k is ErrorKind {
  return typeof k === "string" && Object.hasOwn(KIND_STATUS, k);
}

/** A `defineErrors()` result: an object with a `catalog` of `{kind, message}` entries. */
function catalogOf(value: unknown): Record<string, { kind: ErrorKind }> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const catalog = (value as { catalog?: unknown }).catalog;
  if (typeof catalog !== "object" || catalog === null) return undefined;
  const entries = Object.values(catalog);
  if (entries.length === 0) return undefined;
  const ok = entries.every((e) => typeof e === "object" && e !== null && isKind(e.kind));
  return ok ? (catalog as Record<string, { kind: ErrorKind }>) : undefined;
}

/** Every known code with its HTTP status, sorted by code. */
export async function loadErrorCodes(root: string = ROOT): Promise<Map<string, Set<number>>> {
  const byCode = new Map<string, Set<number>>();
  const add = (code: string, kind: ErrorKind) => {
    const statuses = byCode.get(code) ?? new Set<number>();
    statuses.add(KIND_STATUS[kind].http);
    byCode.set(code, statuses);
  };
  for (const file of SCAN_DIRS.flatMap((d) => sourceFiles(join(root, d)))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(LITERAL_APP_ERROR)) {
      if (isKind(m[2])) add(m[1] as string, m[2]);
    }
    if (!text.includes("defineErrors(")) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const catalog = catalogOf(value);
      if (!catalog) continue;
      for (const [code, entry] of Object.entries(catalog)) add(code, entry.kind);
    }
  }
  return new Map([...byCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Status → sorted codes that map to it. */
export function codesByStatus(codes: Map<string, Set<number>>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [code, statuses] of codes) {
    for (const s of statuses) {
      const list = out.get(s) ?? [];
      list.push(code);
      out.set(s, list);
    }
  }
  for (const list of out.values()) list.sort();
  return new Map([...out].sort(([a], [b]) => a - b));
}
