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

export interface HelloProcess {
  url: string;
  /** The hello process's own `process.cpuUsage()`. */
  cpu(): Promise<CpuUsage>;
  stop(): Promise<void>;
}

/** Starts a bare Elysia hello world in its own `bun` process. */
export async function startHelloProcess(): Promise<HelloProcess> {
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "hello-process.ts")], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
  });
  const next = lineReader(child.stdout);
  const { port } = JSON.parse(await next()) as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hello`,
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
): Promise<GrantCycleResult> {
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  const r = JSON.parse(out);
  const total = Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    cpuUsPerReq: (cpu.user + cpu.system) / total,
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
