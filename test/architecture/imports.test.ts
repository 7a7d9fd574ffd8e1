/**
 * Layer rules (design/architecture.md §7, conventions "Direction of imports"), checked over the
 * whole tree so new files are covered as they appear:
 * - `src/http` and `src/grpc` never import each other, the KV layer's construction side
 *   (`src/kv/backends`, `src/kv/open`, `src/kv/store`) or domain repositories (`src/domain/x/repo*`);
 * - `src/domain` imports no framework or transport (Elysia, gRPC, nodemailer, prom-client, XState,
 *   bun:sqlite, FoundationDB) and nothing above it (http, grpc, services, runtime, actors);
 * - XState only in machine modules (`src/domain/<feature>/machine.ts` or `…/<name>-machine.ts`,
 *   e.g. `src/domain/vaults/sync-machine.ts`), the cluster layer (leader
 *   election) and the runtime's persistence helpers (`src/runtime/define.ts`);
 * - `src/runtime` and `src/cluster` never import `actors/` or anything above them: the runtime gets
 *   its actor definitions from `src/main.ts`;
 * - `actors/` never imports services or transports; services never import transports;
 * - production code never imports tests, fixtures or benchmarks;
 * - only `src/main.ts` (and the KV layer itself) constructs KV backends in production code;
 * - lower layers never import upper ones (`src/lib` and `src/config` are leaves; `src/kv` imports
 *   only leaves);
 * - no wall-clock reads or raw timers (`Date.now()`, `new Date()`, `performance.now()`,
 *   `setTimeout`, `setInterval`) in `src/domain`, `src/cluster`, `src/runtime` and `actors/`:
 *   time comes from the injected `Clock`.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
const CODE = /\.(ts|tsx|mts|js|mjs)$/;

function walk(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(join(ROOT, dir));
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out = out.concat(walk(rel));
    else if (CODE.test(name)) out.push(rel);
  }
  return out;
}

/** Removes comments (so documentation may mention forbidden names) but keeps strings. */
export function stripComments(src: string): string {
  let out = "";
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === "/" && n === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && n === "*") {
      i += 2;
      while (i < src.length && !(src[i] === "*" && src[i + 1] === "/")) i++;
      i += 2;
    } else if (c === '"' || c === "'" || c === "`") {
      const q = c;
      out += src[i++];
      while (i < src.length && src[i] !== q) {
        if (src[i] === "\\") out += src[i++];
        out += src[i++];
      }
      out += src[i++] ?? "";
    } else out += src[i++];
  }
  return out;
}

const IMPORT_RE =
  /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Import specifiers of a file: relative ones resolved to repo paths (no extension), bare ones as is. */
export function importsOf(file: string, src: string): string[] {
  const out: string[] = [];
  for (const m of stripComments(src).matchAll(IMPORT_RE)) {
    const spec = (m[1] ?? m[2]) as string;
    if (spec.startsWith(".")) {
      out.push(relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(ts|js)$/, ""));
    } else out.push(spec);
  }
  return out;
}

interface Rule {
  name: string;
  /** Files the rule applies to. */
  from: RegExp;
  /** Forbidden import targets (repo paths without extension, or package names). */
  forbid: RegExp;
  /** Files exempt from the rule. */
  except?: RegExp;
}

const RULES: Rule[] = [
  { name: "http must not import grpc", from: /^src\/http\//, forbid: /^src\/grpc(\/|$)/ },
  { name: "grpc must not import http", from: /^src\/grpc\//, forbid: /^src\/http(\/|$)/ },
  {
    name: "transports must not reach KV construction or domain repos",
    from: /^src\/(http|grpc)\//,
    forbid:
      /^src\/kv\/(backends|open|store)(\/|$)|^src\/domain\/[^/]+\/repo|^bun:sqlite$|^foundationdb$/,
  },
  {
    name: "domain must not import frameworks or upper layers",
    from: /^src\/domain\//,
    forbid:
      /^(elysia|@grpc\/.*|nodemailer|prom-client|bun:sqlite|foundationdb)$|^src\/(http|grpc|services|runtime|main)(\/|$)|^actors\//,
  },
  {
    name: "XState only in machine modules",
    from: /^(src|actors)\//,
    forbid: /^xstate$/,
    except:
      /^src\/domain\/[^/]+\/([a-z0-9]+-)*machine\.ts$|^src\/cluster\/|^src\/runtime\/define\.ts$/,
  },
  {
    name: "runtime and cluster never import actors or upper layers",
    from: /^src\/(runtime|cluster)\//,
    forbid: /^actors\/|^src\/(services|http|grpc|email|domain|crypto|main)(\/|$)/,
  },
  {
    name: "actors never import services or transports",
    from: /^actors\//,
    forbid: /^src\/(services|http|grpc|main)(\/|$)/,
  },
  {
    name: "services never import transports",
    from: /^src\/services\//,
    forbid: /^src\/(http|grpc)(\/|$)|^elysia$|^@grpc\//,
  },
  {
    name: "production code never imports tests or benchmarks",
    from: /^(src|actors)\//,
    forbid: /^(test|bench)\//,
  },
  {
    name: "only main.ts and the KV layer construct KV backends",
    from: /^(src|actors)\//,
    forbid: /^src\/kv\/(backends\/|open$)|^bun:sqlite$|^foundationdb$/,
    except: /^src\/main\.ts$|^src\/kv\//,
  },
  {
    name: "lib and config are leaves",
    from: /^src\/(lib|config)\//,
    forbid: /^src\/(?!lib\/|config\/)|^actors\//,
  },
  {
    name: "kv imports only leaves",
    from: /^src\/kv\//,
    forbid: /^src\/(?!lib\/|kv\/)|^actors\//,
  },
  {
    name: "nothing imports the composition root",
    from: /^(src|actors)\//,
    forbid: /^src\/main$/,
  },
];

const TIME_SCOPE = /^(src\/(domain|cluster|runtime)|actors)\//;
const TIME_RE =
  /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|\bperformance\.now\s*\(|\bset(Timeout|Interval|Immediate)\s*\(/;

const files = [...walk("src"), ...walk("actors")];

describe("architecture", () => {
  test("the tree has code to check", () => {
    expect(files).toContain("src/main.ts");
    expect(files.length).toBeGreaterThan(10);
  });

  test("the runtime rule would catch an import of actors/", () => {
    const rule = RULES.find((r) => r.name.startsWith("runtime and cluster"));
    const targets = importsOf(
      "src/runtime/runtime.ts",
      `import { a } from "../../actors/registry.ts";`,
    );
    expect(targets.some((t) => rule?.forbid.test(t))).toBe(true);
  });

  test("the import scanner sees every form of import", () => {
    const src = `import a from "./x.ts";\nimport type { B } from '../y';\nexport * from "./z.ts";\nconst m = await import("elysia");\n// import nope from "./commented";\n`;
    expect(importsOf("src/http/app.ts", src)).toEqual([
      "src/http/x",
      "src/y",
      "src/http/z",
      "elysia",
    ]);
  });

  for (const rule of RULES) {
    test(rule.name, () => {
      const violations: string[] = [];
      for (const file of files) {
        if (!rule.from.test(file) || rule.except?.test(file)) continue;
        for (const target of importsOf(file, readFileSync(join(ROOT, file), "utf8"))) {
          if (rule.forbid.test(target)) violations.push(`${file} imports ${target}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  test("no wall clock or raw timers in domain, cluster, runtime and actors", () => {
    const violations: string[] = [];
    for (const file of files.filter((f) => TIME_SCOPE.test(f))) {
      const lines = stripComments(readFileSync(join(ROOT, file), "utf8")).split("\n");
      lines.forEach((line, i) => {
        if (TIME_RE.test(line)) violations.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(violations).toEqual([]);
  });

  test("the time rule catches what it should", () => {
    for (const bad of [
      "Date.now()",
      "new Date()",
      "performance.now()",
      "setTimeout(f, 1)",
      "setInterval(f)",
    ]) {
      expect(TIME_RE.test(bad)).toBe(true);
    }
    for (const ok of [
      "new Date(ms)",
      "clock.now()",
      "clock.sleep(5)",
      '"Date.now()"'.slice(1, 1),
    ]) {
      expect(TIME_RE.test(ok)).toBe(false);
    }
  });
});
