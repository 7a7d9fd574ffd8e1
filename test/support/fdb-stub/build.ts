/**
 * Compiles the libfdb_c stand-in (fdb_c_stub.c) with the machine's C compiler, for the FFI tests.
 * Returns the library path, or `{ skip }` with the reason when no compiler is installed (CI
 * installs gcc in .ci/run). Each variant is its own file, so each is its own library instance
 * (own process-wide state) when loaded into the same test process.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SOURCE = join(import.meta.dir, "fdb_c_stub.c");
let dir: string | undefined;

export function findCompiler(): string | undefined {
  return ["/usr/bin/cc", Bun.which("cc"), Bun.which("gcc"), Bun.which("clang")].find(
    (c): c is string => typeof c === "string" && Bun.file(c).size > 0,
  );
}

export type StubBuild = { path: string } | { skip: string };

/** Builds the stub as `lib<name>.so` (`defines` like ["STUB_MAX_API_VERSION=710"]). */
export function buildFdbStub(name: string, defines: string[] = []): StubBuild {
  const cc = findCompiler();
  if (!cc) return { skip: "no C compiler (cc) on this machine: install gcc to run the FFI tests" };
  dir ??= mkdtempSync(join(tmpdir(), "fdb-stub-"));
  const path = join(dir, `lib${name}.${process.platform === "darwin" ? "dylib" : "so"}`);
  const args = [cc, "-shared", "-fPIC", "-O1", "-pthread", ...defines.map((d) => `-D${d}`)];
  const r = Bun.spawnSync([...args, "-o", path, SOURCE], { stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`compiling the fdb stub failed: ${r.stderr.toString()}`);
  return { path };
}
