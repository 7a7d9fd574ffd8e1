/**
 * The product in its own process, for the benchmarks that load it from another one
 * (bench/routes.ts): the real `buildNode` on a SQLite file (argv[2], a JSON object: `sqlite_path`,
 * optional `setup: false` for a second node on the same file, `workers`, `cpu_prof`), default
 * configuration except rate limits (off, so the load is not refused) and the cheap test password
 * hasher (the benchmarks measure reads and writes, not Argon2id). With `setup`, it signs a user up
 * through its own HTTP API, verifies the address from the mail it keeps in memory, creates an
 * organization, a team and a vault, and prints `{"port", "token", "org", "team", "vault",
 * "user"}`; otherwise `{"port"}`. Then every line read on stdin is answered with one line of its
 * `process.cpuUsage()`; it stops when stdin closes.
 */
import { resolveConfig } from "../../src/config/load.ts";
import { createLogger, silentLogger } from "../../src/lib/log.ts";
import { buildNode } from "../../src/main.ts";
import { fastHasher } from "../../test/support/hasher.ts";
import { answerCpuRequests } from "./cpu-reporter.ts";
import { InboxMailer, json, signUpVerified } from "./inbox.ts";

const opts = JSON.parse(process.argv[2] ?? "{}") as {
  sqlite_path: string;
  setup?: boolean;
  workers?: number;
  /** Logs to stderr at this level (silent by default). */
  log_level?: "debug" | "info" | "warn" | "error";
};
const mailer = new InboxMailer();
const config = resolveConfig({
  environment: "test",
  server: { http_host: "127.0.0.1", http_port: 0, grpc_host: "127.0.0.1", grpc_port: 0 },
  storage: { backend: "sqlite", sqlite_path: opts.sqlite_path },
  auth: { key_encryption_secret: "bench-secret-key-at-least-32-bytes-long!", cookie_secure: false },
  rate_limiting: { enabled: false },
  cluster: {
    internal_port: 0,
    secret: "bench-cluster-secret",
    ...(opts.workers === undefined ? {} : { workers: opts.workers }),
  },
  observability: { log_level: "silent", json_logs: true },
});
const log = opts.log_level ? createLogger({ level: opts.log_level, json: true }) : silentLogger;
const node = await buildNode({ config, log, hasher: fastHasher, mailer });
const base = `http://127.0.0.1:${node.httpPort}`;

async function setup() {
  const { token, userId: user } = await signUpVerified(
    base,
    mailer,
    `bench-${Date.now()}@example.com`,
  );
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = async (path: string, body: object) =>
    json(await fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
  const org = (await post("/v1/organizations", { name: "Bench" })).organization as { id: string };
  const team = (await post(`/v1/organizations/${org.id}/teams`, { name: "Hot" })).team as {
    id: string;
  };
  const vault = (await post(`/v1/organizations/${org.id}/vaults`, { name: "bench-vault" }))
    .vault as { id: string };
  return { token, user, org: org.id, team: team.id, vault: vault.id };
}

const fixtures = opts.setup === false ? {} : await setup();
process.stdout.write(`${JSON.stringify({ port: node.httpPort, ...fixtures })}\n`);

await answerCpuRequests();
await node.stop();
process.exit(0);
