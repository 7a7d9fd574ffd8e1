/**
 * The gRPC fuzzer (docs/robustness.md, "gRPC fuzzer and independent clients"): a real server on a
 * real socket, and raw wire bytes from ./grpc-fuzz.ts sent to every unary method of every
 * service with a passthrough serializer (grpc-js never re-encodes them). Asserted for every
 * call: the status is one a client can act on (OK where the bytes happen to be a valid request,
 * else INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, RESOURCE_EXHAUSTED,
 * ALREADY_EXISTS, FAILED_PRECONDITION, OUT_OF_RANGE; never INTERNAL, UNKNOWN or a hang), our
 * services' errors carry `x-error-code` and `x-request-id`, an OK answer decodes as the method's
 * response message; afterwards the server still answers the health service, `/livez` and a
 * signed-in call.
 *
 * `FUZZ_GRPC_CALLS` (else `FUZZ_REQUESTS`) sets the number of calls (default 3000); `FUZZ_SEED`
 * the seed (default 15, or random when a count was given: `npm run fuzz`); `FUZZ_CASE=i` replays
 * the one case a failure names. A failure prints the seed, the case, the method, the metadata and
 * the bytes in hex.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { bearer, GrpcClients, signUpGrpc } from "../../e2e/grpc/grpc-harness.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  type FuzzCase,
  type FuzzIds,
  fuzzMethods,
  hexOf,
  makeCase,
  makeMetadata,
} from "./grpc-fuzz.ts";

const countEnv = process.env.FUZZ_GRPC_CALLS ?? process.env.FUZZ_REQUESTS;
const CALLS = Number(countEnv ?? 3000);
const SEED =
  process.env.FUZZ_SEED !== undefined
    ? Number(process.env.FUZZ_SEED)
    : countEnv !== undefined
      ? Math.floor(Math.random() * 2 ** 31)
      : 15;
const ONLY = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const DEADLINE_MS = 10_000;

const ALLOWED = new Set<number>([
  status.OK,
  status.INVALID_ARGUMENT,
  status.UNAUTHENTICATED,
  status.PERMISSION_DENIED,
  status.NOT_FOUND,
  status.RESOURCE_EXHAUSTED,
  status.ALREADY_EXISTS,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
]);

const PASSWORD = "correct horse battery staple";

let server: TestServer;
let g: GrpcClients;
let raw: Client;
/** Near-limit and oversized messages go over their own connection (see docs/robustness.md). */
let rawLarge: Client;
const ids: FuzzIds = { own: [], foreign: [] };
const tokens = { owner: "", other: "" };
let ownerEmail = "";

/** A fresh owner session, organization, team, vault and client (after the fuzz revoked them). */
async function setUpOwner(): Promise<void> {
  const owner = await signUpGrpc(g, server, "Fuzz Owner");
  ownerEmail = owner.email;
  tokens.owner = owner.token;
  const md = bearer(owner.token);
  const org = (await g.ok("OrganizationService", "Create", { name: "Fuzzed" }, md))
    .organization as { id: string };
  const team = (await g.ok("TeamService", "CreateTeam", { organization_id: org.id, name: "T" }, md))
    .team as { id: string };
  const vault = (
    await g.ok("VaultService", "CreateVault", { organization_id: org.id, name: "V" }, md)
  ).vault as { id: string };
  const client = (
    await g.ok("ClientService", "CreateClient", { organization_id: org.id, name: "C" }, md)
  ).client as { id: string };
  ids.own.push(owner.id, org.id, team.id, vault.id, client.id);
}

/** Signs the owner in again when a fuzzed call ended its session (Logout, RevokeSession, …). */
async function keepOwnerSignedIn(): Promise<void> {
  if (!(await g.call("UserService", "GetMe", {}, bearer(tokens.owner))).err) return;
  const login = await g.call("AuthService", "LoginPassword", {
    email: ownerEmail,
    password: PASSWORD,
  });
  if (login.res?.session_token) tokens.owner = login.res.session_token as string;
  else await setUpOwner(); // deleted, or the password was changed
}

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  raw = new Client(server.grpcAddress, credentials.createInsecure());
  rawLarge = new Client(server.grpcAddress, credentials.createInsecure(), {
    "grpc.use_local_subchannel_pool": 1,
  });
  await setUpOwner();
  const other = await signUpGrpc(g, server, "Fuzz Outsider");
  tokens.other = other.token;
  const foreignOrg = (
    await g.ok("OrganizationService", "Create", { name: "Foreign" }, bearer(other.token))
  ).organization as { id: string };
  ids.foreign.push(other.id, foreignOrg.id);
});

afterAll(async () => {
  raw?.close();
  rawLarge?.close();
  g?.close();
  await server?.close();
});

interface Outcome {
  code: number;
  err?: ServiceError;
  body?: Buffer;
}

/** Large cases run one at a time: see "Known limits" in docs/robustness.md (Bun's HTTP/2). */
let largeQueue: Promise<unknown> = Promise.resolve();

function send(c: FuzzCase, entries: [string, string][]): Promise<Outcome> {
  const large = c.strategy === "huge-field" || c.strategy === "oversized";
  if (!large) return sendOn(raw, c, entries);
  const p = largeQueue.then(() => sendOn(rawLarge, c, entries));
  largeQueue = p;
  return p;
}

function sendOn(client: Client, c: FuzzCase, entries: [string, string][]): Promise<Outcome> {
  const md = new Metadata();
  for (const [k, v] of entries) md.add(k, v);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      c.method.path,
      (b: Buffer) => b,
      (b: Buffer) => b,
      c.bytes,
      md,
      { deadline: Date.now() + DEADLINE_MS },
      (err, body) => resolve(err ? { code: err.code, err } : { code: status.OK, body }),
    );
  });
}

/** What is wrong with an outcome, or null. */
function problemOf(c: FuzzCase, o: Outcome): string | null {
  if (!ALLOWED.has(o.code)) return `status ${status[o.code] ?? o.code}: ${o.err?.details}`;
  if (o.code === status.OK) {
    try {
      c.method.decodeResponse(o.body ?? Buffer.alloc(0));
    } catch (e) {
      return `OK, but the response does not decode: ${e}`;
    }
    return null;
  }
  // Transport-level refusals (message or metadata over the limit) come from grpc-js itself.
  const ours = c.method.service.startsWith("inferadb.");
  if (ours && o.code !== status.RESOURCE_EXHAUSTED) {
    if (o.err?.metadata.get("x-error-code").length !== 1) return "no x-error-code on the error";
    if (o.err?.metadata.get("x-request-id").length !== 1) return "no x-request-id on the error";
  }
  return null;
}

describe("gRPC fuzzer", () => {
  test(
    `${CALLS} fuzzed calls (seed ${SEED}) answer typed statuses; the server stays up`,
    async () => {
      const methods = fuzzMethods();
      expect(methods.length).toBeGreaterThan(90);
      const maxBytes = server.config.server.max_body_bytes;
      const failures: string[] = [];
      const byStatus = new Map<string, number>();
      const byStrategy = new Map<string, number>();
      const started = performance.now();
      const indices = ONLY !== undefined ? [ONLY] : Array.from({ length: CALLS }, (_, i) => i);
      let next = 0;
      let sinceCheck = 0;
      const worker = async () => {
        while (next < indices.length) {
          const index = indices[next++] as number;
          const c = makeCase(SEED, index, methods, ids, maxBytes);
          const meta = makeMetadata(c.rng, tokens);
          const o = await send(c, meta.entries);
          const name = status[o.code] ?? String(o.code);
          byStatus.set(name, (byStatus.get(name) ?? 0) + 1);
          byStrategy.set(c.strategy, (byStrategy.get(c.strategy) ?? 0) + 1);
          const problem = problemOf(c, o);
          if (problem && failures.length < 25) {
            failures.push(
              [
                `FUZZ_SEED=${SEED} FUZZ_CASE=${index}: ${c.method.path} (${c.strategy}, auth ${meta.auth})`,
                `  ${problem}`,
                `  x-error-code: ${o.err?.metadata.get("x-error-code")[0]}`,
                `  metadata: ${JSON.stringify(meta.entries.map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v]))}`,
                `  bytes: ${hexOf(c.bytes)}`,
              ].join("\n"),
            );
          }
          if (++sinceCheck >= 100) {
            sinceCheck = 0;
            await keepOwnerSignedIn();
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const ms = performance.now() - started;
      console.log(
        `gRPC fuzz: seed ${SEED}, ${indices.length} calls over ${methods.length} methods in ${ms.toFixed(0)} ms; ` +
          `statuses ${JSON.stringify(Object.fromEntries(byStatus))}; strategies ${JSON.stringify(Object.fromEntries(byStrategy))}`,
      );
      if (failures.length) console.log(failures.join("\n\n"));
      expect(failures).toEqual([]);

      // Still up: the standard health service, /livez, and a signed-in call.
      const check = await new Promise<Outcome>((resolve) =>
        raw.makeUnaryRequest(
          "/grpc.health.v1.Health/Check",
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.alloc(0),
          new Metadata(),
          { deadline: Date.now() + 5000 },
          (err, body) => resolve(err ? { code: err.code, err } : { code: status.OK, body }),
        ),
      );
      expect(check.code).toBe(status.OK);
      expect(check.body?.toString("hex")).toBe("0801"); // status: SERVING
      expect((await server.fetch("/livez")).status).toBe(200);
      await keepOwnerSignedIn();
      expect((await g.call("UserService", "GetMe", {}, bearer(tokens.owner))).err).toBeUndefined();
    },
    Math.max(120_000, CALLS * 40),
  );
});
