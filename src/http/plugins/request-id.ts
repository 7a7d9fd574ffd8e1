/**
 * Request ids: every request gets one (a sane incoming `X-Request-Id` is kept, anything else is
 * replaced by a fresh UUID) and every response carries it in `X-Request-Id`. Other plugins read it
 * with `requestIdOf(request)` (error bodies, logs).
 *
 * It also sets the headers every API response carries (`SECURITY_HEADERS`): answers hold session
 * credentials and personal data, so no shared or browser cache may keep them (`no-store`), and a
 * JSON body must never be sniffed into something a browser would render.
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

/** Headers on every response (error responses built by the errors plugin included). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

export const requestIdPlugin = () =>
  new Elysia({ name: "request-id" }).onRequest(({ request, set }) => {
    set.headers["x-request-id"] = requestIdOf(request);
    Object.assign(set.headers, SECURITY_HEADERS);
  });
