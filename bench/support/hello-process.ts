/**
 * The HTTP baseline of the benchmarks that compare against a hello world in its own process
 * (bench/vaults.ts): a bare Elysia app with one route, nothing of ours. It prints
 * `{"port": N}` on its first stdout line; every line it reads on stdin is answered with one line
 * `{"user": µs, "system": µs}` (its `process.cpuUsage()`), so the benchmark can take its CPU time
 * over a run. Ends when stdin closes.
 */
import { Elysia } from "elysia";
import { answerCpuRequests } from "./cpu-reporter.ts";

const app = new Elysia()
  .get("/hello", () => "hello world")
  .listen({ hostname: "127.0.0.1", port: 0 });
process.stdout.write(`${JSON.stringify({ port: app.server?.port })}\n`);

await answerCpuRequests();
await app.stop();
process.exit(0);
