/**
 * Load generation for the HTTP benchmarks: autocannon run by the real Node.js binary in its own
 * process (so it never shares the server's event loop), its JSON summary reduced to what the
 * benchmarks print.
 */
import { existsSync, realpathSync } from "node:fs";
import { join } from "node:path";

const AUTOCANNON = join(import.meta.dir, "../../node_modules/autocannon/autocannon.js");

/** The real Node.js binary: `bun run` puts a `node` shim that is Bun itself first on PATH. */
export function findNode(): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const candidate = join(dir, "node");
    try {
      if (!existsSync(candidate) || realpathSync(candidate).endsWith("bun")) continue;
      return candidate;
    } catch {
      // unreadable PATH entry
    }
  }
  throw new Error("the HTTP benchmarks need Node.js on PATH to run autocannon");
}

export interface LoadResult {
  rps: number;
  /**
   * CPU time of this (the server's) process per request, in µs: steadier than req/s on a shared
   * machine, because other processes' load lengthens the run but not the work per request.
   */
  cpuUsPerReq: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon against `url` for `seconds` with extra CLI arguments. */
export async function autocannon(
  url: string,
  extra: string[],
  seconds: number,
): Promise<LoadResult> {
  const cpu0 = process.cpuUsage();
  const child = Bun.spawn(
    [findNode(), AUTOCANNON, "--json", "-d", String(seconds), ...extra, url],
    {
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0 || !out.trim())
    throw new Error(`autocannon failed (${code}): ${err.slice(0, 500)}`);
  const cpu = process.cpuUsage(cpu0);
  const r = JSON.parse(out);
  const total = Math.max(1, r.requests.total ?? r.requests.average * seconds);
  return {
    rps: r.requests.average,
    cpuUsPerReq: (cpu.user + cpu.system) / total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
