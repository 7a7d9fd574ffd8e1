/**
 * Shared TypeBox pieces for routes: Snowflake id path parameters (canonical decimal strings;
 * anything else is 400 `INVALID_ID` through the errors plugin) and pagination (`limit` default 50
 * clamped to 1..100, `offset` >= 0; garbage is 400 `INVALID_ARGUMENT`). Body schemas are the
 * use cases' own (src/services/<feature>/inputs.ts).
 *
 * ```ts
 * app.get("/v1/organizations/:org/teams", ({ params, query }) => ..., {
 *   params: idParams("org"),
 *   query: PaginationQuery,
 * });
 * const page = toPage(query); // { limit, offset }
 * ```
 */
import { Kind, OptionalKind, type TObject, type TSchema, Type } from "@sinclair/typebox";
import { t } from "elysia";
import { Id } from "../lib/schema.ts";
import { PageQuery } from "../services/context.ts";

export { Id } from "../lib/schema.ts";
export {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  type PageRequest,
  paginationOf,
  toPage,
} from "../services/context.ts";

/** `params` schema for routes whose path parameters are all ids: `idParams("org", "team")`. */
export function idParams<const K extends string>(...names: K[]) {
  const props = Object.fromEntries(names.map((n) => [n, Id])) as { [P in K]: typeof Id };
  return Type.Object(props);
}

/**
 * A use case's query schema (src/services/<feature>/inputs.ts) as the HTTP front needs it: query
 * strings arrive as text, so each integer property becomes Elysia's converting `t.Integer` with
 * the same bounds. The rules stay the use case's; only the spelling on the wire is HTTP's.
 */
export function queryOf<T extends TObject>(schema: T): T {
  const props: Record<string, TSchema> = {};
  for (const [name, prop] of Object.entries(schema.properties)) {
    let p: TSchema = prop;
    if (prop[Kind] === "Integer") {
      const { minimum, maximum } = prop as { minimum?: number; maximum?: number };
      p = t.Integer({ minimum, maximum });
      if (prop[OptionalKind] === "Optional") p = Type.Optional(p);
    }
    props[name] = p;
  }
  return Type.Object(props, { additionalProperties: schema.additionalProperties }) as TSchema as T;
}

/** Query schema for paginated lists (the shared `PageQuery`, converting integers). */
export const PaginationQuery = queryOf(PageQuery);
