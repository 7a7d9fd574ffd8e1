/**
 * The gRPC fuzzer's case generator (test/fuzz/grpc/grpc-fuzz.test.ts runs it): for every unary
 * method of every service the server loads (src/grpc/protos.ts), wire bytes that are random,
 * schema-derived (each declared field with values from a hostile pool: real and foreign ids,
 * empty, long, NUL and control characters, invalid UTF-8, out-of-range numbers, unknown enum
 * numbers, deep JSON texts), mutated (bit flips, truncation, inserted and deleted bytes, lying
 * lengths), carrying unknown fields (every wire type, groups, deep group nesting), declared fields
 * sent with another wire type, and oversized; plus the call's metadata (a valid session, none, a
 * forged or malformed `authorization`, another user's session, junk request ids and proxies).
 *
 * Deterministic: case `i` of seed `s` is generated from its own PRNG (`caseRng(s, i)`), so one
 * case is replayed without the others (`FUZZ_SEED=s FUZZ_CASE=i`). Our own protobuf encoder
 * writes the bytes, so wrong wire types and malformed encodings are expressible.
 */
import { loadProtos } from "../../../src/grpc/protos.ts";
import { prng } from "../../support/prng.ts";

// --- PRNG -------------------------------------------------------------------------------------

export type Rng = () => number;

/** mulberry32 (test/support/prng.ts): a small, fast, well-mixed 32-bit generator in [0, 1). */
export const mulberry32: (seed: number) => Rng = prng;

/** The PRNG of case `index` under `seed` (independent of every other case). */
export function caseRng(seed: number, index: number): Rng {
  return mulberry32(Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77));
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;

// --- Protobuf wire encoding -------------------------------------------------------------------

const WT = { varint: 0, i64: 1, len: 2, sgroup: 3, egroup: 4, i32: 5 } as const;

function varint(n: bigint): number[] {
  let v = BigInt.asUintN(64, n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

const tag = (field: number, wt: number) => varint((BigInt(field) << 3n) | BigInt(wt));

function lenDelimited(field: number, payload: Uint8Array | number[]): number[] {
  return [...tag(field, WT.len), ...varint(BigInt(payload.length)), ...payload];
}

function fixed(bytes: number, value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(bytes * 8, value);
  for (let i = 0; i < bytes; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}

// --- The methods and their messages -----------------------------------------------------------

interface FieldDesc {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
}

interface MessageDesc {
  name: string;
  field: FieldDesc[];
}

interface EnumDesc {
  value: { name: string; number: number }[];
}

export interface FuzzMethod {
  /** `/package.Service/Method` */
  path: string;
  service: string;
  name: string;
  request: MessageDesc;
  /** Decodes a response (to check that an OK answer is a well-formed message). */
  decodeResponse: (bytes: Buffer) => unknown;
}

const protos = loadProtos();
const defs = protos.packageDefinition as unknown as Record<
  string,
  Record<string, unknown> & { type?: unknown }
>;

function messageDesc(typeName: string): MessageDesc | undefined {
  return defs[typeName.replace(/^\./, "")]?.type as MessageDesc | undefined;
}

function enumDesc(typeName: string): EnumDesc | undefined {
  return defs[typeName.replace(/^\./, "")]?.type as EnumDesc | undefined;
}

/** Every unary method of every service in the loaded protos, in a stable order. */
export function fuzzMethods(): FuzzMethod[] {
  const out: FuzzMethod[] = [];
  for (const [service, def] of Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))) {
    if ("format" in def) continue;
    for (const [name, m] of Object.entries(def) as [string, Record<string, unknown>][]) {
      if (m.requestStream || m.responseStream) continue;
      out.push({
        path: m.path as string,
        service,
        name,
        request: (m.requestType as { type: MessageDesc }).type,
        decodeResponse: m.responseDeserialize as (b: Buffer) => unknown,
      });
    }
  }
  return out;
}

// --- Hostile values -----------------------------------------------------------------------------

/** Ids known to the fuzz run (filled in by the test once it has created them). */
export interface FuzzIds {
  own: string[];
  foreign: string[];
}

const utf8 = (s: string) => [...Buffer.from(s, "utf8")];

const JSON_TEXTS = [
  "{}",
  "[]",
  "null",
  '{"id":"x","rawId":"x","type":"public-key","response":{}}',
  `${'{"a":'.repeat(200)}1${"}".repeat(200)}`,
  "[".repeat(5000),
  '"\\ud800"',
  "{",
  "1e999999",
  `{"x":"${"a".repeat(70_000)}"}`,
];

const WORDS = [
  "admin",
  "ADMIN",
  "owner",
  "member",
  "WRITER",
  "reader",
  "read",
  "write",
  "MANAGER",
  "none",
  "active",
  "true",
];

function stringBytes(rng: Rng, name: string, ids: FuzzIds): number[] {
  const r = rng();
  if (name.endsWith("_id") || name === "id" || name.endsWith("_ids")) {
    if (r < 0.45 && ids.own.length) return utf8(pick(rng, ids.own));
    if (r < 0.6 && ids.foreign.length) return utf8(pick(rng, ids.foreign));
  }
  if (name.includes("email") && r < 0.5) {
    return utf8(pick(rng, ["a@example.com", "x@y", "@", "a@b.c".repeat(60), "ü@例え.jp"]));
  }
  if ((name.endsWith("role") || name === "permission" || name === "scope") && r < 0.6) {
    return utf8(pick(rng, WORDS));
  }
  if (name.endsWith("_json") && r < 0.7) return utf8(pick(rng, JSON_TEXTS));
  switch (int(rng, 16)) {
    case 0:
      return [];
    case 1:
      return utf8(String(int(rng, 1e9)));
    case 2:
      return utf8(
        pick(rng, ["0", "-1", "9223372036854775807", "9223372036854775808", "1e3", "00001"]),
      );
    case 3:
      return utf8("a".repeat(pick(rng, [255, 256, 1024, 65_536, 100_000])));
    case 4:
      return utf8("\u0000\u0001\u001f\u007f\u0085\u2028");
    case 5:
      return [0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]; // invalid UTF-8, an encoded surrogate
    case 6:
      return utf8("\ud800x\udfff"); // lone surrogates (as the encoder writes them)
    case 7:
      return utf8(" ".repeat(int(rng, 5) + 1));
    case 8:
      return utf8("組織🙂\u202e\u200d");
    case 9:
      return utf8(pick(rng, WORDS));
    case 10:
      return utf8("../../etc/passwd%00%2f");
    case 11:
      return utf8(`${int(rng, 1e6)}.${"x".repeat(int(rng, 64))}`);
    case 12:
      return utf8("<script>alert(1)</script>' OR 1=1 --");
    case 13:
      return Array.from({ length: int(rng, 64) }, () => int(rng, 256));
    default:
      return utf8(`fuzz-${int(rng, 1e6)}`);
  }
}

function hostileInt(rng: Rng): bigint {
  return pick(rng, [
    0n,
    1n,
    -1n,
    2n ** 31n - 1n,
    -(2n ** 31n),
    2n ** 53n + 1n,
    2n ** 63n - 1n,
    -(2n ** 63n),
    2n ** 64n - 1n,
    BigInt(int(rng, 1000)),
    1000000n,
  ]);
}

function encodeField(rng: Rng, f: FieldDesc, ids: FuzzIds, depth: number): number[] {
  const n = f.number;
  switch (f.type) {
    case "TYPE_STRING":
    case "TYPE_BYTES":
      return lenDelimited(n, stringBytes(rng, f.name, ids));
    case "TYPE_MESSAGE": {
      const m = messageDesc(f.typeName);
      if (!m || depth > 4) return lenDelimited(n, []);
      return lenDelimited(n, encodeMessage(rng, m, ids, depth + 1));
    }
    case "TYPE_ENUM": {
      const e = enumDesc(f.typeName);
      const known = e?.value.map((v) => BigInt(v.number)) ?? [0n];
      const v = chance(rng, 0.7) ? pick(rng, known) : hostileInt(rng);
      return [...tag(n, WT.varint), ...varint(v)];
    }
    case "TYPE_BOOL":
      return [...tag(n, WT.varint), ...varint(chance(rng, 0.8) ? BigInt(int(rng, 2)) : 7n)];
    case "TYPE_SINT32":
    case "TYPE_SINT64": {
      const v = hostileInt(rng);
      return [...tag(n, WT.varint), ...varint(v >= 0n ? v * 2n : -v * 2n - 1n)];
    }
    case "TYPE_DOUBLE":
    case "TYPE_FIXED64":
    case "TYPE_SFIXED64":
      return [...tag(n, WT.i64), ...fixed(8, hostileInt(rng))];
    case "TYPE_FLOAT":
    case "TYPE_FIXED32":
    case "TYPE_SFIXED32":
      return [...tag(n, WT.i32), ...fixed(4, hostileInt(rng))];
    default:
      return [...tag(n, WT.varint), ...varint(hostileInt(rng))];
  }
}

/** A message of `m` with hostile values: each field present or not, repeated fields 0–3 times. */
export function encodeMessage(rng: Rng, m: MessageDesc, ids: FuzzIds, depth = 0): number[] {
  const out: number[] = [];
  for (const f of m.field) {
    if (chance(rng, 0.15)) continue;
    const times = f.label === "LABEL_REPEATED" ? int(rng, chance(rng, 0.05) ? 300 : 4) : 1;
    for (let i = 0; i < times; i++) out.push(...encodeField(rng, f, ids, depth));
  }
  return out;
}

function unknownField(rng: Rng): number[] {
  const n = pick(rng, [15, 16, 99, 1000, 2 ** 29 - 1, 19000, 19999]);
  switch (int(rng, 5)) {
    case 0:
      return [...tag(n, WT.varint), ...varint(hostileInt(rng))];
    case 1:
      return [...tag(n, WT.i64), ...fixed(8, hostileInt(rng))];
    case 2:
      return lenDelimited(n, utf8("unknown"));
    case 3:
      return [...tag(n, WT.sgroup), ...tag(1, WT.varint), 1, ...tag(n, WT.egroup)];
    default:
      return [...tag(n, WT.i32), ...fixed(4, hostileInt(rng))];
  }
}

/** A declared field under another wire type than its declaration's. */
function wrongWireType(rng: Rng, m: MessageDesc): number[] {
  const f = m.field.length ? pick(rng, m.field) : { number: 1, type: "TYPE_STRING" };
  const declaredLen = ["TYPE_STRING", "TYPE_BYTES", "TYPE_MESSAGE"].includes(f.type);
  switch (int(rng, 4)) {
    case 0:
      return declaredLen
        ? [...tag(f.number, WT.varint), ...varint(hostileInt(rng))]
        : lenDelimited(f.number, utf8("not a number"));
    case 1:
      return [...tag(f.number, WT.i64), ...fixed(8, hostileInt(rng))];
    case 2:
      return [...tag(f.number, WT.i32), ...fixed(4, hostileInt(rng))];
    default:
      return [...tag(f.number, WT.sgroup), ...tag(f.number, WT.egroup)];
  }
}

function mutate(rng: Rng, bytes: number[]): number[] {
  const b = [...bytes];
  const rounds = 1 + int(rng, 4);
  for (let r = 0; r < rounds; r++) {
    const at = int(rng, b.length + 1);
    switch (int(rng, 6)) {
      case 0:
        if (b.length) b[at % b.length] = (b[at % b.length] as number) ^ (1 << int(rng, 8));
        break;
      case 1:
        b.length = at;
        break;
      case 2:
        b.splice(at, 0, ...Array.from({ length: 1 + int(rng, 8) }, () => int(rng, 256)));
        break;
      case 3:
        b.splice(at, 1 + int(rng, 4));
        break;
      case 4:
        b.splice(at, 0, ...b.slice(0, at)); // a duplicated prefix: repeated fields
        break;
      default:
        b.splice(at, 0, 0x0a, 0xff, 0xff, 0xff, 0x0f); // field 1, a length past the end
    }
  }
  return b;
}

export type Strategy =
  | "random"
  | "schema"
  | "mutated"
  | "unknown-fields"
  | "wrong-wire-type"
  | "empty"
  | "deep-groups"
  | "huge-field"
  | "oversized";

export interface FuzzCase {
  index: number;
  method: FuzzMethod;
  strategy: Strategy;
  bytes: Buffer;
}

/** Case `index` under `seed`: a method and the request bytes. */
export function makeCase(
  seed: number,
  index: number,
  methods: readonly FuzzMethod[],
  ids: FuzzIds,
  maxMessageBytes: number,
): FuzzCase & { rng: Rng } {
  const rng = caseRng(seed, index);
  const method = methods[index % methods.length] as FuzzMethod;
  const r = rng();
  let strategy: Strategy;
  let bytes: number[] | Buffer;
  if (r < 0.15) {
    strategy = "random";
    bytes = Array.from({ length: int(rng, chance(rng, 0.1) ? 2048 : 32) }, () => int(rng, 256));
  } else if (r < 0.5) {
    strategy = "schema";
    bytes = encodeMessage(rng, method.request, ids);
  } else if (r < 0.7) {
    strategy = "mutated";
    bytes = mutate(rng, encodeMessage(rng, method.request, ids));
  } else if (r < 0.8) {
    strategy = "unknown-fields";
    const msg = encodeMessage(rng, method.request, ids);
    bytes = chance(rng, 0.5) ? [...unknownField(rng), ...msg] : [...msg, ...unknownField(rng)];
  } else if (r < 0.9) {
    strategy = "wrong-wire-type";
    bytes = [...encodeMessage(rng, method.request, ids), ...wrongWireType(rng, method.request)];
  } else if (r < 0.93) {
    strategy = "empty";
    bytes = [];
  } else if (r < 0.96) {
    strategy = "deep-groups";
    const depth = pick(rng, [64, 101, 1000, 10_000]);
    bytes = [
      ...Array(depth).fill(tag(99, WT.sgroup)).flat(),
      ...Array(depth).fill(tag(99, WT.egroup)).flat(),
    ];
  } else if (r < 0.99) {
    strategy = "huge-field";
    const f = method.request.field.find((x) => x.type === "TYPE_STRING") ?? { number: 1 };
    const size = maxMessageBytes - 64;
    bytes = Buffer.concat([
      Buffer.from([...tag(f.number, WT.len), ...varint(BigInt(size))]),
      Buffer.alloc(size, 0x61),
    ]);
  } else {
    strategy = "oversized";
    bytes = Buffer.alloc(maxMessageBytes + 1 + int(rng, 1024), 0x08);
  }
  return { index, method, strategy, bytes: Buffer.from(bytes), rng };
}

// --- Metadata -----------------------------------------------------------------------------------

export type AuthKind =
  | "valid"
  | "none"
  | "other-user"
  | "forged-secret"
  | "forged-id"
  | "malformed"
  | "huge"
  | "twice";

/** The call's metadata entries (name → values) and what kind of credential they carry. */
export function makeMetadata(
  rng: Rng,
  tokens: { owner: string; other: string },
): { auth: AuthKind; entries: [string, string][] } {
  const entries: [string, string][] = [];
  const r = rng();
  let auth: AuthKind;
  const [id] = tokens.owner.split(".");
  if (r < 0.5) {
    auth = "valid";
    entries.push(["authorization", `Bearer ${tokens.owner}`]);
  } else if (r < 0.6) {
    auth = "none";
  } else if (r < 0.68) {
    auth = "other-user";
    entries.push(["authorization", `Bearer ${tokens.other}`]);
  } else if (r < 0.76) {
    auth = "forged-secret";
    entries.push(["authorization", `Bearer ${id}.${"A".repeat(43)}`]);
  } else if (r < 0.84) {
    auth = "forged-id";
    entries.push(["authorization", `Bearer ${int(rng, 1e15)}.${tokens.owner.split(".")[1]}`]);
  } else if (r < 0.93) {
    auth = "malformed";
    entries.push([
      "authorization",
      pick(rng, [
        "Bearer",
        "Bearer ",
        "bearer x",
        "Basic dXNlcjpwYXNz",
        "Bearer a.b.c",
        "Bearer ....",
        `Bearer ${tokens.owner} extra`,
        "Bearer   ",
        `Bearer ${"9".repeat(40)}.x`,
        "Bearer %00",
      ]),
    ]);
  } else if (r < 0.97) {
    auth = "huge";
    entries.push(["authorization", `Bearer ${"x".repeat(pick(rng, [1000, 6000]))}`]);
  } else {
    // Two values cannot be sent: grpc-js refuses a repeated `authorization` on the client side
    // (and drops its connection); one value listing two credentials is what reaches a server.
    auth = "twice";
    entries.push(["authorization", `Bearer forged.value, Bearer ${tokens.owner}`]);
  }
  if (chance(rng, 0.1)) entries.push(["x-request-id", pick(rng, ["", "x".repeat(500), "a b;c"])]);
  if (chance(rng, 0.1)) entries.push(["idempotency-key", pick(rng, ["", "k".repeat(300), "k k"])]);
  if (chance(rng, 0.05)) entries.push(["x-forwarded-for", pick(rng, ["::::", "1.2.3.4, junk"])]);
  return { auth, entries };
}

/** Bytes for a failure report: hex, shortened in the middle when long. */
export function hexOf(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return hex.length <= 400
    ? hex
    : `${hex.slice(0, 200)}…(${bytes.length} bytes)…${hex.slice(-100)}`;
}
