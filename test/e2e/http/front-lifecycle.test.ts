/**
 * Node lifecycle over real sockets and processes:
 * - restart on a temp SQLite file: data written through the KV store survives, /v1/health says
 *   `sqlite`;
 * - SIGTERM to a real `bun src/main.ts`: it stops accepting connections, lets an in-flight request
 *   (a body still being uploaded) complete, and exits 0.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Roots } from "../../../src/kv/layout.ts";
import { createTestServer } from "../../support/server.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "inferadb-lifecycle-"));
  dirs.push(d);
  return d;
};

async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

describe("restart on SQLite", () => {
  test("data written through the KV store survives a restart", async () => {
    const path = join(tempDir(), "node.sqlite");
    const key = Roots.health.pack(["restart-test"]);
    const first = await createTestServer({ sqlite: path });
    await first.node.kv.transact(async (tx) => tx.set(key, new TextEncoder().encode("still here")));
    await first.close();

    const second = await createTestServer({ sqlite: path });
    try {
      const v = await second.node.kv.transact((tx) => tx.get(key));
      expect(new TextDecoder().decode(v)).toBe("still here");
      const health = (await (await second.fetch("/v1/health")).json()) as Record<string, unknown>;
      expect(health).toMatchObject({
        status: "healthy",
        storage: { backend: "sqlite", healthy: true },
      });
    } finally {
      await second.close();
    }
  });
});

/** POST routes of the public API that read a JSON body (first one registered is used). */
const BODY_ROUTES = ["/v1/auth/register", "/v1/auth/login/password", "/v1/organizations"];

function rawRequest(port: number, head: string): { sock: Socket; data: () => string } {
  let buf = "";
  const sock = connect(port, "127.0.0.1", () => sock.write(head));
  sock.on("data", (d) => {
    buf += d.toString();
  });
  sock.on("error", () => undefined);
  return { sock, data: () => buf };
}

describe("graceful shutdown", () => {
  test("SIGTERM: stop accepting, finish the in-flight request, exit 0", async () => {
    const root = resolve(import.meta.dir, "../../..");
    const dir = tempDir();
    const proc = Bun.spawn(
      [
        process.execPath,
        "src/main.ts",
        "--http-port",
        "0",
        "--grpc-port",
        "0",
        "--internal-port",
        "0",
        "--sqlite-path",
        join(dir, "kv.sqlite"),
        "-e",
        "test",
      ],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          INFERADB_MGMT__OBSERVABILITY__JSON_LOGS: "true",
          INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET: "test-secret-key-at-least-32-bytes-long!",
        },
        stdout: "pipe",
        stderr: "pipe",
      },
    );
    try {
      // The port comes from the "node started" log line.
      let out = "";
      const reader = proc.stdout.getReader();
      const port = await waitFor(async () => {
        const { value } = await reader.read();
        out += new TextDecoder().decode(value ?? new Uint8Array());
        const m = /"msg":"node started".*?"http":"127\.0\.0\.1:(\d+)"/.exec(out);
        return m ? Number(m[1]) : 0;
      }, "the node to start");
      reader.releaseLock();
      const base = `http://127.0.0.1:${port}`;

      let route: string | undefined;
      for (const r of BODY_ROUTES) {
        const res = await fetch(`${base}${r}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        if (res.status !== 404 && res.status !== 405) {
          route = r;
          break;
        }
      }
      expect(route, "a POST route that reads a JSON body must be registered").toBeDefined();

      // Headers now, body later: the request is in flight while its body is still uploading.
      const body = JSON.stringify({ email: "x" });
      const inflight = rawRequest(
        port,
        `POST ${route} HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      await waitFor(() => inflight.data().includes("100 Continue"), "100 Continue");

      proc.kill("SIGTERM");
      // New connections are refused once the node has begun shutting down...
      await waitFor(
        () =>
          fetch(`${base}/livez`).then(
            () => false,
            () => true,
          ),
        "the listener to close",
      );
      // ...but the in-flight request still completes.
      inflight.sock.write(body);
      const reply = await waitFor(
        () =>
          /\r\n\r\n/.test(inflight.data().replace("HTTP/1.1 100 Continue\r\n\r\n", ""))
            ? inflight.data()
            : "",
        "the in-flight response",
      );
      expect(reply).toMatch(/HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 [2-4]\d\d /);
      expect(reply.toLowerCase()).toContain("x-request-id:");
      inflight.sock.end();
      expect(await proc.exited).toBe(0);
    } finally {
      if (proc.exitCode === null) proc.kill("SIGKILL");
    }
  }, 30_000);
});
