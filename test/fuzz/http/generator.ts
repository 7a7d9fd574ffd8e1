/**
 * The request generator of the HTTP fuzzer (test/fuzz/http/fuzz.test.ts): every case is derived
 * from docs/openapi.json (each route and method, its path and query parameters, its request body
 * schema and media type) and then mutated. A case is a pure function of `(seed, index)`: case `i`
 * of a run draws from its own PRNG seeded with `caseSeed(seed, i)`, so one failing case is
 * re-generated alone with `FUZZ_SEED=<seed> FUZZ_CASE=<i>`.
 *
 * Mutation families (`kind` of a case):
 * - body: per field (top level or nested) wrong JSON type, missing required, unknown field, empty,
 *   100 k string, 10 MB string (only where `index % TEN_MB_EVERY === TEN_MB_AT`), invalid UTF-8
 *   bytes, NUL and control characters, lone surrogates, numbers beyond 2^53 / huge exponents,
 *   negative and fractional numbers, ids of the wrong format and of another tenant, arrays for
 *   objects, deep nesting, prototype keys and duplicate keys; form bodies get repeated, missing,
 *   huge and badly percent-encoded parameters;
 * - content-type: missing, wrong, duplicated, JSON on form routes and form on JSON routes;
 * - header: oversized values, many headers, duplicate headers (raw socket: real duplicate lines);
 * - auth: garbage, forged (a real session id of another user with a wrong secret), alg-none JWTs,
 *   Basic, cookie and Bearer disagreeing, huge tokens;
 * - method: odd and lower-case methods, TRACE, CONNECT-like names (raw socket);
 * - query: repeated, huge, negative, fractional, non-numeric and unknown parameters;
 * - path: percent-encoding abuse (`%2e%2e`, `%2f`, `%00`, `%ff`, overlong UTF-8, double
 *   encoding, non-ASCII digits, trailing and doubled slashes) in parameter and literal segments.
 */
import { prng } from "../../support/prng.ts";

type Obj = Record<string, unknown>;
type Rng = () => number;

export interface Operation {
  method: string;
  template: string;
  pathParams: string[];
  query: { name: string; schema: Obj }[];
  body?: { mediaType: string; schema: Obj; required: boolean };
  secured: boolean;
}

/** Real ids the generator draws from: `own` are the fuzzing user's, `foreign` another tenant's. */
export interface FuzzContext {
  own: Record<string, string[]>;
  foreign: Record<string, string[]>;
  /** The fuzzing user's session token `<session_id>.<secret>`. */
  token: string;
  /** A session id of another user (forged with a wrong secret). */
  foreignSessionId: string;
  ownEmail: string;
}

export interface FuzzCase {
  seed: number;
  index: number;
  kind: string;
  detail: string;
  method: string;
  /** Path plus query, exactly as sent (already encoded). */
  target: string;
  /** The route template the case was derived from. */
  template: string;
  headers: [string, string][];
  body?: Uint8Array;
  /** Send over a raw socket (true duplicate header lines, odd methods, unnormalised paths). */
  raw: boolean;
}

export const TEN_MB_EVERY = 2500;
export const TEN_MB_AT = 1249;
const HUNDRED_K = 100_000;
const TEN_MB = 10 * 1024 * 1024;

/** The seed of case `index` of a run with `seed`. */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;

/** Every operation of the document (GET, POST, PUT, PATCH, DELETE). */
export function loadOperations(doc: Obj): Operation[] {
  const ops: Operation[] = [];
  const components = (doc.components ?? {}) as Obj;
  for (const [template, methods] of Object.entries(doc.paths as Obj)) {
    for (const [method, raw] of Object.entries(methods as Obj)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const op = raw as Obj;
      const params = (op.parameters ?? []) as Obj[];
      const content = ((op.requestBody as Obj | undefined)?.content ?? {}) as Obj;
      const mediaType = Object.keys(content)[0];
      ops.push({
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === "path").map((p) => String(p.name)),
        query: params
          .filter((p) => p.in === "query")
          .map((p) => ({ name: String(p.name), schema: (p.schema ?? {}) as Obj })),
        ...(mediaType
          ? {
              body: {
                mediaType,
                schema: resolve(components, (content[mediaType] as Obj).schema as Obj),
                required: (op.requestBody as Obj).required === true,
              },
            }
          : {}),
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return ops;
}

function resolve(components: Obj, schema: Obj): Obj {
  const ref = schema?.$ref;
  if (typeof ref !== "string") return schema ?? {};
  const name = ref.split("/").pop() as string;
  return resolve(components, ((components.schemas ?? {}) as Obj)[name] as Obj);
}

// Values -----------------------------------------------------------------------------------------

/** Where a path parameter or id field draws its real ids from. */
function poolOf(name: string): string {
  if (name === "org") return "org";
  if (name === "user_id" || name === "new_owner_user_id") return "user";
  if (name === "team_id") return "team";
  if (name === "client_id") return "client";
  if (name === "id") return "id";
  return name;
}

const BAD_IDS = [
  "0",
  "-1",
  "01",
  "1.5",
  "1e3",
  "abc",
  "99999999999999999999",
  "18446744073709551616",
  "9223372036854775808",
  "9223372036854775807",
  "1".repeat(19),
  "1".repeat(200),
  " 1",
  "+1",
  "0x10",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "١٢٣",
  "１２３",
];

function idFor(rng: Rng, ctx: FuzzContext, name: string, allowOwn = true): string {
  const pool = poolOf(name);
  const own = ctx.own[pool] ?? [];
  const foreign = ctx.foreign[pool] ?? [];
  const r = rng();
  if (allowOwn && own.length > 0 && r < 0.5) return pick(rng, own);
  if (foreign.length > 0 && r < 0.8) return pick(rng, foreign);
  return chance(rng, 0.5)
    ? String(100000000000000000n + BigInt(Math.floor(rng() * 1e15)))
    : pick(rng, BAD_IDS);
}

/** A valid-looking value for `schema` (field `name`). */
function sample(rng: Rng, ctx: FuzzContext, schema: Obj, name: string, depth = 0): unknown {
  const alts = (schema.anyOf ?? schema.oneOf) as Obj[] | undefined;
  if (alts && alts.length > 0) {
    const nonNull = alts.filter((a) => a.type !== "null");
    return sample(rng, ctx, pick(rng, nonNull.length > 0 ? nonNull : alts), name, depth);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return pick(rng, schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string": {
      if (schema.format === "snowflake" || name.endsWith("_id")) return idFor(rng, ctx, name);
      if (schema.format === "email" || name === "email")
        return chance(rng, 0.3) ? ctx.ownEmail : `fz${Math.floor(rng() * 1e9)}@example.com`;
      if (name.includes("password")) return "fuzz password that is long enough";
      if (schema.format === "uri") return "https://example.com/cb";
      const min = Number(schema.minLength ?? 1);
      const base = `fz-${Math.floor(rng() * 1e6)}`;
      return base.length >= min ? base : base.padEnd(min, "x");
    }
    case "integer":
    case "number": {
      const min = Number(schema.minimum ?? 1);
      const max = Number(schema.maximum ?? min + 100);
      return Math.floor(min + rng() * (max - min + 1));
    }
    case "boolean":
      return chance(rng, 0.5);
    case "array": {
      if (depth > 4) return [];
      const items = (schema.items ?? {}) as Obj;
      const n = Math.floor(rng() * 3);
      return Array.from({ length: n }, () => sample(rng, ctx, items, name, depth + 1));
    }
    case "null":
      return null;
    default: {
      if (depth > 4) return {};
      const props = (schema.properties ?? {}) as Obj;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Obj = {};
      for (const [k, s] of Object.entries(props)) {
        if (required.has(k) || chance(rng, 0.5)) out[k] = sample(rng, ctx, s as Obj, k, depth + 1);
      }
      return out;
    }
  }
}

// Raw fragments spliced into a JSON text in place of a sentinel string ---------------------------

const SENTINEL = "\u0001__FUZZ_RAW__\u0001";
const enc = new TextEncoder();

const BIG_NUMBERS = [
  "9007199254740993",
  "-9007199254740993",
  "18446744073709551617",
  "1e400",
  "-1e400",
  "1e-400",
  "123456789012345678901234567890123456789",
  "0.1e999999",
  "-0",
  "1E308",
  "4.9e-324",
];
const INVALID_UTF8: number[][] = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xe2, 0x82],
];
const CONTROL = [
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u001b[31m",
  "\r\n",
  "\u007f",
  "\u2028\u2029",
  "\ufeff",
];
const LONE_SURROGATES = ["\ud800", "\udfff", "a\ud83d", "\udc00b"];

type Mutated = { value: unknown; raw?: Uint8Array; label: string };

/** Replaces the value at `path` of `root` (a fresh copy) with `v`; `undefined` deletes it. */
function setAt(root: unknown, path: string[], v: unknown): unknown {
  if (path.length === 0) return v;
  const copy = structuredClone(root) as Obj;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Obj;
  const last = path[path.length - 1] as string;
  if (v === undefined) delete cur[last];
  else cur[last] = v;
  return copy;
}

function nested(depth: number, open: string, close: string, leaf = "1"): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

/** All object paths of a sampled body (top-level and nested fields). */
function fieldPaths(v: unknown, prefix: string[] = []): string[][] {
  if (!v || typeof v !== "object" || Array.isArray(v)) return [];
  const out: string[][] = [];
  for (const [k, x] of Object.entries(v as Obj)) {
    out.push([...prefix, k]);
    out.push(...fieldPaths(x, [...prefix, k]));
  }
  return out;
}

function mutateJson(
  rng: Rng,
  ctx: FuzzContext,
  schema: Obj,
  base: unknown,
  index: number,
): Mutated {
  if (index % TEN_MB_EVERY === TEN_MB_AT) {
    const paths = fieldPaths(base);
    const path = paths.length > 0 ? pick(rng, paths) : ["name"];
    return {
      value: setAt(typeof base === "object" && base ? base : {}, path, "x".repeat(TEN_MB)),
      label: `10MB string at ${path.join(".")}`,
    };
  }
  const paths = fieldPaths(base);
  const props = (schema.properties ?? {}) as Obj;
  const required = (schema.required ?? []) as string[];
  const path = paths.length > 0 && chance(rng, 0.85) ? pick(rng, paths) : [];
  const at = path.join(".") || "(root)";
  const spliced = (fragment: string | Uint8Array, label: string): Mutated => {
    const text = JSON.stringify(setAt(base, path, SENTINEL));
    const [before, after] = text.split(JSON.stringify(SENTINEL)) as [string, string];
    const mid = typeof fragment === "string" ? enc.encode(fragment) : fragment;
    return {
      value: undefined,
      raw: Buffer.concat([enc.encode(before), mid, enc.encode(after ?? "")]),
      label,
    };
  };
  const m = Math.floor(rng() * 22);
  switch (m) {
    case 0:
      return {
        value: setAt(base, path, pick(rng, [1, -1, 0, true, false, null, [], {}, "1", [1, 2]])),
        label: `wrong type at ${at}`,
      };
    case 1: {
      const r = required.length > 0 ? pick(rng, required) : undefined;
      return r
        ? { value: setAt(base, [r], undefined), label: `missing required ${r}` }
        : { value: {}, label: "empty object" };
    }
    case 2: {
      const k = pick(rng, [
        "unknown",
        "__proto__",
        "constructor",
        "prototype",
        "is_admin",
        "role",
        "org_id",
        "",
      ]);
      const v = setAt(base, [], base);
      if (v && typeof v === "object" && !Array.isArray(v))
        Object.defineProperty(v, k, {
          value: pick(rng, [1, "x", { polluted: true }, null]),
          enumerable: true,
        });
      return { value: v, label: `unknown field ${JSON.stringify(k)}` };
    }
    case 3:
      return {
        value: setAt(base, path, pick(rng, ["", [], {}, null, " "])),
        label: `empty at ${at}`,
      };
    case 4:
      return { value: setAt(base, path, "x".repeat(HUNDRED_K)), label: `100k string at ${at}` };
    case 5:
      return {
        value: setAt(base, path, "é".repeat(HUNDRED_K / 2)),
        label: `100k multibyte at ${at}`,
      };
    case 6: {
      const bytes = pick(rng, INVALID_UTF8);
      return spliced(
        Buffer.concat([enc.encode('"a'), Uint8Array.from(bytes), enc.encode('b"')]),
        `invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(" ")} at ${at}`,
      );
    }
    case 7: {
      const c = pick(rng, CONTROL);
      return {
        value: setAt(base, path, `fz${c}x`),
        label: `control ${JSON.stringify(c)} at ${at}`,
      };
    }
    case 8: {
      const s = pick(rng, LONE_SURROGATES);
      return { value: setAt(base, path, `fz${s}`), label: `lone surrogate at ${at}` };
    }
    case 9: {
      const n = pick(rng, BIG_NUMBERS);
      return spliced(n, `number ${n} at ${at}`);
    }
    case 10:
      return {
        value: setAt(
          base,
          path,
          pick(rng, [-1, -2147483649, 0.5, -0.5, 1.000001, Number.MAX_SAFE_INTEGER]),
        ),
        label: `negative/fractional at ${at}`,
      };
    case 11: {
      const name = path[path.length - 1] ?? "id";
      return {
        value: setAt(base, path, pick(rng, BAD_IDS)),
        label: `wrong-format id at ${at} (${name})`,
      };
    }
    case 12: {
      const name = path[path.length - 1] ?? "user_id";
      const ids = Object.values(ctx.foreign).flat();
      return {
        value: setAt(base, path, ids.length > 0 ? pick(rng, ids) : idFor(rng, ctx, name, false)),
        label: `foreign id at ${at}`,
      };
    }
    case 13:
      return {
        value: setAt(base, path, [path.length > 0 ? base : 1]),
        label: `array for object at ${at}`,
      };
    case 14: {
      const d = pick(rng, [20, 64, 65, 200, 5000, 100000]);
      return spliced(
        chance(rng, 0.5) ? nested(d, "[", "]") : nested(d, '{"a":', "}"),
        `nesting depth ${d} at ${at}`,
      );
    }
    case 15: {
      const text = JSON.stringify(base) ?? "null";
      const k = Object.keys(props)[0] ?? "name";
      return {
        value: undefined,
        raw: enc.encode(
          text.startsWith("{") && text !== "{}"
            ? `${text.slice(0, -1)},"${k}":[1]}`
            : `{"${k}":1,"${k}":"x"}`,
        ),
        label: `duplicate key ${k}`,
      };
    }
    case 16:
      return {
        value: undefined,
        raw: enc.encode(
          pick(rng, [
            "",
            "{",
            "}",
            "[",
            "nul",
            "tru",
            '{"a":}',
            "{'a':1}",
            "[1,]",
            '"\\x41"',
            '"\\ud800"',
            "\u0000",
            "NaN",
            "Infinity",
            "{}{}",
            "  ",
            "1 2",
          ]),
        ),
        label: "malformed JSON",
      };
    case 17:
      return { value: pick(rng, [[], [base], "string", 42, true, null]), label: "non-object root" };
    case 18: {
      // A valid body: the mutation is elsewhere or none (exercises happy paths with odd ids).
      return { value: base, label: "sampled body" };
    }
    case 19: {
      const s = sample(rng, ctx, schema, "root");
      return { value: s, label: "re-sampled body" };
    }
    case 20:
      return {
        value: setAt(
          base,
          path,
          pick(rng, ["x".repeat(401), "x".repeat(4001), "a".repeat(65), "é".repeat(201)]),
        ),
        label: `just over a limit at ${at}`,
      };
    default:
      return spliced(
        pick(rng, ['"\\u0000"', '"\\ud800"', '"\\udfff\\ud800"', '"\\u0000\\u001f"']),
        `escaped control/surrogate at ${at}`,
      );
  }
}

function mutateForm(rng: Rng, ctx: FuzzContext, schema: Obj, index: number): Mutated {
  const base = sample(rng, ctx, schema, "form") as Obj;
  const entries: [string, string][] = Object.entries(base).map(([k, v]) => [
    k,
    typeof v === "string" ? v : JSON.stringify(v),
  ]);
  const keys = entries.map(([k]) => k);
  if (index % TEN_MB_EVERY === TEN_MB_AT)
    return {
      value: undefined,
      raw: enc.encode(`grant_type=${"x".repeat(TEN_MB)}`),
      label: "10MB form",
    };
  const m = Math.floor(rng() * 10);
  const form = (es: [string, string][]) => new URLSearchParams(es).toString();
  switch (m) {
    case 0: {
      const k = keys.length > 0 ? pick(rng, keys) : "grant_type";
      return {
        value: undefined,
        raw: enc.encode(`${form(entries)}&${k}=dup`),
        label: `repeated ${k}`,
      };
    }
    case 1: {
      const k = keys.length > 0 ? pick(rng, keys) : "x";
      return {
        value: undefined,
        raw: enc.encode(form(entries.filter(([x]) => x !== k))),
        label: `missing ${k}`,
      };
    }
    case 2: {
      const k = keys.length > 0 ? pick(rng, keys) : "grant_type";
      return {
        value: undefined,
        raw: enc.encode(form(entries.map(([x, v]) => [x, x === k ? "x".repeat(HUNDRED_K) : v]))),
        label: `100k ${k}`,
      };
    }
    case 3:
      return {
        value: undefined,
        raw: enc.encode(
          `${form(entries)}&${pick(rng, ["%zz", "%", "%ff=%fe", "a=%00", "%c0%af=1", "=", "&&&", "a=%ED%A0%80"])}`,
        ),
        label: "bad percent-encoding",
      };
    case 4:
      return {
        value: undefined,
        raw: Buffer.concat([
          enc.encode(`${form(entries)}&x=`),
          Uint8Array.from(pick(rng, INVALID_UTF8)),
        ]),
        label: "invalid UTF-8 bytes",
      };
    case 5:
      return {
        value: undefined,
        raw: enc.encode(`${form(entries)}&__proto__=1&constructor=x`),
        label: "prototype keys",
      };
    case 6: {
      const k = keys.length > 0 ? pick(rng, keys) : "grant_type";
      return {
        value: undefined,
        raw: enc.encode(
          form(
            entries.map(([x, v]) => [
              x,
              x === k ? pick(rng, ["", "\u0000", "\ud800", "a\r\nb", "😀".repeat(100)]) : v,
            ]),
          ),
        ),
        label: `odd value of ${k}`,
      };
    }
    case 7:
      return {
        value: undefined,
        raw: enc.encode(JSON.stringify(base)),
        label: "JSON text as form",
      };
    default:
      return { value: undefined, raw: enc.encode(form(entries)), label: "sampled form" };
  }
}

// Paths and queries ------------------------------------------------------------------------------

const PATH_ABUSE = [
  "%2e%2e",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%2e%2e%2f%2e%2e%2f",
  "%252e%252e",
  "%00",
  "1%00",
  "%ff",
  "%c0%ae%c0%ae",
  "%ed%a0%80",
  "%",
  "%zz",
  "1%2F2",
  "1%3B2",
  "1;matrix=2",
  "%20",
  "%091",
  "%0d%0aX-Injected:%201",
  "%e2%80%ae",
  "%ef%bc%91%ef%bc%92",
  "%d9%a1%d9%a2",
  "%F0%9F%98%80",
  "1?x",
  "1#frag",
  "%3Cscript%3E",
  `${"9".repeat(5000)}`,
  "~",
  "%7e",
];

function pathFor(
  rng: Rng,
  ctx: FuzzContext,
  op: Operation,
  abuse: boolean,
  allowOwn: boolean,
): { path: string; label: string } {
  let label = "";
  const abusedParam = abuse && op.pathParams.length > 0 ? pick(rng, op.pathParams) : undefined;
  let path = op.template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (name === abusedParam) {
      const a = pick(rng, PATH_ABUSE);
      label = `path ${name}=${a}`;
      return a;
    }
    if (name === "file") return pick(rng, ["app.js", "style.css", "nope.js", "..%2fpackage.json"]);
    return encodeURIComponent(idFor(rng, ctx, name, allowOwn));
  });
  if (abuse && !abusedParam) {
    const segs = path.split("/");
    const i = 1 + Math.floor(rng() * Math.max(1, segs.length - 1));
    const how = Math.floor(rng() * 6);
    const seg = segs[i] ?? "";
    if (how === 0) segs[i] = seg.toUpperCase();
    else if (how === 1) segs[i] = [...seg].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
    else if (how === 2) segs[i] = `${seg}%00`;
    else if (how === 3) segs[i] = `${seg}/`;
    else if (how === 4) segs[i] = `./${seg}`;
    else segs[i] = pick(rng, PATH_ABUSE);
    path = segs.join("/");
    label = `literal segment abuse #${how} at ${i}`;
  }
  return { path, label };
}

function queryFor(rng: Rng, op: Operation): { q: string; label: string } {
  const names = op.query.map((q) => q.name);
  if (names.length === 0 && !chance(rng, 0.2)) return { q: "", label: "" };
  const name = names.length > 0 ? pick(rng, names) : "limit";
  const m = Math.floor(rng() * 8);
  const values = [
    "-1",
    "0",
    "1.5",
    "1e3",
    "abc",
    "99999999999999999999",
    "9007199254740993",
    "",
    "%00",
    "%ff",
    "null",
    "[]",
    "1,2",
    " 1",
    "0x10",
    "NaN",
    "Infinity",
  ];
  switch (m) {
    case 0:
      return { q: `${name}=1&${name}=2&${name}=3`, label: `repeated ${name}` };
    case 1:
      return { q: `${name}=${"9".repeat(pick(rng, [1000, 20000]))}`, label: `huge ${name}` };
    case 2:
      return { q: `${name}=${"x".repeat(HUNDRED_K)}`, label: `100k ${name}` };
    case 3:
      return {
        q: Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join("&"),
        label: "500 unknown parameters",
      };
    case 4:
      return { q: `${name}[]=1&${name}[a]=2`, label: `bracket ${name}` };
    case 5:
      return {
        q: `${pick(rng, ["%zz", "%", "%ff=%fe", "%00=1", "__proto__[x]=1", "constructor=1", "&&=&"])}`,
        label: "bad query encoding",
      };
    default: {
      const v = pick(rng, values);
      return { q: `${name}=${v}`, label: `${name}=${v}` };
    }
  }
}

// Cases ------------------------------------------------------------------------------------------

const ODD_METHODS = [
  "PROPFIND",
  "PURGE",
  "FOO",
  "get",
  "post",
  "OPTIONS",
  "HEAD",
  "PUT",
  "PATCH",
  "DELETE",
  "SEARCH",
  "M-SEARCH",
  "QUERY",
];
const FETCH_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]);
const RAW_METHODS = ["TRACE", "CONNECT", "TRACK", "X".repeat(300), "GET\u0000"];
/** Operations whose success with the fuzzing user's own session would end that session. */
const SELF_ENDING = new Set([
  "POST /v1/auth/logout",
  "POST /v1/users/sessions/revoke-others",
  "DELETE /v1/users/me",
  "POST /v1/users/me/password",
  "DELETE /v1/users/sessions/{id}",
]);

function forgedToken(rng: Rng, ctx: FuzzContext): { value: string; label: string } {
  const [sid] = ctx.token.split(".");
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const choices: [string, string][] = [
    [`${ctx.foreignSessionId}.${"A".repeat(43)}`, "another user's session id, wrong secret"],
    [`${sid}.${"B".repeat(43)}`, "own session id, wrong secret"],
    [`${sid}`, "session id without secret"],
    [`${sid}.`, "session id, empty secret"],
    [`.${ctx.token.split(".")[1]}`, "secret without id"],
    [`${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "1", org: "1" })}.`, "alg-none JWT"],
    [
      `${b64({ alg: "HS256" })}.${b64({ sub: ctx.foreignSessionId })}.${"x".repeat(43)}`,
      "HS256 JWT",
    ],
    ["x".repeat(20000), "20k token"],
    ["0.0", "zero id"],
    ["-1.abc", "negative id"],
    ["99999999999999999999.abc", "overflowing id"],
    ["%00.%00", "encoded NUL"],
    ["a.b.c.d.e", "five parts"],
    [ctx.token.toUpperCase(), "upper-cased token"],
    [`${ctx.token} ${ctx.token}`, "two tokens"],
    ["", "empty"],
  ];
  const [value, label] = pick(rng, choices);
  return { value, label };
}

export function generateCase(
  ops: Operation[],
  ctx: FuzzContext,
  seed: number,
  index: number,
): FuzzCase {
  const rng = prng(caseSeed(seed, index));
  const op = pick(rng, ops);
  const key = `${op.method} ${op.template}`;
  const family = pick(rng, [
    "body",
    "body",
    "body",
    "body",
    "content-type",
    "header",
    "auth",
    "auth",
    "method",
    "query",
    "path",
    "path",
  ] as const);
  const headers: [string, string][] = [];
  let raw = false;
  let method = op.method;
  let detail = "";
  // Credentials: the fuzzing user's session, unless the family forges them or the route would end it.
  const selfEnding = SELF_ENDING.has(key);
  if (family === "auth" || selfEnding) {
    const t = forgedToken(rng, ctx);
    const where = Math.floor(rng() * 6);
    if (where === 0) headers.push(["authorization", `Bearer ${t.value}`]);
    else if (where === 1) headers.push(["cookie", `infera_session=${t.value}`]);
    else if (where === 2) {
      headers.push(["authorization", `Bearer ${t.value}`]);
      headers.push(["cookie", `infera_session=${ctx.token}`]);
      if (selfEnding) headers.pop();
    } else if (where === 3) {
      headers.push([
        "authorization",
        pick(rng, [
          `Basic ${Buffer.from("a:b").toString("base64")}`,
          "Bearer",
          "Bearer  ",
          `bearer ${t.value}`,
          `Token ${t.value}`,
          `Bearer ${t.value} extra`,
        ]),
      ]);
    } else if (where === 4) {
      headers.push([
        "cookie",
        pick(rng, [
          `infera_session=${t.value}; infera_session=${t.value}`,
          "infera_session=",
          "infera_session",
          'infera_session="quoted"',
          `a=b; infera_session=${t.value}; c`,
          `infera_session=${"%".repeat(100)}`,
          "=;=;=",
        ]),
      ]);
    }
    detail = `auth ${["bearer", "cookie", "bearer+cookie", "scheme", "cookie syntax", "none"][where]}: ${t.label}`;
  } else if (op.secured || chance(rng, 0.5)) {
    headers.push(
      chance(rng, 0.7)
        ? ["authorization", `Bearer ${ctx.token}`]
        : ["cookie", `infera_session=${ctx.token}`],
    );
  }
  // Destructive routes never get the fuzzing user's own ids (the session and its organization stay).
  const allowOwn = !(op.method === "DELETE" || /\/(suspend|transfer-ownership)$/.test(op.template));
  const { path, label: pathLabel } = pathFor(rng, ctx, op, family === "path", allowOwn);
  if (pathLabel) detail = detail ? `${detail}; ${pathLabel}` : pathLabel;
  let query = "";
  if (family === "query" || chance(rng, 0.05)) {
    const q = queryFor(rng, op);
    query = q.q;
    if (q.label) detail = detail ? `${detail}; ${q.label}` : q.label;
  } else if (op.query.length > 0 && chance(rng, 0.5)) {
    query = op.query
      .map((q) => `${q.name}=${encodeURIComponent(String(sample(rng, ctx, q.schema, q.name)))}`)
      .join("&");
  }
  let body: Uint8Array | undefined;
  if (op.body && (family === "body" || chance(rng, 0.8))) {
    const isForm = op.body.mediaType === "application/x-www-form-urlencoded";
    if (isForm) {
      const m = family === "body" ? mutateForm(rng, ctx, op.body.schema, index) : undefined;
      body =
        m?.raw ??
        enc.encode(
          new URLSearchParams(
            sample(rng, ctx, op.body.schema, "form") as Record<string, string>,
          ).toString(),
        );
      if (m) detail = detail ? `${detail}; ${m.label}` : m.label;
    } else {
      const base = sample(rng, ctx, op.body.schema, "body");
      const m =
        family === "body"
          ? mutateJson(rng, ctx, op.body.schema, base, index)
          : { value: base, label: "" };
      body = m.raw ?? enc.encode(JSON.stringify(m.value) ?? "null");
      if (m.label) detail = detail ? `${detail}; ${m.label}` : m.label;
    }
    headers.push(["content-type", op.body.mediaType]);
  } else if (family === "body") {
    // A body where none is documented.
    body = enc.encode(
      pick(rng, ['{"a":1}', "[]", "x".repeat(HUNDRED_K), "null", nested(1000, "[", "]")]),
    );
    headers.push(["content-type", "application/json"]);
    detail = detail ? `${detail}; undocumented body` : "undocumented body";
  }
  if (family === "content-type") {
    body ??= enc.encode('{"name":"x"}');
    for (let i = headers.length - 1; i >= 0; i--)
      if (headers[i]?.[0] === "content-type") headers.splice(i, 1);
    const ct = pick(rng, [
      null,
      "text/plain",
      "application/xml",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
      "application/json",
      "application/json; charset=utf-16",
      "application/json; charset=latin1",
      "APPLICATION/JSON",
      "application/vnd.evil+json",
      "application/json, text/plain",
      "application/jsonx",
      "application/",
      "*/*",
      "",
      ";",
      `application/json; x=${"y".repeat(5000)}`,
    ]);
    if (ct !== null) headers.push(["content-type", ct]);
    if (chance(rng, 0.2)) headers.push(["content-type", "text/plain"]);
    detail = `${detail ? `${detail}; ` : ""}content-type ${JSON.stringify(ct)}`;
  }
  if (family === "header") {
    const m = Math.floor(rng() * 7);
    if (m === 0) headers.push(["x-fuzz", "h".repeat(pick(rng, [8000, 40000, 200000]))]);
    else if (m === 1) for (let i = 0; i < 300; i++) headers.push([`x-f${i}`, String(i)]);
    else if (m === 2)
      headers.push([
        "x-request-id",
        pick(rng, ["", "x".repeat(1000), "../../etc", "a b", "\u00ff\u00fe", "id\u0001"]),
      ]);
    else if (m === 3)
      headers.push([
        "accept",
        pick(rng, ["text/html", "application/xml", "*/*;q=0", "x".repeat(5000)]),
      ]);
    else if (m === 4)
      headers.push([
        "origin",
        pick(rng, ["https://evil.example", "null", "http://127.0.0.1", "x"]),
      ]);
    else if (m === 5)
      headers.push(["content-length", pick(rng, ["99999999999", "-1", "abc", "0"])]);
    else
      headers.push([
        "x-forwarded-for",
        pick(rng, ["1.2.3.4, 5.6.7.8", "::1", "not-an-ip", "x".repeat(2000)]),
      ]);
    detail = `${detail ? `${detail}; ` : ""}header mutation ${m}`;
    // Many headers (Bun's parser refuses more than ~128 with a bare 431) and values fetch would
    // refuse or rewrite go over a raw socket.
    if (m === 5 || m === 2 || m === 1) raw = true;
    if (chance(rng, 0.3)) {
      // True duplicate lines (fetch would join them with a comma).
      raw = true;
      const dup = pick(rng, [
        "authorization",
        "cookie",
        "content-type",
        "host",
        "x-request-id",
        "content-length",
      ]);
      const existing = headers.find(([k]) => k === dup);
      // Two Content-Length lines, the true length first, then equal or one more (RFC 9112 §6.3).
      if (dup === "content-length") {
        const n = body?.byteLength ?? 0;
        if (!headers.some(([k]) => k === "content-length"))
          headers.push(["content-length", String(n)]);
        headers.push(["content-length", String(chance(rng, 0.5) ? n : n + 1)]);
      } else if (dup === "host") headers.push(["host", "evil.example"]);
      else headers.push([dup, existing ? `${existing[1]}x` : "duplicate"]);
      detail += `; duplicate ${dup}`;
    }
  }
  if (family === "method") {
    method = chance(rng, 0.3) ? pick(rng, RAW_METHODS) : pick(rng, ODD_METHODS);
    // Bun's fetch sends a method it does not know as GET: those go over a raw socket.
    raw = !FETCH_METHODS.has(method) || chance(rng, 0.2);
    detail = `${detail ? `${detail}; ` : ""}method ${JSON.stringify(method.slice(0, 20))}`;
  }
  if (family === "path" && chance(rng, 0.4)) raw = true;
  if (family === "auth" && chance(rng, 0.15)) {
    raw = true;
    headers.push([
      "authorization",
      pick(rng, ["Bearer \u00ff\u00fe", "Bearer a\u0001b", "Bearer \t x"]),
    ]);
    detail += "; latin-1/control token (raw)";
  }
  const target = query ? `${path}?${query}` : path;
  return {
    seed,
    index,
    kind: family,
    detail,
    method,
    target,
    template: op.template,
    headers,
    ...(body ? { body } : {}),
    raw,
  };
}

/** The case as a reproducible description: seed, index, the request line, headers and body. */
export function describeCase(c: FuzzCase): string {
  const short = (s: string, n: number) =>
    s.length > n ? `${s.slice(0, n)}... (${s.length} chars)` : s;
  const body = c.body
    ? short(Buffer.from(c.body.subarray(0, 400)).toString("latin1"), 300) +
      (c.body.byteLength > 400 ? ` [${c.body.byteLength} bytes]` : "")
    : "(none)";
  return [
    `fuzz case: FUZZ_SEED=${c.seed} FUZZ_CASE=${c.index} (${c.kind}: ${c.detail || "-"}; route ${c.template}${c.raw ? "; raw socket" : ""})`,
    `  ${JSON.stringify(c.method.slice(0, 40))} ${short(c.target, 300)}`,
    ...c.headers.slice(0, 12).map(([k, v]) => `  ${k}: ${short(JSON.stringify(v), 200)}`),
    ...(c.headers.length > 12 ? [`  ... and ${c.headers.length - 12} more headers`] : []),
    `  body: ${JSON.stringify(body)}`,
  ].join("\n");
}
