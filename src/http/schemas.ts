/**
 * Shared TypeBox pieces for routes: Snowflake id path parameters (api.md A1: canonical decimal
 * strings, anything else 400 `INVALID_ID` through the errors plugin) and pagination
 * (`limit` default 50 clamped to 1..100, `offset` >= 0; garbage 400 `INVALID_ARGUMENT`).
 *
 * ```ts
 * app.get("/v1/organizations/:org/teams", ({ params, query }) => ..., {
 *   params: idParams("org"),
 *   query: PaginationQuery,
 * });
 * const page = toPage(query); // { limit, offset }
 * ```
 */
import { FormatRegistry } from "@sinclair/typebox";
import { t } from "elysia";
import { isId } from "../lib/ids.ts";

if (!FormatRegistry.Has("snowflake")) FormatRegistry.Set("snowflake", (v) => isId(v));

/** A Snowflake id as a decimal string (`1..2^63-1`, no sign, no leading zeros). */
export const Id = t.String({ format: "snowflake", maxLength: 19 });

/** `params` schema for routes whose path parameters are all ids: `idParams("org", "team")`. */
export function idParams<const K extends string>(...names: K[]) {
  const props = Object.fromEntries(names.map((n) => [n, Id])) as { [P in K]: typeof Id };
  return t.Object(props);
}

// Pagination rules are transport-neutral (shared with gRPC): src/services/pagination.ts.
export {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  type Page,
  paginationOf,
  toPage,
} from "../services/pagination.ts";

/** Query schema for paginated lists (query strings are converted to integers by Elysia). */
export const PaginationQuery = t.Object({
  limit: t.Optional(t.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
  offset: t.Optional(t.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
});
