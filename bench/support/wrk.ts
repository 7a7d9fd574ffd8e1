/**
 * Load from wrk (Debian's `wrk`, a C load generator in its own process: it needs far less CPU per
 * request than autocannon, which matters on two cores). Requests are GETs with fixed headers, or,
 * with `lua`, whatever the script's `request()` builds (bench/routes.ts varies write bodies that
 * way). `wrkAvailable()` says whether it is on PATH; the benches fall back to autocannon.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function wrkAvailable(): boolean {
  return Bun.which("wrk") !== null;
}

export interface WrkResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface WrkOptions {
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** A Lua script (wrk's `request`, `response` hooks) run in every wrk thread. */
  lua?: string;
}

const dir = mkdtempSync(join(tmpdir(), "inferadb-wrk-"));
let scripts = 0;

/** Milliseconds of a wrk latency figure (`812.00us`, `1.20ms`, `2.01s`). */
function ms(figure: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(figure.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : n * 60_000;
}

export async function wrk(url: string, opts: WrkOptions): Promise<WrkResult> {
  const args = [
    "wrk",
    "-t1",
    `-c${opts.connections}`,
    `-d${opts.seconds}s`,
    "--latency",
    "--timeout",
    "10s",
  ];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push("-H", `${k}: ${v}`);
  if (opts.lua) {
    const file = join(dir, `s${scripts++}.lua`);
    writeFileSync(file, opts.lua);
    args.push("-s", file);
  }
  args.push(url);
  const child = Bun.spawn(args, { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) throw new Error(`wrk failed (${code}): ${err}${out}`);
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const requests = num(/(\d+) requests in/);
  const errorsLine = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    out,
  );
  const errors = errorsLine ? errorsLine.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    requests,
    p50: ms(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ""),
    p99: ms(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ""),
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    errors,
  };
}
