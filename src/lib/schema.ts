/**
 * Input schemas, shared by every layer that checks data from outside: TypeBox schemas (plain JSON
 * Schema objects) for the shapes a use case accepts, the Snowflake id format, and one way of
 * turning a schema mismatch into `{field, message}` problems. The HTTP front (Elysia validates
 * with the same TypeBox), the gRPC front (`schemaProblems` on the decoded request) and the actor
 * protocols (src/runtime/protocol.ts) all go through here, so one malformed input names the same
 * fields whichever door it came in by.
 *
 * ```ts
 * const TeamCreateInput = Type.Object({ name: Bounded.name }, { additionalProperties: false });
 * schemaProblems(TeamCreateInput, { name: 5 }); // [{ field: "name", message: "Expected string" }]
 * ```
 */
import { FormatRegistry, type TSchema, Type } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import { ValueErrorType } from "@sinclair/typebox/errors";
import type { FieldProblem } from "./errors.ts";
import { isId } from "./ids.ts";

if (!FormatRegistry.Has("snowflake")) FormatRegistry.Set("snowflake", (v) => isId(v));

/**
 * Well-formed text: no unpaired UTF-16 surrogate (JSON can carry one as `"\ud800"`) and no U+FFFD
 * (what a decoder makes of invalid UTF-8, e.g. a gRPC string field holding bad bytes). Every free-text
 * field of every input carries this format, so both transports refuse ill-formed text the same way
 * before anything is stored (docs/http-api.md, "Text").
 */
export function isWellFormedText(v: string): boolean {
  return v.isWellFormed() && !v.includes("\uFFFD");
}
if (!FormatRegistry.Has("text")) FormatRegistry.Set("text", isWellFormedText);

/** A Snowflake id as a decimal string (`1..2^63-1`, no sign, no leading zeros); docs/http-api.md. */
export const Id = Type.String({ format: "snowflake", maxLength: 19 });

/**
 * Outer bounds on request strings (in UTF-16 code units, as JSON Schema `maxLength` counts),
 * shared by every transport so HTTP and gRPC refuse the same over-long input before any work
 * (HTTP: 422 VALIDATION_FAILED; gRPC: INVALID_ARGUMENT VALIDATION_FAILED). They are generous:
 * the exact rules (UTF-8 byte lengths, characters, syntax) are the domain validators the
 * services run.
 */
export const INPUT_MAX_CHARS = {
  name: 400,
  email: 320,
  password: 1024,
  token: 256,
  description: 4000,
  /** Audit log filters `action` and `resource_type`. */
  filter: 100,
  /** Audit log `start_date` / `end_date`. */
  date: 64,
  /** Audit log `cursor`. */
  cursor: 128,
} as const;

/** Well-formed text (format `text`, see `isWellFormedText`) of at most `max` UTF-16 code units. */
export function Text(max: number) {
  return Type.String({ maxLength: max, format: "text" });
}

/** Free-text fields, bounded by the table above and well-formed. */
export const Bounded = {
  name: Text(INPUT_MAX_CHARS.name),
  description: Text(INPUT_MAX_CHARS.description),
  email: Text(INPUT_MAX_CHARS.email),
  password: Text(INPUT_MAX_CHARS.password),
  token: Text(INPUT_MAX_CHARS.token),
  filter: Text(INPUT_MAX_CHARS.filter),
  date: Text(INPUT_MAX_CHARS.date),
  cursor: Text(INPUT_MAX_CHARS.cursor),
};

/** Object schemas of inputs refuse unknown fields (docs/adr/0004-unknown-json-fields-rejected.md). */
export const STRICT = { additionalProperties: false } as const;

/** A non-negative 32-bit count (pagination, limits). */
export const Count = Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 });

/** The `field` of a problem at a JSON pointer path: `/a/0/b` → `a.0.b`, the root → `(root)`. */
export function fieldOfPath(path: string | undefined): string {
  return (path ?? "").replace(/^\//, "").replaceAll("/", ".") || "(root)";
}

/** At most this many problems are reported for one input. */
export const MAX_PROBLEMS = 20;

/** A TypeBox value error, as TypeBox's `Errors()` (and Elysia's validation error) list them. */
export interface SchemaError {
  type?: number;
  path?: string;
  message?: string;
  schema?: unknown;
  value?: unknown;
}

/** The message of one error: TypeBox's, except for the two a client most often meets. */
function messageOf(e: SchemaError): string {
  if (e.type === ValueErrorType.ObjectRequiredProperty) return "is required";
  if (e.type === ValueErrorType.ObjectAdditionalProperties) return "is not an accepted field";
  const textFormat = (e.schema as { format?: unknown } | undefined)?.format === "text";
  const illFormed = typeof e.value === "string" && !isWellFormedText(e.value);
  // An optional text field is a union (text or null): name the real problem, not the union.
  if (
    (e.type === ValueErrorType.StringFormat && textFormat) ||
    (e.type === ValueErrorType.Union && illFormed)
  ) {
    return "must be well-formed text (no unpaired surrogates, no U+FFFD)";
  }
  return e.message ?? "Invalid value";
}

/** One problem per field (the first), at most MAX_PROBLEMS, from TypeBox errors. */
export function problemsOf(errors: Iterable<SchemaError>, fallbackPath?: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const field = fieldOfPath(e.path || fallbackPath);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: messageOf(e) });
    if (out.length >= MAX_PROBLEMS) break;
  }
  return out;
}

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** The compiled check of `schema` (compiled once per schema object). */
export function checkerOf<T extends TSchema>(schema: T): TypeCheck<T> {
  let c = compiled.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    compiled.set(schema, c);
  }
  return c as TypeCheck<T>;
}

/** The problems of `value` against `schema`; empty when it matches. */
export function schemaProblems(schema: TSchema, value: unknown): FieldProblem[] {
  const check = checkerOf(schema);
  if (check.Check(value)) return [];
  return problemsOf(check.Errors(value));
}

/** One of a fixed list of strings (an enum spelt as in the API). */
export function literalUnion<const T extends string>(values: readonly T[]) {
  return Type.Union(values.map((v) => Type.Literal(v)));
}

/**
 * Where a request came from, as audit events and sessions record it: the client IP (null when
 * unknown) and the user agent (cut to 512 characters, null when absent). Services build it
 * (`requestMeta` in src/services/context.ts); actor messages carry it as `meta`.
 */
export const RequestMetaSchema = Type.Object(
  {
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String({ maxLength: 512 }), Type.Null()]),
  },
  { additionalProperties: false },
);
