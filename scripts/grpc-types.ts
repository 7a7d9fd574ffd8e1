/**
 * Generates the TypeScript types of our protos into src/grpc/generated/ with @grpc/proto-loader's
 * `proto-loader-gen-types`, using the same loader options as src/grpc/protos.ts (so the types
 * describe exactly the objects the server decodes and encodes) over the same files.
 *
 *   bun scripts/grpc-types.ts           # regenerate src/grpc/generated/
 *   bun scripts/grpc-types.ts --check   # exit 1, naming the files, when src/grpc/generated/ is stale
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { LOADER_OPTIONS, PROTO_ROOT, protoFiles } from "../src/grpc/protos.ts";

const ROOT = resolve(import.meta.dir, "..");
const OUT = join(ROOT, "src/grpc/generated");
const README = "README.md";
const README_TEXT = `# Generated gRPC types

Generated, do not edit; regenerate with \`npm run grpc:types\` (CI runs
\`npm run grpc:types -- --check\` and fails when these files differ from the protos).

\`proto-loader-gen-types\` (from @grpc/proto-loader) over the files of \`proto/\` that
src/grpc/protos.ts loads, with the same loader options (keepCase, longs and enums as strings,
defaults, oneofs). The handlers in src/grpc/services/ are typed with the \`XxxServiceHandlers\`
interfaces found here.
`;

/** The generator's flags, spelt from LOADER_OPTIONS so the two cannot drift apart silently. */
function generatorFlags(outDir: string): string[] {
  const o = LOADER_OPTIONS;
  const flags: string[] = [];
  if (o.keepCase) flags.push("--keepCase");
  if (o.longs === String) flags.push("--longs=String");
  if (o.enums === String) flags.push("--enums=String");
  if (o.defaults) flags.push("--defaults");
  if (o.oneofs) flags.push("--oneofs");
  flags.push("--grpcLib=@grpc/grpc-js");
  for (const dir of o.includeDirs) flags.push(`--includeDirs=${relative(ROOT, dir) || "."}`);
  flags.push(`--outDir=${outDir}`);
  return flags;
}

function generate(outDir: string): void {
  const bin = join(ROOT, "node_modules/.bin/proto-loader-gen-types");
  if (!existsSync(bin)) throw new Error(`${bin} not found: run npm ci`);
  if (!LOADER_OPTIONS.includeDirs.includes(PROTO_ROOT)) {
    throw new Error("LOADER_OPTIONS.includeDirs must contain PROTO_ROOT");
  }
  const r = spawnSync(bin, [...generatorFlags(outDir), ...protoFiles()], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? "");
    process.stderr.write(r.stderr ?? "");
    throw new Error(`proto-loader-gen-types failed (exit ${r.status ?? r.signal})`);
  }
  writeFileSync(join(outDir, README), README_TEXT);
}

/** Files under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

function check(): number {
  const tmp = mkdtempSync(join(tmpdir(), "grpc-types-"));
  try {
    generate(tmp);
    const want = filesUnder(tmp);
    const have = filesUnder(OUT);
    const differing: string[] = [];
    for (const f of new Set([...want, ...have])) {
      const a = join(tmp, f);
      const b = join(OUT, f);
      if (!existsSync(a)) differing.push(`${f} (not generated any more)`);
      else if (!existsSync(b)) differing.push(`${f} (missing)`);
      else if (readFileSync(a, "utf8") !== readFileSync(b, "utf8"))
        differing.push(`${f} (differs)`);
    }
    if (differing.length === 0) {
      console.log(`src/grpc/generated is up to date (${want.length} files)`);
      return 0;
    }
    console.error("src/grpc/generated is stale; run `npm run grpc:types`. Files:");
    for (const f of differing.sort()) console.error(`  src/grpc/generated/${f}`);
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes("--check")) {
  process.exit(check());
} else {
  rmSync(OUT, { recursive: true, force: true });
  generate(OUT);
  console.log(`wrote ${filesUnder(OUT).length} files to ${relative(ROOT, OUT)}`);
}
