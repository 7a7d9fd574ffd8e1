/**
 * `createTestServer()`: an isolated node per test, built with the real `buildNode` on OS-assigned
 * ports (HTTP, gRPC and internal port 0 on 127.0.0.1), with the memory KV backend by default or
 * a temp-file SQLite (`{ sqlite: true }`, or a path to reuse across a restart). `close()` stops
 * the node and removes the temp directory it created.
 *
 * Extend by adding options: everything except `config`/`sqlite` is passed straight through to
 * `buildNode` (clock, log, kvBackend, ...), and `config` is a partial tree merged over the test
 * defaults before validation by the real config resolver.
 *
 * Every HTTP response a test receives from the server (through `fetch` or `server.fetch`) is
 * checked against the OpenAPI document (test/support/contract.ts); a drift fails the test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../src/config/load.ts";
import type { Config } from "../../src/config/schema.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { type BuildNodeOptions, buildNode, type NodeHandle } from "../../src/main.ts";
import {
  installContractFetch,
  registerContractOrigin,
  unregisterContractOrigin,
} from "./contract.ts";
import { fastHasher } from "./hasher.ts";
import { type SmtpSink, startSmtpSink } from "./smtp.ts";

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type ConfigOverrides = DeepPartial<Config>;

export interface TestServerOptions extends Omit<BuildNodeOptions, "config"> {
  /** Partial config merged over the test defaults. */
  config?: ConfigOverrides;
  /** Use SQLite: `true` for a fresh temp file (removed on close), or a file path to reuse. */
  sqlite?: boolean | string;
  /**
   * Send mail over SMTP to a real sink: `true` starts one (closed with the server), or pass a
   * running sink. Without it mail goes to the console transport (silent logger). The password
   * hasher defaults to the fast test hasher; rate limits are off unless `config.rate_limiting`
   * turns them on.
   */
  smtp?: boolean | SmtpSink;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>` for a grpc-js client. */
  grpcAddress: string;
  config: Config;
  node: NodeHandle;
  /** The SMTP sink receiving this server's mail (when `smtp` was given). */
  smtp: SmtpSink | undefined;
  /** `fetch(url + path, init)`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the node and removes temp files. Idempotent. */
  close(): Promise<void>;
}

/** 32+ bytes; a fixed value keeps tests deterministic and skips the ephemeral-secret warning. */
export const TEST_KEY_SECRET = "test-secret-key-at-least-32-bytes-long!";

function mergeTree(base: Record<string, unknown>, over: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      b && v && typeof b === "object" && typeof v === "object" && !Array.isArray(v)
        ? mergeTree(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** The config a test server runs with (exported for tests that only need a Config). */
export function testConfig(overrides: ConfigOverrides = {}, sqlitePath?: string): Config {
  const defaults: Record<string, unknown> = {
    environment: "test",
    // No lag-based shedding in tests (a busy CI box lags past any bound); lag-shedding.test.ts sets it.
    server: {
      http_host: "127.0.0.1",
      http_port: 0,
      grpc_host: "127.0.0.1",
      grpc_port: 0,
      max_event_loop_lag_ms: 0,
    },
    storage: sqlitePath ? { backend: "sqlite", sqlite_path: sqlitePath } : { backend: "memory" },
    auth: { key_encryption_secret: TEST_KEY_SECRET, cookie_secure: false },
    rate_limiting: { enabled: false },
    cluster: { internal_port: 0, secret: "test-cluster-secret" },
    observability: { log_level: "silent", json_logs: true, metrics_enabled: true },
  };
  return resolveConfig(mergeTree(defaults, overrides as Record<string, unknown>));
}

export async function createTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const { config: baseOverrides, sqlite, smtp: smtpOpt, ...buildOpts } = opts;
  // Every response from this server is checked against the OpenAPI document (test/support/contract.ts).
  await installContractFetch();
  const smtp = smtpOpt === true ? await startSmtpSink() : smtpOpt || undefined;
  const ownSmtp = smtpOpt === true ? smtp : undefined;
  const overrides: ConfigOverrides = smtp
    ? mergeTree(
        {
          email: {
            transport: "smtp",
            smtp_host: smtp.host,
            smtp_port: smtp.port,
            smtp_secure: false,
          },
        },
        (baseOverrides ?? {}) as Record<string, unknown>,
      )
    : (baseOverrides ?? {});
  let tempDir: string | undefined;
  let sqlitePath: string | undefined;
  if (typeof sqlite === "string") sqlitePath = sqlite;
  else if (sqlite) {
    tempDir = mkdtempSync(join(tmpdir(), "inferadb-test-"));
    sqlitePath = join(tempDir, "kv.sqlite");
  }
  const config = testConfig(overrides, sqlitePath);
  let node: NodeHandle;
  try {
    node = await buildNode({ log: silentLogger, hasher: fastHasher, ...buildOpts, config });
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    await ownSmtp?.close();
    throw e;
  }
  const url = `http://127.0.0.1:${node.httpPort}`;
  registerContractOrigin(url);
  let closed: Promise<void> | undefined;
  return {
    url,
    grpcAddress: `127.0.0.1:${node.grpcPort}`,
    config,
    node,
    smtp,
    fetch: (path, init) => fetch(`${url}${path}`, init),
    close() {
      unregisterContractOrigin(url);
      closed ??= node.stop().finally(async () => {
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
        await ownSmtp?.close();
      });
      return closed;
    },
  };
}
