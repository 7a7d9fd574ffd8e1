/**
 * Native-app sign-in over gRPC (issue 13 item 4, docs/cli-sign-in.md "gRPC") with a real grpc-js
 * client: AuthService.AuthorizeCli (session) → ExchangeCliCode gives a CLI session that works as a
 * Bearer credential on both fronts; a wrong verifier burns the code; of concurrent exchanges of
 * one code exactly one succeeds; the device grant started over gRPC, approved (or denied) on the
 * HTTP device page and polled with ExchangeNativeToken (pending, slow_down, tokens, single use,
 * rotating refresh); the authorization code grant consented over HTTP and exchanged over gRPC.
 * Bad input to every new method (missing fields, huge strings, lone surrogates, mistyped or
 * undecodable wire fields) answers a typed status with the stable code, never INTERNAL/UNKNOWN.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash, randomBytes } from "node:crypto";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { ShiftedClock } from "../../support/shifted-clock.ts";
import {
  bearer,
  GrpcClients,
  type GrpcUser,
  type ServiceName,
  signUpGrpc,
} from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let user: GrpcUser;
const clock = new ShiftedClock();

beforeAll(async () => {
  server = await createTestServer({ smtp: true, clock });
  g = new GrpcClients(server.grpcAddress);
  user = await signUpGrpc(g, server, "Cli Grpc");
});
afterAll(async () => {
  g.close();
  await server.close();
});

const CLIENT = "inferadb-cli";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const INVALID = status.INVALID_ARGUMENT;

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

function expectCode(err: ServiceError | undefined, code: number, stable: string, field?: string) {
  expect(err).toBeDefined();
  expect(err?.code).toBe(code);
  expect(err?.metadata.get("x-error-code")).toEqual([stable]);
  expect(err?.metadata.get("x-request-id")[0]).toBeString();
  if (field !== undefined) expect(fieldsOf(err)).toContain(field);
}

const fieldsOf = (err: ServiceError | undefined) =>
  (JSON.parse(String(err?.metadata.get("x-error-details")[0] ?? "[]")) as { field: string }[]).map(
    (d) => d.field,
  );

const authorizeCli = (challenge: string, token = user.token) =>
  g.call(
    "AuthService",
    "AuthorizeCli",
    { code_challenge: challenge, code_challenge_method: "S256" },
    bearer(token),
  );
const exchangeCli = (code: string, verifier: string) =>
  g.call("AuthService", "ExchangeCliCode", { code, code_verifier: verifier });
const nativeToken = (req: Record<string, string>) =>
  g.call("AuthService", "ExchangeNativeToken", req);

/** A CLI code for `user` over gRPC (must succeed) and its verifier. */
async function cliCode() {
  const p = pkce();
  const { res, err } = await authorizeCli(p.challenge);
  expect(err).toBeUndefined();
  expect(res).toEqual({ code: expect.any(String), expires_in: 600 });
  return { code: res?.code as string, verifier: p.verifier };
}

const httpForm = (path: string, fields: Record<string, string>, token: string) =>
  server.fetch(path, {
    method: "POST",
    redirect: "manual",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields).toString(),
  });

const meId = async (token: string) =>
  ((await g.ok("UserService", "GetMe", {}, bearer(token))).user as { id: string }).id;

describe("CLI PKCE over gRPC", () => {
  test("AuthorizeCli → ExchangeCliCode → a CLI session working on GetMe and over HTTP", async () => {
    const { code, verifier } = await cliCode();
    const { res, err } = await exchangeCli(code, verifier);
    expect(err).toBeUndefined();
    expect(Object.keys(res ?? {}).sort()).toEqual(["expires_in", "session_token"]);
    expect(res?.expires_in as number).toBeGreaterThan(604_000);
    const token = res?.session_token as string;
    expect(await meId(token)).toBe(user.id);
    const viaHttp = await server.fetch("/v1/users/me", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaHttp.status).toBe(200);
    const sessions = await g.ok("UserService", "ListSessions", {}, bearer(token));
    const current = (
      sessions.sessions as { current: boolean; session_type: string; ip_address?: string }[]
    ).find((s) => s.current);
    expect(current).toMatchObject({ session_type: "CLI", ip_address: "127.0.0.1" });
    // Single use.
    expectCode((await exchangeCli(code, verifier)).err, status.UNAUTHENTICATED, "CLI_CODE_INVALID");
  });

  test("a code issued over HTTP is redeemed over gRPC", async () => {
    const p = pkce();
    const issued = await server.fetch("/v1/auth/cli/authorize", {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({ code_challenge: p.challenge, code_challenge_method: "S256" }),
    });
    expect(issued.status).toBe(200);
    const { code } = (await issued.json()) as { code: string };
    const { res, err } = await exchangeCli(code, p.verifier);
    expect(err).toBeUndefined();
    expect(await meId(res?.session_token as string)).toBe(user.id);
  });

  test("a wrong verifier burns the code: the right one then fails too", async () => {
    const { code, verifier } = await cliCode();
    const wrong = await exchangeCli(code, pkce().verifier);
    expectCode(wrong.err, status.UNAUTHENTICATED, "CLI_VERIFIER_INVALID");
    const after = await exchangeCli(code, verifier);
    expectCode(after.err, status.UNAUTHENTICATED, "CLI_CODE_INVALID");
  });

  test("concurrent ExchangeCliCode of one code: exactly one OK", async () => {
    const { code, verifier } = await cliCode();
    const results = await Promise.all(Array.from({ length: 6 }, () => exchangeCli(code, verifier)));
    const ok = results.filter((r) => r.err === undefined);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.err !== undefined)) {
      expectCode(r.err, status.UNAUTHENTICATED, "CLI_CODE_INVALID");
    }
    expect(await meId(ok[0]?.res?.session_token as string)).toBe(user.id);
  });

  test("the approving session's end makes the code CLI_SESSION_ENDED", async () => {
    const login = await g.ok("AuthService", "LoginPassword", {
      email: user.email,
      password: "correct horse battery staple",
    });
    const other = login.session_token as string;
    const p = pkce();
    const { res } = await authorizeCli(p.challenge, other);
    await g.ok("AuthService", "Logout", {}, bearer(other));
    const r = await exchangeCli(res?.code as string, p.verifier);
    expectCode(r.err, status.UNAUTHENTICATED, "CLI_SESSION_ENDED");
  });
});

describe("device grant over gRPC", () => {
  async function start(scope = "openid offline_access") {
    const { res, err } = await g.call("AuthService", "StartDeviceAuthorization", {
      client_id: CLIENT,
      scope,
    });
    expect(err).toBeUndefined();
    return res as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      verification_uri_complete: string;
      expires_in: number;
      interval: number;
    };
  }
  const poll = (deviceCode: string) =>
    nativeToken({ grant_type: DEVICE_GRANT, client_id: CLIENT, device_code: deviceCode });

  test("start → pending → slow_down → approved over HTTP → tokens; single use; refresh rotates", async () => {
    const d = await start();
    expect(d.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(d.verification_uri).toEndWith("/oauth/device");
    expect(d.verification_uri_complete).toBe(`${d.verification_uri}?user_code=${d.user_code}`);
    expect(d).toMatchObject({ expires_in: 600, interval: 5 });

    expectCode((await poll(d.device_code)).err, INVALID, "DEVICE_AUTHORIZATION_PENDING");
    expectCode((await poll(d.device_code)).err, INVALID, "DEVICE_SLOW_DOWN");

    const approved = await httpForm(
      "/oauth/device",
      { user_code: d.user_code, decision: "allow" },
      user.token,
    );
    expect(approved.status).toBe(200);
    // Past the (grown, 10 s) interval without waiting.
    clock.offset += 11_000;

    const { res, err } = await poll(d.device_code);
    expect(err).toBeUndefined();
    expect(res).toMatchObject({ token_type: "Bearer", scope: "openid offline_access" });
    expect(res?.expires_in as number).toBeGreaterThan(604_000);
    expect(res?.refresh_token).toBeString();
    expect(await meId(res?.access_token as string)).toBe(user.id);
    expectCode((await poll(d.device_code)).err, INVALID, "OAUTH_INVALID_GRANT");

    const refresh = { grant_type: "refresh_token", client_id: CLIENT };
    const rotated = await nativeToken({ ...refresh, refresh_token: res?.refresh_token as string });
    expect(rotated.err).toBeUndefined();
    expect(rotated.res?.refresh_token).not.toBe(res?.refresh_token);
    expect(await meId(rotated.res?.access_token as string)).toBe(user.id);
    // The previous session ended; the used refresh token replayed revokes the family.
    const old = await g.call("UserService", "GetMe", {}, bearer(res?.access_token as string));
    expectCode(old.err, status.UNAUTHENTICATED, "INVALID_SESSION");
    const replay = await nativeToken({ ...refresh, refresh_token: res?.refresh_token as string });
    expectCode(replay.err, INVALID, "OAUTH_INVALID_GRANT");
    const revoked = await g.call(
      "UserService",
      "GetMe",
      {},
      bearer(rotated.res?.access_token as string),
    );
    expectCode(revoked.err, status.UNAUTHENTICATED, "INVALID_SESSION");
  });

  test("without offline_access there is no refresh token; a denial is DEVICE_DENIED", async () => {
    const d = await start("openid");
    expect(
      (await httpForm("/oauth/device", { user_code: d.user_code, decision: "allow" }, user.token))
        .status,
    ).toBe(200);
    const { res, err } = await poll(d.device_code);
    expect(err).toBeUndefined();
    expect(res?.refresh_token).toBeUndefined();
    expect(res?.scope).toBe("openid");

    const denied = await start();
    expect(
      (
        await httpForm(
          "/oauth/device",
          { user_code: denied.user_code, decision: "deny" },
          user.token,
        )
      ).status,
    ).toBe(200);
    expectCode((await poll(denied.device_code)).err, INVALID, "DEVICE_DENIED");
    expectCode((await poll(denied.device_code)).err, INVALID, "OAUTH_INVALID_GRANT");
  });

  test("a device code of another client or expired", async () => {
    const d = await start();
    const other = await nativeToken({
      grant_type: DEVICE_GRANT,
      client_id: "someone-else",
      device_code: d.device_code,
    });
    expectCode(other.err, status.UNAUTHENTICATED, "OAUTH_INVALID_CLIENT");
    clock.offset += 601_000;
    expectCode((await poll(d.device_code)).err, INVALID, "DEVICE_EXPIRED");
  });
});

describe("authorization code grant exchanged over gRPC", () => {
  const REDIRECT = "http://127.0.0.1:50123/callback";

  async function consented(challenge: string) {
    const r = await httpForm(
      "/oauth/authorize",
      {
        response_type: "code",
        client_id: CLIENT,
        redirect_uri: REDIRECT,
        state: "st",
        code_challenge: challenge,
        code_challenge_method: "S256",
        scope: "openid offline_access",
        decision: "allow",
      },
      user.token,
    );
    expect(r.status).toBe(303);
    return new URL(r.headers.get("location") as string).searchParams.get("code") as string;
  }

  test("consent over HTTP → ExchangeNativeToken → tokens; a second use and a wrong redirect fail", async () => {
    const p = pkce();
    const code = await consented(p.challenge);
    const grant = {
      grant_type: "authorization_code",
      client_id: CLIENT,
      code,
      code_verifier: p.verifier,
      redirect_uri: REDIRECT,
    };
    const { res, err } = await nativeToken(grant);
    expect(err).toBeUndefined();
    expect(res).toMatchObject({ token_type: "Bearer", scope: "openid offline_access" });
    expect(await meId(res?.access_token as string)).toBe(user.id);
    expectCode((await nativeToken(grant)).err, INVALID, "OAUTH_INVALID_GRANT");

    const q = pkce();
    const other = await consented(q.challenge);
    const wrongRedirect = await nativeToken({
      ...grant,
      code: other,
      code_verifier: q.verifier,
      redirect_uri: "http://127.0.0.1:50123/elsewhere",
    });
    expectCode(wrongRedirect.err, INVALID, "OAUTH_INVALID_GRANT");
  });
});

// Bad input ----------------------------------------------------------------------------------------

const HUGE = "A".repeat(200_000);
const LONE = `${"a".repeat(42)}\ud800`;
const FIXED_CODE = "1234567890123456789.c2VjcmV0";

interface BadCase {
  name: string;
  method: string;
  req: Record<string, unknown>;
  auth?: "user" | "none";
  status: number;
  code: string;
  field?: string;
}

const grant = (o: Record<string, string>) => ({
  grant_type: DEVICE_GRANT,
  client_id: CLIENT,
  ...o,
});

const BAD_CASES: BadCase[] = [
  // AuthorizeCli
  {
    name: "AuthorizeCli without a session",
    method: "AuthorizeCli",
    req: { code_challenge: pkce().challenge, code_challenge_method: "S256" },
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "NO_SESSION",
  },
  {
    name: "AuthorizeCli with missing fields",
    method: "AuthorizeCli",
    req: {},
    status: INVALID,
    code: "PKCE_METHOD_UNSUPPORTED",
  },
  {
    name: "AuthorizeCli with plain PKCE",
    method: "AuthorizeCli",
    req: { code_challenge: pkce().challenge, code_challenge_method: "plain" },
    status: INVALID,
    code: "PKCE_METHOD_UNSUPPORTED",
  },
  {
    name: "AuthorizeCli without a challenge",
    method: "AuthorizeCli",
    req: { code_challenge_method: "S256" },
    status: INVALID,
    code: "PKCE_CHALLENGE_INVALID",
  },
  {
    name: "AuthorizeCli with a short challenge",
    method: "AuthorizeCli",
    req: { code_challenge: "abc", code_challenge_method: "S256" },
    status: INVALID,
    code: "PKCE_CHALLENGE_INVALID",
  },
  {
    name: "AuthorizeCli with a lone surrogate in the challenge",
    method: "AuthorizeCli",
    req: { code_challenge: LONE, code_challenge_method: "S256" },
    status: INVALID,
    code: "PKCE_CHALLENGE_INVALID",
  },
  {
    name: "AuthorizeCli with a huge challenge",
    method: "AuthorizeCli",
    req: { code_challenge: HUGE, code_challenge_method: "S256" },
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "code_challenge",
  },
  {
    name: "AuthorizeCli with a huge method",
    method: "AuthorizeCli",
    req: { code_challenge: pkce().challenge, code_challenge_method: HUGE },
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "code_challenge_method",
  },
  // ExchangeCliCode
  {
    name: "ExchangeCliCode with missing fields",
    method: "ExchangeCliCode",
    req: {},
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "CLI_CODE_INVALID",
  },
  {
    name: "ExchangeCliCode with an unknown code",
    method: "ExchangeCliCode",
    req: { code: FIXED_CODE, code_verifier: pkce().verifier },
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "CLI_CODE_INVALID",
  },
  {
    name: "ExchangeCliCode with a lone surrogate in the code",
    method: "ExchangeCliCode",
    req: { code: `1.${LONE}`, code_verifier: LONE },
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "CLI_CODE_INVALID",
  },
  {
    name: "ExchangeCliCode with a huge code",
    method: "ExchangeCliCode",
    req: { code: HUGE, code_verifier: "v" },
    auth: "none",
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "code",
  },
  {
    name: "ExchangeCliCode with a huge verifier",
    method: "ExchangeCliCode",
    req: { code: FIXED_CODE, code_verifier: HUGE },
    auth: "none",
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "code_verifier",
  },
  // ExchangeNativeToken
  {
    name: "ExchangeNativeToken with no fields",
    method: "ExchangeNativeToken",
    req: {},
    auth: "none",
    status: INVALID,
    code: "OAUTH_UNSUPPORTED_GRANT_TYPE",
  },
  {
    name: "ExchangeNativeToken with the password grant",
    method: "ExchangeNativeToken",
    req: { grant_type: "password", client_id: CLIENT },
    auth: "none",
    status: INVALID,
    code: "OAUTH_UNSUPPORTED_GRANT_TYPE",
  },
  {
    name: "ExchangeNativeToken with a lone surrogate in the grant type",
    method: "ExchangeNativeToken",
    req: { grant_type: "refresh_token\ud800", client_id: CLIENT },
    auth: "none",
    status: INVALID,
    code: "OAUTH_UNSUPPORTED_GRANT_TYPE",
  },
  ...["authorization_code", "refresh_token", DEVICE_GRANT].map(
    (type): BadCase => ({
      name: `ExchangeNativeToken ${type} without a client`,
      method: "ExchangeNativeToken",
      req: { grant_type: type },
      auth: "none",
      status: status.UNAUTHENTICATED,
      code: "OAUTH_INVALID_CLIENT",
    }),
  ),
  {
    name: "ExchangeNativeToken with a lone surrogate in the client id",
    method: "ExchangeNativeToken",
    req: grant({ client_id: "inferadb-cli\ud800", device_code: FIXED_CODE }),
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "OAUTH_INVALID_CLIENT",
  },
  {
    name: "ExchangeNativeToken authorization_code without code and verifier",
    method: "ExchangeNativeToken",
    req: { grant_type: "authorization_code", client_id: CLIENT },
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_REQUEST",
  },
  {
    name: "ExchangeNativeToken authorization_code with an unknown code",
    method: "ExchangeNativeToken",
    req: {
      grant_type: "authorization_code",
      client_id: CLIENT,
      code: FIXED_CODE,
      code_verifier: pkce().verifier,
      redirect_uri: "http://localhost:8787/callback",
    },
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_GRANT",
  },
  {
    name: "ExchangeNativeToken refresh_token without a token",
    method: "ExchangeNativeToken",
    req: { grant_type: "refresh_token", client_id: CLIENT },
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_GRANT",
  },
  {
    name: "ExchangeNativeToken refresh_token with a lone surrogate",
    method: "ExchangeNativeToken",
    req: { grant_type: "refresh_token", client_id: CLIENT, refresh_token: `1.${LONE}` },
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_GRANT",
  },
  {
    name: "ExchangeNativeToken device grant without a device code",
    method: "ExchangeNativeToken",
    req: grant({}),
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_GRANT",
  },
  {
    name: "ExchangeNativeToken device grant with an unknown device code",
    method: "ExchangeNativeToken",
    req: grant({ device_code: FIXED_CODE }),
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_GRANT",
  },
  ...(
    [
      "grant_type",
      "client_id",
      "code",
      "code_verifier",
      "redirect_uri",
      "refresh_token",
      "device_code",
    ] as const
  ).map(
    (field): BadCase => ({
      name: `ExchangeNativeToken with a huge ${field}`,
      method: "ExchangeNativeToken",
      req: { ...grant({ device_code: FIXED_CODE }), [field]: HUGE },
      auth: "none",
      status: INVALID,
      code: "VALIDATION_FAILED",
      field,
    }),
  ),
  // StartDeviceAuthorization
  {
    name: "StartDeviceAuthorization with no fields",
    method: "StartDeviceAuthorization",
    req: {},
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "OAUTH_INVALID_CLIENT",
  },
  {
    name: "StartDeviceAuthorization with an unknown client",
    method: "StartDeviceAuthorization",
    req: { client_id: "nobody", scope: "openid" },
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "OAUTH_INVALID_CLIENT",
  },
  {
    name: "StartDeviceAuthorization with an unknown scope",
    method: "StartDeviceAuthorization",
    req: { client_id: CLIENT, scope: "openid admin" },
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_SCOPE",
  },
  {
    name: "StartDeviceAuthorization with a lone surrogate in the scope",
    method: "StartDeviceAuthorization",
    req: { client_id: CLIENT, scope: "openid\ud800" },
    auth: "none",
    status: INVALID,
    code: "OAUTH_INVALID_SCOPE",
  },
  {
    name: "StartDeviceAuthorization with a huge scope",
    method: "StartDeviceAuthorization",
    req: { client_id: CLIENT, scope: HUGE },
    auth: "none",
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "scope",
  },
  {
    name: "StartDeviceAuthorization with a huge client id",
    method: "StartDeviceAuthorization",
    req: { client_id: HUGE },
    auth: "none",
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "client_id",
  },
];

/** A protobuf length-delimited field: tag, varint length, raw bytes. */
function lenField(no: number, bytes: Uint8Array): Buffer {
  const len: number[] = [];
  let n = bytes.length;
  while (n >= 0x80) {
    len.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  len.push(n);
  return Buffer.concat([Buffer.from([(no << 3) | 2, ...len]), Buffer.from(bytes)]);
}

function rawCall(method: string, bytes: Buffer, md: Metadata) {
  const service: ServiceName = "AuthService";
  const client = g.client(service);
  return new Promise<ServiceError | null>((resolve) => {
    client.makeUnaryRequest(
      `/inferadb.management.v1.${service}/${method}`,
      () => bytes,
      (b: Buffer) => b,
      {},
      md,
      (err) => resolve(err),
    );
  });
}

const METHODS = [
  "AuthorizeCli",
  "ExchangeCliCode",
  "ExchangeNativeToken",
  "StartDeviceAuthorization",
] as const;

describe("native sign-in over gRPC: bad input → typed statuses", () => {
  test.each(BAD_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const md = c.auth === "none" ? new Metadata() : bearer(user.token);
    const { err } = await g.call("AuthService", c.method, c.req, md);
    expectCode(err, c.status, c.code, c.field);
  });

  test.each(METHODS.map((m) => [m]))(
    "%s: mistyped, undecodable, invalid UTF-8 and oversized wire fields are typed refusals",
    async (method) => {
      const md = bearer(user.token);
      // A typed refusal: the status of the use case's error or of an undecodable message.
      const typed = (err: ServiceError | null, also: number[] = []) => {
        expect([INVALID, status.UNAUTHENTICATED, ...also]).toContain(err?.code as number);
        expect(err?.metadata.get("x-error-code")[0]).toBeString();
      };
      // Field 1 (a string in every request) sent as the varint 150: protobufjs skips a field of
      // the wrong wire type, so the use case sees it missing.
      typed(await rawCall(method, Buffer.from([0x08, 0x96, 0x01]), md));
      const garbage = await rawCall(method, Buffer.from([0xff, 0xff, 0xff]), md);
      expect(garbage?.code).toBe(INVALID);
      expect(garbage?.metadata.get("x-error-code")).toEqual(["INVALID_ARGUMENT"]);
      // A length prefix past the end of the message.
      typed(await rawCall(method, Buffer.from([0x0a, 0x96, 0x01, 0x41]), md));
      // Invalid UTF-8 in fields 1 and 2 (decoded as U+FFFD): refused by the use case.
      typed(
        await rawCall(
          method,
          Buffer.concat([
            lenField(1, Uint8Array.from([0x41, 0xff, 0x42])),
            lenField(2, Uint8Array.from([0xc3, 0x28])),
          ]),
          md,
        ),
      );
      typed(await rawCall(method, lenField(1, new TextEncoder().encode("x".repeat(900_000))), md), [
        status.RESOURCE_EXHAUSTED,
      ]);
    },
  );

  test("a malformed authorization header does not matter to the public methods", async () => {
    const md = new Metadata();
    md.set("authorization", "Basic Zm9vOmJhcg==");
    const { err } = await g.call(
      "AuthService",
      "StartDeviceAuthorization",
      { client_id: CLIENT, scope: "openid" },
      md,
    );
    expect(err).toBeUndefined();
    const cli = await g.call(
      "AuthService",
      "AuthorizeCli",
      { code_challenge: pkce().challenge, code_challenge_method: "S256" },
      md,
    );
    expectCode(cli.err, status.UNAUTHENTICATED, "INVALID_SESSION");
  });
});
