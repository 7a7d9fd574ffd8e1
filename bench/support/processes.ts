/**
 * Baseline and load processes of bench/vaults.ts: the hello world in its own process, which
 * reports its own CPU time (bench/support/hello-process.ts), and the grant-cycle load
 * (bench/support/grant-cycle.cjs) run by the real Node.js binary.
 */
import { join } from "node:path";
import { findNode, type LoadResult } from "./autocannon.ts";

export interface CpuUsage {
  user: number;
  system: number;
}

/** Reads a child's stdout line by line. */
function lineReader(stream: ReadableStream<Uint8Array>): () => Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  return async () => {
    for (;;) {
      const nl = buffered.indexOf("\n");
      if (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        return line;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("child process closed its stdout");
      buffered += decoder.decode(value, { stream: true });
    }
  };
}

export interface ReportingProcess<Info> {
  /** What the process printed on its first stdout line. */
  info: Info;
  /** The process's own `process.cpuUsage()`. */
  cpu(): Promise<CpuUsage>;
  stop(): Promise<void>;
}

/**
 * Starts `bun <entry> [arg]`, a process that prints one JSON line when ready and then answers
 * each stdin line with its `process.cpuUsage()` (bench/support/hello-process.ts,
 * bench/support/product-process.ts); it ends when stdin closes.
 */
export async function startReportingProcess<Info>(
  entry: string,
  arg?: string,
  bunFlags: string[] = [],
): Promise<ReportingProcess<Info>> {
  const child = Bun.spawn(
    [process.execPath, ...bunFlags, entry, ...(arg === undefined ? [] : [arg])],
    {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "inherit",
    },
  );
  const next = lineReader(child.stdout);
  const info = JSON.parse(await next()) as Info;
  return {
    info,
    async cpu() {
      child.stdin.write("cpu\n");
      await child.stdin.flush();
      return JSON.parse(await next()) as CpuUsage;
    },
    async stop() {
      await child.stdin.end();
      await child.exited;
    },
  };
}

export interface HelloProcess {
  url: string;
  /** The hello process's own `process.cpuUsage()`. */
  cpu(): Promise<CpuUsage>;
  stop(): Promise<void>;
}

/** Starts a bare Elysia hello world in its own `bun` process. */
export async function startHelloProcess(): Promise<HelloProcess> {
  const p = await startReportingProcess<{ port: number }>(
    join(import.meta.dir, "hello-process.ts"),
  );
  return { url: `http://127.0.0.1:${p.info.port}/hello`, cpu: p.cpu, stop: p.stop };
}

/** CPU µs between two samples. */
export function cpuDelta(a: CpuUsage, b: CpuUsage): number {
  return b.user - a.user + (b.system - a.system);
}

export interface GrantPair {
  org: string;
  vault: string;
  team: string;
}

export interface GrantCycleResult extends LoadResult {
  /** Requests of both kinds (POST and DELETE). */
  total: number;
  posts: number;
  posts201: number;
  /** Answers by method and status. */
  statuses: Record<"POST" | "DELETE", Record<string, number>>;
  seconds: number;
}

/**
 * Every connection creates a team grant and deletes it again, on pairs it holds alone; the CPU
 * figure is this (the server's) process's CPU per request, POSTs and DELETEs alike.
 */
export async function grantCycle(
  base: string,
  token: string,
  pairs: GrantPair[],
  connections: number,
  seconds: number,
  /** The server's CPU; this process's by default (a server built in-process). */
  serverCpu: () => Promise<CpuUsage> = async () => process.cpuUsage(),
): Promise<GrantCycleResult> {
  const cpu0 = await serverCpu();
  const cfg = JSON.stringify({ base, token, pairs, connections, seconds });
  const child = Bun.spawn([findNode(), join(import.meta.dir, "grant-cycle.cjs"), cfg], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0 || !out.trim())
    throw new Error(`grant cycle failed (${code}): ${err.slice(0, 500)}`);
  const cpuUs = cpuDelta(cpu0, await serverCpu());
  const r = JSON.parse(out);
  const total = Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    cpuUsPerReq: cpuUs / total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total,
    posts: r.posts,
    posts201: r.posts201,
    statuses: r.statuses,
    seconds,
  };
}
