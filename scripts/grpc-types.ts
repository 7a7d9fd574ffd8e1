/**
 * Generates the TypeScript types of our protos into src/grpc/generated/ with @grpc/proto-loader's
 * `proto-loader-gen-types`, using the same loader options as src/grpc/protos.ts (so the types
 * describe exactly the objects the server decodes and encodes) over the same files; and those of
 * the engine's proto (the client side, src/engine/protos.ts) into src/engine/generated/.
 *
 *   bun scripts/grpc-types.ts           # regenerate src/grpc/generated/ and src/engine/generated/
 *   bun scripts/grpc-types.ts --check   # exit 1, naming the files, when either is stale
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import {
  ENGINE_LOADER_OPTIONS,
  ENGINE_PROTO_ROOT,
  engineProtoFiles,
} from "../src/engine/protos.ts";
import { LOADER_OPTIONS, PROTO_ROOT, protoFiles } from "../src/grpc/protos.ts";

const ROOT = resolve(import.meta.dir, "..");
const README = "README.md";
const SERVER_README = `# Generated gRPC types

Generated, do not edit; regenerate with \`npm run grpc:types\` (CI runs
\`npm run grpc:types -- --check\` and fails when these files differ from the protos).

\`proto-loader-gen-types\` (from @grpc/proto-loader) over the files of \`proto/\` that
src/grpc/protos.ts loads, with the same loader options (keepCase, longs and enums as strings,
defaults, oneofs). The handlers in src/grpc/services/ are typed with the \`XxxServiceHandlers\`
interfaces found here.
`;
const ENGINE_README = `# Generated gRPC types of the engine proto

Generated, do not edit; regenerate with \`npm run grpc:types\` (CI runs
\`npm run grpc:types -- --check\` and fails when these files differ from the protos).

\`proto-loader-gen-types\` over \`proto/inferadb/engine/v1/\` (the client side: src/engine/protos.ts
loads it with the same loader options as the server's). src/engine/client.ts and
test/support/engine.ts are typed with the types found here.
`;

type LoaderOptions = typeof LOADER_OPTIONS;

/** One generated directory: its proto files, the loader options they are loaded with, a README. */
interface Target {
  out: string;
  files: () => string[];
  options: LoaderOptions;
  protoRoot: string;
  readme: string;
}

const TARGETS: Target[] = [
  {
    out: "src/grpc/generated",
    files: protoFiles,
    options: LOADER_OPTIONS,
    protoRoot: PROTO_ROOT,
    readme: SERVER_README,
  },
  {
    out: "src/engine/generated",
    files: engineProtoFiles,
    options: ENGINE_LOADER_OPTIONS,
    protoRoot: ENGINE_PROTO_ROOT,
    readme: ENGINE_README,
  },
];

/** The generator's flags, spelt from the loader options so the two cannot drift apart silently. */
function generatorFlags(o: LoaderOptions, outDir: string): string[] {
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

function generate(target: Target, outDir: string): void {
  const bin = join(ROOT, "node_modules/.bin/proto-loader-gen-types");
  if (!existsSync(bin)) throw new Error(`${bin} not found: run npm ci`);
  if (!target.options.includeDirs.includes(target.protoRoot)) {
    throw new Error(`the loader options of ${target.out} must include their proto root`);
  }
  const r = spawnSync(bin, [...generatorFlags(target.options, outDir), ...target.files()], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? "");
    process.stderr.write(r.stderr ?? "");
    throw new Error(`proto-loader-gen-types failed (exit ${r.status ?? r.signal})`);
  }
  writeFileSync(join(outDir, README), target.readme);
}

/** Files under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

function check(target: Target): number {
  const OUT = join(ROOT, target.out);
  const tmp = mkdtempSync(join(tmpdir(), "grpc-types-"));
  try {
    generate(target, tmp);
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
      console.log(`${target.out} is up to date (${want.length} files)`);
      return 0;
    }
    console.error(`${target.out} is stale; run \`npm run grpc:types\`. Files:`);
    for (const f of differing.sort()) console.error(`  ${target.out}/${f}`);
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes("--check")) {
  let failed = 0;
  for (const target of TARGETS) failed |= check(target);
  process.exit(failed);
} else {
  for (const target of TARGETS) {
    const OUT = join(ROOT, target.out);
    rmSync(OUT, { recursive: true, force: true });
    generate(target, OUT);
    console.log(`wrote ${filesUnder(OUT).length} files to ${relative(ROOT, OUT)}`);
  }
}
