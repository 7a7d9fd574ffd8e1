/**
 * Storage faults on SQLite (issue 15, item 4), on a real node over HTTP:
 * - **disk full**: the database lives on a small tmpfs the test mounts (`mount -t tmpfs -o
 *   size=…`), filled up with a filler file; where mounting is not allowed, SQLite's
 *   `max_page_count` is pinned at the current size instead (`testPragma`, test-only; the test
 *   title names the reason; `FAULTS_NO_MOUNT=1` forces this variant);
 * - **not writable**: `chmod` cannot make an open database unwritable (the files are already open,
 *   and root ignores modes anyway; a read-only remount is refused while SQLite holds them open),
 *   so the connection is switched to `PRAGMA query_only` (SQLITE_READONLY, what a read-only file
 *   answers).
 * In both: writes answer 503 with `Retry-After` and a stable code (STORAGE_FULL,
 * STORAGE_UNAVAILABLE), reads keep working, `/readyz` is 503 and says why (not checked in the
 * max_page_count variant: a one-byte probe write still fits there), a registration (user,
 * email index, default organization, session: one multi-key transaction) either lands whole or not
 * at all, and once the fault is removed the node is ready and writes land again without a restart.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteBackend, type SqliteBackend } from "../../../src/kv/backends/sqlite.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";

const PASSWORD = "correct horse battery staple";
let n = 0;
const email = () => `fault${++n}-${Date.now()}@example.com`;

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  bearer?: string,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await server.fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

const register = (server: TestServer, address: string) =>
  call(server, "POST", "/v1/auth/register", { name: "Fault", email: address, password: PASSWORD });

async function session(server: TestServer): Promise<string> {
  const r = await register(server, email());
  expect(r.status).toBe(201);
  const m = /infera_session=([^;]*)/.exec(r.headers.get("set-cookie") ?? "");
  return m![1]!;
}

async function waitReady(server: TestServer, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if ((await server.fetch("/readyz")).status === 200) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error("not ready again in time");
    await Bun.sleep(25);
  }
}

/** Registers until one is refused (a WAL already sized may absorb a few commits); returns it. */
async function firstRefusedWrite(server: TestServer): Promise<{ reply: Reply; address: string }> {
  for (let i = 0; i < 400; i++) {
    const address = email();
    const reply = await register(server, address);
    if (reply.status !== 201) return { reply, address };
  }
  throw new Error("no write was refused");
}

/** The checks shared by both faults, with the fault already injected. */
async function assertFaulted(
  server: TestServer,
  reader: string,
  code: string,
  /** undefined: a small write still lands (max_page_count leaves room in existing pages). */
  why: RegExp | undefined,
): Promise<string> {
  const { reply, address } = await firstRefusedWrite(server);
  expect(reply.status).toBe(503);
  expect(reply.body.code).toBe(code);
  expect(reply.headers.get("retry-after")).toBe("1");
  expect(typeof reply.body.request_id).toBe("string");
  // Still refused (not a one-off), with the same code.
  const again = await register(server, email());
  expect([again.status, again.body.code]).toEqual([503, code]);
  // Reads keep working.
  const orgs = await call(server, "GET", "/v1/organizations", undefined, reader);
  expect(orgs.status).toBe(200);
  expect((orgs.body.organizations as unknown[]).length).toBeGreaterThan(0);
  // Not ready, and why.
  if (!why) return address;
  const ready = await call(server, "GET", "/readyz");
  expect(ready.status).toBe(503);
  expect(ready.headers.get("retry-after")).toBe("1");
  expect(String(ready.body.error)).toMatch(why);
  return address;
}

/** After the fault is removed: ready again by itself, and the refused registration left nothing. */
async function assertRecovered(server: TestServer, refused: string): Promise<number> {
  const ms = await waitReady(server, 10_000);
  // Nothing half-written: no account to sign in to, and the address is free to register.
  const login = await call(server, "POST", "/v1/auth/login/password", {
    email: refused,
    password: PASSWORD,
  });
  expect(login.status).toBe(401);
  expect((await register(server, refused)).status).toBe(201);
  return ms;
}

function tryMountTmpfs(dir: string, size: string): string | undefined {
  if (process.env.FAULTS_NO_MOUNT) return "FAULTS_NO_MOUNT is set";
  if (process.platform !== "linux") return "not Linux";
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  if (r.status !== 0) return `mount -t tmpfs failed: ${String(r.stderr).trim() || r.error}`;
  return undefined;
}

/** Writes 64 KiB chunks to `path` until the file system is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, "w");
  const chunk = new Uint8Array(64 * 1024).fill(7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
  } finally {
    closeSync(fd);
  }
}

describe("storage faults on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "inferadb-faults-"));
  const mountFailure = tryMountTmpfs(dir, "16m");
  const path = join(dir, "kv.sqlite");
  let backend: SqliteBackend;
  let server: TestServer;
  let reader: string;

  beforeAll(async () => {
    backend = createSqliteBackend({ path });
    server = await createTestServer({ kvBackend: backend });
    reader = await session(server);
  });
  afterAll(async () => {
    await server?.close();
    if (!mountFailure) spawnSync("umount", ["-l", dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  test(`disk full (${mountFailure ? `max_page_count: ${mountFailure}` : "a 16 MiB tmpfs"}) → 503 STORAGE_FULL, reads work, not ready, recovers`, async () => {
    const filler = join(dir, "filler");
    let release: () => void;
    if (!mountFailure) {
      fillDisk(filler);
      release = () => rmSync(filler, { force: true });
    } else {
      const pages = backend.testPragma("page_count");
      backend.testPragma(`max_page_count = ${pages}`);
      release = () => backend.testPragma("max_page_count = 1073741823");
    }
    // With max_page_count the readiness probe's one-byte write still fits in an existing page,
    // so the node rightly stays ready; on the full tmpfs every commit needs WAL space and fails.
    let refused: string;
    try {
      refused = await assertFaulted(
        server,
        reader,
        "STORAGE_FULL",
        mountFailure ? undefined : /storage: disk full/,
      );
    } finally {
      release();
    }
    const ms = await assertRecovered(server, refused);
    console.log(`disk full: ready again ${Math.round(ms)} ms after the filler was removed`);
  }, 60_000);

  test("not writable (query_only) → 503 STORAGE_UNAVAILABLE, reads work, not ready, recovers", async () => {
    backend.testPragma("query_only = 1");
    let refused: string;
    try {
      refused = await assertFaulted(
        server,
        reader,
        "STORAGE_UNAVAILABLE",
        /storage: storage not writable/,
      );
    } finally {
      backend.testPragma("query_only = 0");
    }
    const ms = await assertRecovered(server, refused);
    console.log(`not writable: ready again ${Math.round(ms)} ms after the fault was removed`);
  }, 60_000);
});
