/**
 * The seeded HTTP fuzzer (issue 15, item 1): `FUZZ_REQUESTS` cases (10,000 by default; `npm run
 * fuzz` runs 200,000) generated from docs/openapi.json by ./generator.ts, sent with keep-alive
 * fetch (or a raw socket where fetch would normalise or refuse the request) at modest concurrency
 * to one test server with a real SMTP sink and rate limits off.
 *
 * Asserted for every answer: no 5xx; every 4xx is the error body (`error`, `code`, `request_id`,
 * `X-Request-Id` equal to it; the OAuth-style routes add `error_description`), except the HTML
 * pages under /ui and /oauth that document an HTML 4xx; and, through test/support/contract.ts,
 * that every answer is documented for its route and status. Every 1,000 cases `/livez` must
 * answer 200; at the end a canary organization (members, teams, vaults, grants, clients,
 * invitations), read through the API with its owner's session, must be byte-for-byte unchanged.
 *
 * Seed rule: `FUZZ_SEED` (default 15015) seeds the run; case `i` uses its own PRNG seeded from
 * `(seed, i)`, so `FUZZ_SEED=<s> FUZZ_CASE=<i>` re-sends exactly the one failing case. A failure
 * prints the seed, the case index and the exact request.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import {
  addMember,
  call,
  createOrg,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "../../e2e/http/org-harness.ts";
import { type ContractChecker, contractChecker } from "../../support/contract.ts";
import {
  describeCase,
  type FuzzCase,
  type FuzzContext,
  generateCase,
  loadOperations,
} from "./generator.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 15015);
const ONLY = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const COUNT = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 12);
const OAUTH_ROUTES = new Set(["/v1/token", "/oauth/token", "/oauth/device_authorization"]);
const MAX_FAILURES = 15;
/** `FUZZ_TRACE=204,201` prints every case answered with one of those statuses. */
const TRACE = new Set((process.env.FUZZ_TRACE ?? "").split(",").filter(Boolean).map(Number));
const STANDARD_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

let env: OrgEnv;
let fuzzer: User;
let canaryOwner: User;
let canaryOrg: string;
let ctx: FuzzContext;
let checker: ContractChecker;

type Obj = Record<string, unknown>;
const idOf = (r: { status: number; body: Obj }, key: string): string => {
  const v = (r.body[key] as { id?: string } | undefined)?.id;
  if (!v) throw new Error(`setup: no ${key} id (${r.status} ${JSON.stringify(r.body)})`);
  return v;
};

/** Creates an organization's worth of data as `owner`; returns the ids per path parameter. */
async function populate(owner: User, member: User | undefined, orgId: string) {
  const t = owner.token;
  const post = (path: string, body: unknown) =>
    call(env, "POST", `/v1/organizations/${orgId}${path}`, { token: t, body });
  const team = idOf(await post("/teams", { name: "Red team", description: "canary" }), "team");
  const vault = idOf(await post("/vaults", { name: "Vault one" }), "vault");
  const client = idOf(await post("/clients", { name: "Client one" }), "client");
  const cert = idOf(
    await post(`/clients/${client}/certificates`, { name: "Cert one" }),
    "certificate",
  );
  const ids: Record<string, string[]> = {
    org: [orgId],
    team: [team],
    vault: [vault],
    client: [client],
    cert: [cert],
    user: [owner.id],
    grant: [],
    member: [],
    invitation: [],
    permission: [],
  };
  const perm = await post(`/teams/${team}/permissions`, { permission: "ORG_PERM_VAULT_CREATE" });
  const permBody = perm.body.permission as Obj | undefined;
  ids.permission?.push(String(permBody?.id ?? permBody?.permission ?? "ORG_PERM_VAULT_CREATE"));
  if (member) {
    ids.member?.push(await addMember(env, orgId, owner, member));
    ids.user?.push(member.id);
    const tm = await post(`/teams/${team}/members`, { user_id: member.id, manager: false });
    ids.member?.push(member.id, idOf(tm, "member"));
    ids.grant?.push(
      idOf(
        await post(`/vaults/${vault}/user-grants`, { user_id: member.id, role: "READER" }),
        "grant",
      ),
    );
  }
  ids.grant?.push(
    idOf(await post(`/vaults/${vault}/team-grants`, { team_id: team, role: "WRITER" }), "grant"),
  );
  ids.grant?.push(
    idOf(
      await post(`/vaults/${vault}/client-grants`, { client_id: client, role: "READER" }),
      "grant",
    ),
  );
  const inv = await post("/invitations", { email: `pending-${orgId}@example.com`, role: "MEMBER" });
  ids.invitation?.push(idOf(inv, "invitation"));
  const emails = await call(env, "GET", "/v1/users/emails", { token: t });
  const sessions = await call(env, "GET", "/v1/users/sessions", { token: t });
  ids.id = [
    ...((emails.body.emails ?? []) as { id: string }[]).map((e) => e.id),
    ...((sessions.body.sessions ?? []) as { id: string }[]).map((s) => s.id),
  ];
  return ids;
}

/** The canary organization as its owner reads it through the API (every body, in order). */
async function snapshot(): Promise<string> {
  const out: string[] = [];
  const get = async (path: string) => {
    const r = await env.server.fetch(path, {
      headers: { authorization: `Bearer ${canaryOwner.token}` },
    });
    const text = await r.text();
    out.push(`${path} ${r.status}\n${text}`);
    expect(r.status).toBe(200);
    return JSON.parse(text) as Obj;
  };
  const o = `/v1/organizations/${canaryOrg}`;
  await get(o);
  await get(`${o}/members?limit=100`);
  await get(`${o}/invitations?limit=100`);
  for (const t of (await get(`${o}/teams?limit=100`)).teams as { id: string }[]) {
    await get(`${o}/teams/${t.id}`);
    await get(`${o}/teams/${t.id}/members?limit=100`);
    await get(`${o}/teams/${t.id}/permissions?limit=100`);
  }
  for (const v of (await get(`${o}/vaults?limit=100`)).vaults as { id: string }[]) {
    await get(`${o}/vaults/${v.id}`);
    for (const kind of ["user-grants", "team-grants", "client-grants"])
      await get(`${o}/vaults/${v.id}/${kind}?limit=100`);
  }
  for (const c of (await get(`${o}/clients?limit=100`)).clients as { id: string }[]) {
    await get(`${o}/clients/${c.id}`);
    await get(`${o}/clients/${c.id}/certificates?limit=100`);
  }
  return out.join("\n");
}

let before: string;

beforeAll(async () => {
  env = await startOrgEnv({ config: { rate_limiting: { enabled: false } } });
  checker = await contractChecker();
  canaryOwner = await signUp(env, "Canary owner");
  const canaryMember = await signUp(env, "Canary member");
  canaryOrg = await createOrg(env, canaryOwner, "Canary");
  const foreign = await populate(canaryOwner, canaryMember, canaryOrg);
  fuzzer = await signUp(env, "Fuzzer");
  const ownOrg = await createOrg(env, fuzzer, "Fuzzing ground");
  const own = await populate(fuzzer, undefined, ownOrg);
  ctx = {
    own,
    foreign,
    token: fuzzer.token,
    foreignSessionId: canaryOwner.token.split(".")[0] as string,
    ownEmail: fuzzer.email,
  };
  before = await snapshot();
}, 60_000);

afterAll(() => env?.close());

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Bun's own HTTP parser refused the request (no app hook ran: no request id). */
  parserLevel: boolean;
}

function decodeChunked(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  for (;;) {
    const eol = buf.indexOf("\r\n", i);
    if (eol < 0) break;
    const size = Number.parseInt(buf.subarray(i, eol).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Sends `c` over a fresh TCP connection exactly as generated (no normalisation). */
function sendRaw(c: FuzzCase, port: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error("raw request: no answer within 15 s"));
    }, 15_000);
    sock.on("data", (d: Buffer) => chunks.push(d));
    sock.on("error", (e) => {
      clearTimeout(timer);
      // A reset after a complete answer is the server closing as it said it would.
      if (chunks.length > 0) finish();
      else reject(e);
    });
    const finish = () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const end = all.indexOf("\r\n\r\n");
      if (all.byteLength === 0 && !STANDARD_METHODS.has(c.method)) {
        // Bun's parser closes the connection on a method it does not know, without an answer.
        return resolve({ status: 0, headers: new Headers(), text: "", parserLevel: true });
      }
      if (end < 0)
        return reject(new Error(`raw request: no complete answer (${all.byteLength} bytes)`));
      const lines = all.subarray(0, end).toString("latin1").split("\r\n");
      const status = Number((lines[0] ?? "").split(" ")[1]);
      const headers = new Headers();
      for (const l of lines.slice(1)) {
        const k = l.indexOf(":");
        if (k > 0) headers.append(l.slice(0, k).trim(), l.slice(k + 1).trim());
      }
      let body: Buffer = all.subarray(end + 4);
      if ((headers.get("transfer-encoding") ?? "").includes("chunked")) body = decodeChunked(body);
      else if (headers.has("content-length"))
        body = body.subarray(0, Number(headers.get("content-length")));
      resolve({
        status,
        headers,
        text: body.toString("utf8"),
        parserLevel: !headers.has("x-request-id"),
      });
    };
    sock.on("end", finish);
    sock.on("connect", () => {
      const names = new Set(c.headers.map(([k]) => k));
      const head = [
        `${c.method} ${c.target} HTTP/1.1`,
        `host: 127.0.0.1:${port}`,
        "connection: close",
      ];
      for (const [k, v] of c.headers) head.push(`${k}: ${v}`);
      if (c.body && !names.has("content-length")) head.push(`content-length: ${c.body.byteLength}`);
      sock.write(Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"));
      if (c.body) sock.write(c.body);
    });
  });
}

async function send(c: FuzzCase): Promise<Answer> {
  const port = env.server.node.httpPort;
  if (c.raw) {
    const a = await sendRaw(c, port);
    if (!a.parserLevel && a.status >= 200) {
      const nobody = a.status === 204 || a.status === 304 || c.method === "HEAD";
      await checker.check(
        c.method,
        `${env.server.url}${c.target.split("#")[0]}`,
        new Response(nobody ? null : a.text, { status: a.status, headers: a.headers }),
      );
    }
    return a;
  }
  const headers = new Headers();
  for (const [k, v] of c.headers) headers.append(k, v);
  let res: Response;
  try {
    // Through the contract-checking fetch installed by createTestServer.
    res = await fetch(`${env.server.url}${c.target}`, {
      method: c.method,
      headers,
      ...(c.body ? { body: c.body } : {}),
      redirect: "manual",
    });
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("OpenAPI contract")) throw e;
    // fetch refuses some requests itself (a body on GET, odd bytes): send those raw.
    if (e instanceof TypeError) return send({ ...c, raw: true });
    throw e;
  }
  return { status: res.status, headers: res.headers, text: await res.text(), parserLevel: false };
}

/** The per-answer assertions; returns the problem, or undefined. */
function problemOf(c: FuzzCase, a: Answer): string | undefined {
  if ((a.status >= 500 && !a.parserLevel) || (a.status < 100 && !a.parserLevel))
    return `status ${a.status}: ${a.text.slice(0, 300)}`;
  if (a.status < 400) return undefined;
  if (a.parserLevel) {
    // Bun's parser answered before the app (malformed framing, > ~128 headers, an unknown method):
    // a bare 400/431 or a closed connection, no body to check.
    // Bun answers a request line it cannot parse at all (a NUL in the method) with a bare 505.
    return [0, 400, 431, 505].includes(a.status) ? undefined : `parser-level ${a.status}`;
  }
  if (c.method === "HEAD") {
    return a.headers.has("x-request-id") ? undefined : `HEAD ${a.status} without X-Request-Id`;
  }
  const type = (a.headers.get("content-type") ?? "").split(";")[0]?.trim();
  // As the server routes it (`/./oauth/x` is `/oauth/x`).
  const pathname = new URL(`http://h${c.target.split("?")[0]?.split("#")[0] ?? ""}`).pathname;
  if (type === "text/html" && /^\/(ui|oauth)\//.test(pathname)) return undefined;
  let body: Obj;
  try {
    body = JSON.parse(a.text) as Obj;
  } catch {
    return `${a.status} without a JSON error body (${type}): ${a.text.slice(0, 200)}`;
  }
  for (const k of ["error", "code", "request_id"])
    if (typeof body[k] !== "string")
      return `${a.status} error body without ${k}: ${a.text.slice(0, 300)}`;
  if (a.headers.get("x-request-id") !== body.request_id)
    return `${a.status} X-Request-Id ${a.headers.get("x-request-id")} != request_id ${body.request_id}`;
  if (
    c.method === "POST" &&
    OAUTH_ROUTES.has(pathname) &&
    typeof body.error_description !== "string"
  )
    return `${a.status} OAuth route without error_description: ${a.text.slice(0, 300)}`;
  return undefined;
}

test(
  `HTTP fuzzer: ${ONLY === undefined ? COUNT : 1} seeded cases (seed ${SEED})`,
  async () => {
    const ops = loadOperations(JSON.parse(readFileSync("docs/openapi.json", "utf8")));
    const failures: string[] = [];
    const stats = { sent: 0, raw: 0, parserLevel: 0, byStatus: new Map<number, number>() };
    const indexes = ONLY === undefined ? Array.from({ length: COUNT }, (_, i) => i) : [ONLY];
    let next = 0;
    const started = performance.now();
    const livez = async (at: number) => {
      const r = await env.server.fetch("/livez");
      await r.text();
      if (r.status !== 200)
        failures.push(`/livez answered ${r.status} after ${at} cases (seed ${SEED})`);
    };
    const worker = async () => {
      while (next < indexes.length && failures.length < MAX_FAILURES) {
        const i = indexes[next++] as number;
        const c = generateCase(ops, ctx, SEED, i);
        let problem: string | undefined;
        try {
          const a = await send(c);
          stats.byStatus.set(a.status, (stats.byStatus.get(a.status) ?? 0) + 1);
          if (a.parserLevel) stats.parserLevel++;
          problem = problemOf(c, a);
          if (TRACE.has(a.status)) console.log(`trace ${a.status}:\n${describeCase(c)}`);
        } catch (e) {
          problem = e instanceof Error ? e.message : String(e);
        }
        stats.sent++;
        if (c.raw) stats.raw++;
        if (problem) failures.push(`${problem}\n${describeCase(c)}`);
        if (stats.sent % 1000 === 0) await livez(stats.sent);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await livez(stats.sent);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const statuses = [...stats.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`);
    console.log(
      `fuzz: seed ${SEED}, ${stats.sent} cases (${stats.raw} raw, ${stats.parserLevel} refused by Bun's parser) in ${seconds} s; ${statuses.join(" ")}`,
    );
    if (failures.length > 0)
      throw new Error(`${failures.length} fuzz failure(s):\n\n${failures.join("\n\n")}`);
    expect(await snapshot()).toBe(before);
  },
  Number(process.env.FUZZ_TIMEOUT_MS ?? Math.max(120_000, COUNT * 20)),
);
