/**
 * Request ids: every request gets one (a sane incoming `X-Request-Id` is kept, anything else is
 * replaced by a fresh UUID) and every response carries it in `X-Request-Id`. Other plugins read it
 * with `requestIdOf(request)` (error bodies, logs).
 */
import { Elysia } from "elysia";
import { acceptRequestId } from "../../lib/request-id.ts";

const ids = new WeakMap<Request, string>();

/** The id assigned to `request` (assigning one if the plugin has not run, e.g. in unit tests). */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (id === undefined) {
    id = acceptRequestId(request.headers.get("x-request-id"));
    ids.set(request, id);
  }
  return id;
}

export const requestIdPlugin = () =>
  new Elysia({ name: "request-id" }).onRequest(({ request, set }) => {
    set.headers["x-request-id"] = requestIdOf(request);
  });
