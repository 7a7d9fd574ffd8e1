/**
 * Vault-token benchmark (`bun run bench tokens`), figures in docs/performance.md#tokens:
 *
 * HTTP, SQLite KV, full plugin stack, rate limits off; the load is autocannon in a separate Node
 * process (bench/support/token-load.cjs), 32 connections, over VAULTS vaults of one organization
 * whose one client certificate signs every token. Each route's req/s is printed as a ratio against
 * the raw primitive it is built on, measured in this (the server's) process in the same run, 2 s
 * before and 2 s after the HTTP runs (the ratio uses the mean):
 *
 * 1. `POST …/vaults/{vault}/tokens` with a session ÷ raw jose EdDSA JWT signs/s (`SignJWT`, the
 *    same header and claims, an Ed25519 `KeyObject`; aim ≥ 0.7);
 * 2. `POST /v1/token` exchanges ÷ raw jose EdDSA JWT verifies/s (`jwtVerify` of an assertion with
 *    a `KeyObject`; aim ≥ 0.8). Every exchange has a fresh assertion (own jti), signed before the
 *    timed run;
 * 3. `POST /v1/tokens/refresh` ÷ raw 2-key `bun:sqlite` transactions/s (aim ≥ 0.5); 64
 *    independent chains over the 32 connections, each request presenting the refresh token its
 *    chain's previous answer returned;
 * 4. raw node:crypto Ed25519 signs/s (`crypto.sign(null, data, key)` of the same signing input)
 *    beside jose's, to tell what jose's JWT layer costs.
 *
 * The server CPU µs per request is this process's `process.cpuUsage()` over a run ÷ its requests.
 * Prints, asserts nothing. Runs in about 40 s (BENCH_SECONDS per HTTP run, default 5).
 */
import { createPrivateKey, createPublicKey, sign as cryptoSign, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jwtVerify, SignJWT } from "jose";
import { resolveConfig } from "../src/config/load.ts";
import type { MailMessage } from "../src/email/mailer.ts";
import { silentLogger } from "../src/lib/log.ts";
import { buildNode } from "../src/main.ts";
import { fastHasher } from "../test/support/hasher.ts";
import { findNode, type LoadResult } from "./support/autocannon.ts";
import { InboxMailer, json } from "./support/inbox.ts";
import { rawDb, rawTwoKey } from "./support/raw-sqlite.ts";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const RAW_MS = 2_000;
const VAULTS = 4;
const ISSUER = "https://api.inferadb.com";
const AUDIENCE = "https://api.inferadb.com/evaluate";
const ASSERTION_AUD = "https://api.inferadb.com/token";
const READ_SCOPE =
  "inferadb.check inferadb.read inferadb.expand inferadb.list inferadb.list-relationships inferadb.list-subjects inferadb.list-resources";
const LOAD = join(import.meta.dir, "support/token-load.cjs");

const dir = mkdtempSync(join(tmpdir(), "inferadb-bench-tokens-"));

const mailer = new InboxMailer();
const config = resolveConfig({
  environment: "test",
  server: { http_host: "127.0.0.1", http_port: 0, grpc_host: "127.0.0.1", grpc_port: 0 },
  storage: { backend: "sqlite", sqlite_path: join(dir, "node.sqlite") },
  auth: { key_encryption_secret: "bench-secret-key-at-least-32-bytes-long!", cookie_secure: false },
  rate_limiting: { enabled: false },
  cluster: { internal_port: 0, secret: "bench" },
  observability: { log_level: "silent", json_logs: true },
});
const node = await buildNode({ config, log: silentLogger, hasher: fastHasher, mailer });
const base = `http://127.0.0.1:${node.httpPort}`;
const rawSqlite = rawDb(join(dir, "raw.sqlite"));

async function post(token: string, path: string, body: unknown) {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** A registered, verified user: their id and session token. */
async function signUp(): Promise<{ id: string; token: string }> {
  const email = "bench-tokens@example.com";
  const reg = await fetch(`${base}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Bench", email, password: "benchmark password 123" }),
  });
  const token = /infera_session=([^;]+)/.exec(reg.headers.get("set-cookie") ?? "")?.[1];
  if (reg.status !== 201 || !token) throw new Error(`register: ${reg.status}`);
  const id = ((await reg.json()) as { user_id: string }).user_id;
  let mail: MailMessage | undefined;
  for (let i = 0; i < 200 && !mail; i++) {
    mail = mailer.sent.find((m) => m.to === email);
    if (!mail) await Bun.sleep(10);
  }
  const verifyToken = /[?&]token=([^\s&]+)/.exec(mail?.text ?? "")?.[1];
  if (!verifyToken) throw new Error("no verification mail");
  await json(
    await fetch(`${base}/v1/auth/verify-email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: decodeURIComponent(verifyToken) }),
    }),
  );
  return { id, token };
}

/** An Ed25519 private key from a raw 32-byte seed (PKCS#8 DER of RFC 8410). */
function keyFromSeed(seedB64: string) {
  const prefix = Buffer.from("302e020100300506032b657004220420", "hex");
  return createPrivateKey({
    key: Buffer.concat([prefix, Buffer.from(seedB64, "base64")]),
    format: "der",
    type: "pkcs8",
  });
}

interface Setup {
  user: { id: string; token: string };
  org: string;
  vaults: string[];
  clientId: string;
  kid: string;
  key: ReturnType<typeof createPrivateKey>;
}

async function setup(): Promise<Setup> {
  const user = await signUp();
  const org = (
    (await json(await post(user.token, "/v1/organizations", { name: "Bench tokens" })))
      .organization as { id: string }
  ).id;
  const clientId = (
    (await json(await post(user.token, `/v1/organizations/${org}/clients`, { name: "svc" })))
      .client as { id: string }
  ).id;
  const c = await json(
    await post(user.token, `/v1/organizations/${org}/clients/${clientId}/certificates`, {
      name: "key",
    }),
  );
  const vaults: string[] = [];
  for (let v = 0; v < VAULTS; v++) {
    const r = await json(
      await post(user.token, `/v1/organizations/${org}/vaults`, { name: `vault ${v}` }),
    );
    const vault = (r.vault as { id: string }).id;
    vaults.push(vault);
    await json(
      await post(user.token, `/v1/organizations/${org}/vaults/${vault}/client-grants`, {
        client_id: clientId,
        role: "WRITER",
      }),
    );
  }
  return {
    user,
    org,
    vaults,
    clientId,
    kid: (c.certificate as { kid: string }).kid,
    key: keyFromSeed(c.private_key as string),
  };
}

/** `n` RFC 7523 assertions of the client, each with its own jti, valid for 60 s. */
async function assertions(s: Setup, n: number): Promise<string[]> {
  const out: string[] = [];
  const iat = Math.floor(Date.now() / 1000);
  for (let i = 0; i < n; i++) {
    out.push(
      await new SignJWT({})
        .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: s.kid })
        .setIssuer(s.clientId)
        .setSubject(s.clientId)
        .setAudience(ASSERTION_AUD)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .setJti(randomUUID())
        .sign(s.key),
    );
  }
  return out;
}

/** The claims the service signs for a user's read token (src/services/tokens/service.ts). */
function accessClaims(s: Setup) {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: `user:${s.user.id}`,
    org_id: s.org,
    vault_id: s.vaults[0]!,
    vault_role: "read",
    scope: READ_SCOPE,
    jti: randomUUID(),
    iat,
    exp: iat + 300,
  };
}

/** Operations per second of `op`, run one after the other for `ms`. */
async function perSecond(ms: number, op: () => unknown): Promise<number> {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    await op();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

interface Raw {
  joseSign: number;
  joseVerify: number;
  nodeSign: number;
  sqlite: number;
}

async function rawPrimitives(s: Setup, ms: number, from: number): Promise<Raw> {
  const kid = s.kid;
  const publicKey = createPublicKey(s.key);
  const joseSign = await perSecond(ms, () =>
    new SignJWT(accessClaims(s)).setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid }).sign(s.key),
  );
  const [sample] = await assertions(s, 1);
  const joseVerify = await perSecond(ms, () =>
    jwtVerify(sample!, publicKey, { audience: ASSERTION_AUD, algorithms: ["EdDSA"] }),
  );
  const token = await new SignJWT(accessClaims(s))
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid })
    .sign(s.key);
  const input = Buffer.from(token.slice(0, token.lastIndexOf(".")));
  const nodeSign = await perSecond(ms, () => cryptoSign(null, input, s.key));
  const sqlite = rawTwoKey(rawSqlite, ms, from);
  return { joseSign, joseVerify, nodeSign, sqlite };
}

interface TokenLoad extends LoadResult {
  total: number;
  statuses: Record<string, number>;
  exhausted: number;
}

/** One run of bench/support/token-load.cjs; CPU of this (the server's) process per request. */
async function load(cfg: Record<string, unknown>, seconds: number): Promise<TokenLoad> {
  const cpu0 = process.cpuUsage();
  const arg = JSON.stringify({ base, connections: CONNECTIONS, seconds, ...cfg });
  const child = Bun.spawn([findNode(), LOAD, arg], { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0 || !out.trim())
    throw new Error(`token load failed (${code}): ${err.slice(0, 500)}`);
  const cpu = process.cpuUsage(cpu0);
  const r = JSON.parse(out);
  const total = Math.max(1, r.requests.total);
  return {
    rps: total / seconds,
    cpuUsPerReq: (cpu.user + cpu.system) / total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total,
    statuses: r.statuses,
    exhausted: r.exhausted,
  };
}

const issueCfg = (s: Setup) => ({
  mode: "issue",
  token: s.user.token,
  paths: s.vaults.map((v) => `/v1/organizations/${s.org}/vaults/${v}/tokens`),
});

/** An exchange run with a pool of `expectedRps × seconds × 1.5` fresh assertions. */
async function exchangeRun(s: Setup, seconds: number, expectedRps: number) {
  const n = Math.ceil(Math.max(2_000, expectedRps * seconds * 1.5));
  const file = join(dir, "assertions.json");
  writeFileSync(file, JSON.stringify(await assertions(s, n)));
  return load({ mode: "exchange", assertionsFile: file, vaults: s.vaults }, seconds);
}

/** `n` refresh tokens of the user, each the start of a family of its own. */
async function refreshTokens(s: Setup, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const vault = s.vaults[i % s.vaults.length]!;
    const r = await json(
      await post(s.user.token, `/v1/organizations/${s.org}/vaults/${vault}/tokens`, {}),
    );
    out.push(r.refresh_token as string);
  }
  return out;
}

try {
  const s = await setup();
  // Warm-up: JIT, SQLite page cache, actor activations, the signing key's cache.
  rawTwoKey(rawSqlite, 500, 0);
  await rawPrimitives(s, 1_000, 0);
  await load(issueCfg(s), 1);
  const warmExchange = await exchangeRun(s, 1, 0);
  await load({ mode: "refresh", refreshTokens: await refreshTokens(s, CONNECTIONS * 2) }, 1);

  const before = await rawPrimitives(s, RAW_MS, 1_000_000);
  const issue = await load(issueCfg(s), DURATION_S);
  const exchange = await exchangeRun(s, DURATION_S, warmExchange.rps * 1.5);
  const chains = await refreshTokens(s, CONNECTIONS * 2);
  const refresh = await load({ mode: "refresh", refreshTokens: chains }, DURATION_S);
  const after = await rawPrimitives(s, RAW_MS, 10_000_000);

  const mean = (k: keyof Raw) => (before[k] + after[k]) / 2;
  const f = (n: number) => n.toFixed(0);
  const row = (name: string, r: TokenLoad, rawName: string, raw: number, aim: number) => {
    const ratio = r.rps / raw;
    console.log(
      `| ${name} | ${f(r.rps)} | ${r.cpuUsPerReq.toFixed(1)} | ${r.p50} / ${r.p99} | ${rawName} ${f(raw)}/s | ${ratio.toFixed(3)} | ≥ ${aim} ${ratio >= aim ? "(met)" : "(missed)"} |`,
    );
  };
  console.log(
    `HTTP: ${DURATION_S}s per run, ${CONNECTIONS} connections, SQLite KV, rate limits off, ${VAULTS} vaults, one signing certificate; load from token-load.cjs (autocannon) in a separate Node process; raw primitives in the server's process, ${RAW_MS / 1000} s before and after the HTTP runs (mean)`,
  );
  console.log("| route | req/s | server CPU µs/req | p50 / p99 ms | raw baseline | ratio | aim |");
  console.log("|---|---|---|---|---|---|---|");
  row("POST …/vaults/{vault}/tokens (session)", issue, "jose EdDSA signs", mean("joseSign"), 0.7);
  row(
    "POST /v1/token (fresh assertion each)",
    exchange,
    "jose EdDSA verifies",
    mean("joseVerify"),
    0.8,
  );
  row("POST /v1/tokens/refresh (64 chains)", refresh, "2-key bun:sqlite tx", mean("sqlite"), 0.5);
  for (const k of ["joseSign", "joseVerify", "nodeSign", "sqlite"] as const) {
    console.log(`raw ${k}/s: ${f(before[k])} before, ${f(after[k])} after (mean ${f(mean(k))})`);
  }
  console.log(
    `jose EdDSA JWT signs/s ÷ node:crypto Ed25519 signs/s: ${(mean("joseSign") / mean("nodeSign")).toFixed(2)} (jose's JWT layer: ${(1e6 / mean("joseSign") - 1e6 / mean("nodeSign")).toFixed(1)} µs per token on top of the ${(1e6 / mean("nodeSign")).toFixed(1)} µs signature)`,
  );
  console.log(
    `refresh chains: ${chains.length} families, ${refresh.statuses["200"] ?? 0} rotations answered 200`,
  );
  for (const [name, r] of [
    ["issue", issue],
    ["exchange", exchange],
    ["refresh", refresh],
  ] as const) {
    if (r.non2xx + r.errors > 0 || r.exhausted > 0)
      console.log(
        `WARNING: ${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.exhausted} beyond the pool; answers ${JSON.stringify(r.statuses)}`,
      );
  }
} finally {
  await node.stop();
  rawSqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
