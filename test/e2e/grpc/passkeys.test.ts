/**
 * Passkeys over gRPC (issue 12 item 4, docs/passkeys.md) with a real grpc-js client and the
 * software authenticator of test/support/webauthn.ts: UserService enrolment (options as
 * `options_json`, the authenticator's response as `credential_json`), list, rename, delete;
 * AuthService usernameless and email sign-in giving a session that works as a Bearer credential;
 * refusals (wrong origin, replayed challenge, deleted passkey) UNAUTHENTICATED; the same
 * authenticator twice ALREADY_EXISTS; the 21st passkey INVALID_ARGUMENT. Bad input to every new
 * method (malformed, huge, deep or mistyped JSON, lone surrogates, bad ids, undecodable fields)
 * answers a typed status with the stable code, never INTERNAL or UNKNOWN.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { SoftAuthenticator } from "../../support/webauthn.ts";
import {
  asProto,
  bearer,
  GrpcClients,
  type GrpcUser,
  http,
  type ServiceName,
  signUpGrpc,
} from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let user: GrpcUser;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  user = await signUpGrpc(g, server, "Passkey Grpc");
});
afterAll(async () => {
  g.close();
  await server.close();
});

type Options = { challenge: string; user?: { id: string }; allowCredentials?: { id: string }[] };

const FIXED_ID = "1234567890123456789";

async function regOptions(u: GrpcUser): Promise<Options> {
  const r = await g.ok("UserService", "BeginPasskeyRegistration", {}, bearer(u.token));
  return JSON.parse(r.options_json as string) as Options;
}

async function enrol(u: GrpcUser, auth: SoftAuthenticator, name?: string) {
  const credential = auth.register(await regOptions(u));
  return g.call(
    "UserService",
    "FinishPasskeyRegistration",
    { credential_json: JSON.stringify(credential), ...(name ? { name } : {}) },
    bearer(u.token),
  );
}

/** Enrols `auth` for `u` (must succeed); the Passkey message. */
async function enrolled(u: GrpcUser, auth: SoftAuthenticator) {
  const { res, err } = await enrol(u, auth);
  expect(err).toBeUndefined();
  return (res as { passkey: Record<string, unknown> & { id: string } }).passkey;
}

async function signInOptions(email?: string): Promise<Options> {
  const r = await g.ok("AuthService", "BeginPasskeySignIn", email === undefined ? {} : { email });
  return JSON.parse(r.options_json as string) as Options;
}

const finish = (credential: unknown) =>
  g.call("AuthService", "FinishPasskeySignIn", { credential_json: JSON.stringify(credential) });

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

describe("passkeys over gRPC", () => {
  test("enrol, list, rename; usernameless sign-in gives a working session; HTTP sees the same", async () => {
    const auth = new SoftAuthenticator();
    const options = await regOptions(user);
    expect(options.challenge).toBeString();
    const { res, err } = await g.call(
      "UserService",
      "FinishPasskeyRegistration",
      { credential_json: JSON.stringify(auth.register(options)), name: "Laptop" },
      bearer(user.token),
    );
    expect(err).toBeUndefined();
    const passkey = res?.passkey as Record<string, unknown>;
    expect(passkey).toMatchObject({ name: "Laptop", transports: ["internal"] });
    expect(passkey.last_used_at).toBeUndefined();
    expect(JSON.stringify(res)).not.toContain(auth.id);

    const listed = await g.ok("UserService", "ListPasskeys", {}, bearer(user.token));
    expect(listed.passkeys).toEqual([passkey]);
    const viaHttp = await http(server, "GET", "/v1/users/passkeys", user.token);
    expect(asProto(viaHttp.body)).toEqual(listed);

    const renamed = await g.ok(
      "UserService",
      "RenamePasskey",
      { passkey_id: passkey.id, name: "  Phone " },
      bearer(user.token),
    );
    expect((renamed.passkey as { name: string }).name).toBe("Phone");

    const usernameless = await signInOptions();
    expect(usernameless.allowCredentials ?? []).toEqual([]);
    const { res: signedIn, err: signInErr } = await finish(auth.authenticate(usernameless));
    expect(signInErr).toBeUndefined();
    expect(Object.keys(signedIn ?? {}).sort()).toEqual(
      ["name", "session_id", "session_token", "user_id"].sort(),
    );
    expect(signedIn).toMatchObject({ user_id: user.id, name: "Passkey Grpc" });
    const token = signedIn?.session_token as string;
    const me = await g.ok("UserService", "GetMe", {}, bearer(token));
    expect((me.user as { id: string }).id).toBe(user.id);
    const sessions = await g.ok("UserService", "ListSessions", {}, bearer(token));
    const current = (sessions.sessions as { session_id: string; current: boolean }[]).find(
      (s) => s.current,
    );
    expect(current?.session_id).toBe(signedIn?.session_id as string);

    const byEmail = await signInOptions(user.email);
    expect(byEmail.allowCredentials?.map((c) => c.id)).toEqual([auth.id]);
    expect((await finish(auth.authenticate(byEmail))).err).toBeUndefined();
    const after = await g.ok("UserService", "ListPasskeys", {}, bearer(user.token));
    expect((after.passkeys as { last_used_at?: string }[])[0]?.last_used_at).toBeString();
  });

  test("wrong origin, replayed challenge, deleted passkey: UNAUTHENTICATED PASSKEY_SIGN_IN_FAILED", async () => {
    const u = await signUpGrpc(g, server, "Refused");
    const auth = new SoftAuthenticator("EdDSA");
    const { id } = await enrolled(u, auth);

    const wrongOrigin = await finish(
      auth.authenticate(await signInOptions(), { origin: "https://evil.example" }),
    );
    expectCode(wrongOrigin.err, status.UNAUTHENTICATED, "PASSKEY_SIGN_IN_FAILED");

    const options = await signInOptions(u.email);
    const response = auth.authenticate(options);
    expect((await finish(response)).err).toBeUndefined();
    const replayed = await finish(response);
    expectCode(replayed.err, status.UNAUTHENTICATED, "PASSKEY_SIGN_IN_FAILED");
    // A fresh assertion over the used challenge (a counter that grew) is refused the same way.
    const again = await finish(auth.authenticate(options));
    expectCode(again.err, status.UNAUTHENTICATED, "PASSKEY_SIGN_IN_FAILED");
    expect(again.err?.details).toBe(wrongOrigin.err?.details as string);

    expect(await g.ok("UserService", "DeletePasskey", { passkey_id: id }, bearer(u.token))).toEqual(
      {},
    );
    expect((await g.ok("UserService", "ListPasskeys", {}, bearer(u.token))).passkeys).toEqual([]);
    const gone = await finish(auth.authenticate(await signInOptions()));
    expectCode(gone.err, status.UNAUTHENTICATED, "PASSKEY_SIGN_IN_FAILED");
    const deletedTwice = await g.call(
      "UserService",
      "DeletePasskey",
      { passkey_id: id },
      bearer(u.token),
    );
    expectCode(deletedTwice.err, status.NOT_FOUND, "PASSKEY_NOT_FOUND");
  });

  test("another user's passkey is NOT_FOUND to rename or delete", async () => {
    const owner = await signUpGrpc(g, server, "Owner");
    const stranger = await signUpGrpc(g, server, "Stranger");
    const passkey = await enrolled(owner, new SoftAuthenticator());
    const id = passkey.id;
    for (const [method, req] of [
      ["RenamePasskey", { passkey_id: id, name: "Mine" }],
      ["DeletePasskey", { passkey_id: id }],
    ] as const) {
      const { err } = await g.call("UserService", method, req, bearer(stranger.token));
      expectCode(err, status.NOT_FOUND, "PASSKEY_NOT_FOUND");
    }
    expect((await g.ok("UserService", "ListPasskeys", {}, bearer(owner.token))).passkeys).toEqual([
      passkey,
    ]);
  });

  test("enrolment defects: the same authenticator twice ALREADY_EXISTS, replay and wrong origin INVALID_ARGUMENT, the 21st passkey INVALID_ARGUMENT", async () => {
    const u = await signUpGrpc(g, server, "Collector");
    const auth = new SoftAuthenticator();
    expect((await enrol(u, auth)).err).toBeUndefined();
    expectCode((await enrol(u, auth)).err, status.ALREADY_EXISTS, "PASSKEY_ALREADY_REGISTERED");

    const options = await regOptions(u);
    const evil = new SoftAuthenticator().register(options, { origin: "https://evil.example" });
    const wrong = await g.call(
      "UserService",
      "FinishPasskeyRegistration",
      { credential_json: JSON.stringify(evil) },
      bearer(u.token),
    );
    expectCode(wrong.err, status.INVALID_ARGUMENT, "PASSKEY_VERIFICATION_FAILED");
    const replay = await g.call(
      "UserService",
      "FinishPasskeyRegistration",
      { credential_json: JSON.stringify(new SoftAuthenticator().register(options)) },
      bearer(u.token),
    );
    expectCode(replay.err, status.INVALID_ARGUMENT, "PASSKEY_CHALLENGE_INVALID");

    for (let i = 1; i < 20; i++)
      expect((await enrol(u, new SoftAuthenticator())).err).toBeUndefined();
    const limit = await g.call("UserService", "BeginPasskeyRegistration", {}, bearer(u.token));
    expectCode(limit.err, status.INVALID_ARGUMENT, "PASSKEY_LIMIT");
  });
});

// Bad input ----------------------------------------------------------------------------------------

const HUGE = "A".repeat(200_000);
const DEEP = `${"[".repeat(5000)}${"]".repeat(5000)}`;

/** A credential of the right shape (its challenge unknown to the server). */
function shaped(kind: "registration" | "authentication"): Record<string, unknown> {
  const auth = new SoftAuthenticator();
  const options = { challenge: "A".repeat(43) };
  return kind === "registration" ? auth.register(options) : auth.authenticate(options);
}

/** `credential_json` values that are not a credential, with the field they must name. */
function badCredentials(kind: "registration" | "authentication"): [string, string, string][] {
  const good = shaped(kind);
  const response = good.response as Record<string, unknown>;
  return [
    ["empty", "", "credential_json"],
    ["not JSON", "{", "credential_json"],
    ["trailing garbage", `${JSON.stringify(good)}x`, "credential_json"],
    ["huge", JSON.stringify({ ...good, id: HUGE }), "credential_json"],
    ["a huge string", HUGE, "credential_json"],
    ["deeply nested", DEEP, "credential_json"],
    ["a JSON string", '"public-key"', "credential_json"],
    ["null", "null", "credential_json"],
    ["an array", "[]", "credential_json"],
    ["an empty object", "{}", "credential_json.id"],
    ["a numeric id", JSON.stringify({ ...good, id: 5 }), "credential_json.id"],
    ["another type", JSON.stringify({ ...good, type: "password" }), "credential_json.type"],
    [
      "a lone surrogate in the id",
      JSON.stringify(good).replace(`"id":"${good.id}"`, '"id":"\\ud800"'),
      "credential_json.id",
    ],
    [
      "a raw lone surrogate in the id",
      JSON.stringify({ ...good, id: "ab\ud800cd" }),
      "credential_json.id",
    ],
    [
      "a non-base64url clientDataJSON",
      JSON.stringify({ ...good, response: { ...response, clientDataJSON: "not base64!" } }),
      "credential_json.response.clientDataJSON",
    ],
    [
      "a response that is a string",
      JSON.stringify({ ...good, response: "x" }),
      "credential_json.response",
    ],
  ];
}

interface BadCase {
  name: string;
  service: ServiceName;
  method: string;
  req: () => Record<string, unknown>;
  auth?: "none";
  status: number;
  code: string;
  field?: string;
}

const INVALID = status.INVALID_ARGUMENT;

const BAD_CASES: BadCase[] = [
  ...badCredentials("authentication").map(
    ([name, json, field]): BadCase => ({
      name: `FinishPasskeySignIn with ${name}`,
      service: "AuthService",
      method: "FinishPasskeySignIn",
      req: () => ({ credential_json: json }),
      auth: "none",
      status: INVALID,
      code: "VALIDATION_FAILED",
      field,
    }),
  ),
  ...badCredentials("registration").map(
    ([name, json, field]): BadCase => ({
      name: `FinishPasskeyRegistration with ${name}`,
      service: "UserService",
      method: "FinishPasskeyRegistration",
      req: () => ({ credential_json: json }),
      status: INVALID,
      code: "VALIDATION_FAILED",
      field,
    }),
  ),
  {
    name: "FinishPasskeySignIn with a well-shaped credential of an unknown challenge",
    service: "AuthService",
    method: "FinishPasskeySignIn",
    req: () => ({ credential_json: JSON.stringify(shaped("authentication")) }),
    auth: "none",
    status: status.UNAUTHENTICATED,
    code: "PASSKEY_SIGN_IN_FAILED",
  },
  {
    name: "FinishPasskeyRegistration with a well-shaped credential of an unknown challenge",
    service: "UserService",
    method: "FinishPasskeyRegistration",
    req: () => ({ credential_json: JSON.stringify(shaped("registration")) }),
    status: INVALID,
    code: "PASSKEY_CHALLENGE_INVALID",
  },
  {
    name: "FinishPasskeyRegistration with a name over 100 characters",
    service: "UserService",
    method: "FinishPasskeyRegistration",
    req: () => ({ credential_json: JSON.stringify(shaped("registration")), name: "n".repeat(101) }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "name",
  },
  {
    name: "FinishPasskeyRegistration with a lone surrogate in the name",
    service: "UserService",
    method: "FinishPasskeyRegistration",
    req: () => ({ credential_json: JSON.stringify(shaped("registration")), name: "Key \ud800" }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "name",
  },
  {
    name: "BeginPasskeySignIn with an email over 320 characters",
    service: "AuthService",
    method: "BeginPasskeySignIn",
    req: () => ({ email: `${"e".repeat(320)}@example.com` }),
    auth: "none",
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "email",
  },
  {
    name: "BeginPasskeySignIn with something that is not an address",
    service: "AuthService",
    method: "BeginPasskeySignIn",
    req: () => ({ email: "not-an-address" }),
    auth: "none",
    status: INVALID,
    code: "PASSKEY_EMAIL_INVALID",
  },
  ...(
    [
      ["BeginPasskeyRegistration", {}],
      ["FinishPasskeyRegistration", { credential_json: JSON.stringify(shaped("registration")) }],
      ["ListPasskeys", {}],
      ["RenamePasskey", { passkey_id: FIXED_ID, name: "N" }],
      ["DeletePasskey", { passkey_id: FIXED_ID }],
    ] as const
  ).map(
    ([method, req]): BadCase => ({
      name: `${method} without credentials`,
      service: "UserService",
      method,
      req: () => req,
      auth: "none",
      status: status.UNAUTHENTICATED,
      code: "NO_SESSION",
    }),
  ),
  ...["", "abc", "0", "-1", "01", "99999999999999999999", "1 2", "١٢٣", "\ud800"].flatMap(
    (bad): BadCase[] => [
      {
        name: `RenamePasskey with id ${JSON.stringify(bad)}`,
        service: "UserService",
        method: "RenamePasskey",
        req: () => ({ passkey_id: bad, name: "N" }),
        status: INVALID,
        code: "INVALID_ID",
        field: "passkey_id",
      },
      {
        name: `DeletePasskey with id ${JSON.stringify(bad)}`,
        service: "UserService",
        method: "DeletePasskey",
        req: () => ({ passkey_id: bad }),
        status: INVALID,
        code: "INVALID_ID",
        field: "passkey_id",
      },
    ],
  ),
  {
    name: "RenamePasskey of an unknown passkey",
    service: "UserService",
    method: "RenamePasskey",
    req: () => ({ passkey_id: FIXED_ID, name: "N" }),
    status: status.NOT_FOUND,
    code: "PASSKEY_NOT_FOUND",
  },
  {
    name: "DeletePasskey of an unknown passkey",
    service: "UserService",
    method: "DeletePasskey",
    req: () => ({ passkey_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "PASSKEY_NOT_FOUND",
  },
  {
    name: "RenamePasskey to a blank name",
    service: "UserService",
    method: "RenamePasskey",
    req: () => ({ passkey_id: FIXED_ID, name: "   " }),
    status: INVALID,
    code: "PASSKEY_NAME_INVALID",
  },
  {
    name: "RenamePasskey to a huge name",
    service: "UserService",
    method: "RenamePasskey",
    req: () => ({ passkey_id: FIXED_ID, name: HUGE }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "name",
  },
  {
    name: "RenamePasskey with a bad id and a lone surrogate in the name names both",
    service: "UserService",
    method: "RenamePasskey",
    req: () => ({ passkey_id: "x", name: "\udfff" }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "name",
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

function rawCall(service: ServiceName, method: string, bytes: Buffer, md: Metadata) {
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

describe("passkeys over gRPC: bad input → typed statuses", () => {
  test.each(BAD_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const md = c.auth === "none" ? new Metadata() : bearer(user.token);
    const { err } = await g.call(c.service, c.method, c.req(), md);
    expectCode(err, c.status, c.code, c.field);
  });

  test("both problems of a request are named (bad id and bad name)", async () => {
    const { err } = await g.call(
      "UserService",
      "RenamePasskey",
      { passkey_id: "x", name: "n".repeat(101) },
      bearer(user.token),
    );
    expect(fieldsOf(err ?? undefined).sort()).toEqual(["name", "passkey_id"]);
  });

  test("an email with a lone surrogate or invalid UTF-8 is never INTERNAL", async () => {
    // On the wire it arrives as U+FFFD, which the AuthenticationOptionsInput schema (a plain
    // string) lets through: the answer is then stand-in options (no account can hold such an
    // address: sign-up refuses ill-formed text), or INVALID_ARGUMENT should the schema tighten.
    const { res, err } = await g.call("AuthService", "BeginPasskeySignIn", {
      email: "a\ud800@example.com",
    });
    if (err) expect(err.code).toBe(INVALID);
    else {
      const options = JSON.parse(res?.options_json as string) as Options;
      expect(options.allowCredentials).toHaveLength(1);
    }
    const viaHttp = await server.fetch("/v1/auth/passkey/options", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"email":"a\\ud800@example.com"}',
    });
    expect([400, 422]).toContain(viaHttp.status);
  });

  test("a JSON problem is named once, not also as a missing credential", async () => {
    const { err } = await g.call("AuthService", "FinishPasskeySignIn", { credential_json: "{" });
    expect(fieldsOf(err)).toEqual(["credential_json"]);
  });

  test("HTTP names the same problems of the same credential (under `credential`)", async () => {
    const good = shaped("authentication");
    const bad = { ...good, id: 5, type: "password" };
    const viaGrpc = await g.call("AuthService", "FinishPasskeySignIn", {
      credential_json: JSON.stringify(bad),
    });
    const viaHttp = await http(server, "POST", "/v1/auth/passkey/verify", undefined, {
      credential: bad,
    });
    expect(viaHttp.status).toBe(422);
    const problems = JSON.parse(String(viaGrpc.err?.metadata.get("x-error-details")[0])) as {
      field: string;
      message: string;
    }[];
    expect(
      problems.map((p) => ({ ...p, field: p.field.replace(/^credential_json/, "credential") })),
    ).toEqual(viaHttp.body.details as never);
  });

  test("undecodable or mistyped fields on the wire are INVALID_ARGUMENT, never INTERNAL", async () => {
    const none = new Metadata();
    // credential_json (field 1, a string) sent as the varint 150.
    const varint = await rawCall(
      "AuthService",
      "FinishPasskeySignIn",
      Buffer.from([0x08, 0x96, 0x01]),
      none,
    );
    expect(varint?.code).toBe(INVALID);
    // Invalid UTF-8 in the JSON text and in the name.
    const badUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    const signIn = await rawCall("AuthService", "FinishPasskeySignIn", lenField(1, badUtf8), none);
    expect(signIn?.code).toBe(INVALID);
    const reg = await rawCall(
      "UserService",
      "FinishPasskeyRegistration",
      Buffer.concat([
        lenField(1, new TextEncoder().encode(JSON.stringify(shaped("registration")))),
        lenField(2, Uint8Array.from([0x41, 0xff, 0x42])),
      ]),
      bearer(user.token),
    );
    expect(reg?.code).toBe(INVALID);
    expect(fieldsOf(reg ?? undefined)).toEqual(["name"]);
    const rename = await rawCall(
      "UserService",
      "RenamePasskey",
      Buffer.from([0xff, 0xff, 0xff]),
      bearer(user.token),
    );
    expect(rename?.code).toBe(INVALID);
    // A whole megabyte of JSON text is still a typed refusal.
    const big = await rawCall(
      "AuthService",
      "FinishPasskeySignIn",
      lenField(1, new TextEncoder().encode(`"${"x".repeat(900_000)}"`)),
      none,
    );
    expect([INVALID, status.RESOURCE_EXHAUSTED]).toContain(big?.code as number);
  });
});
