/**
 * Request ids: every request gets one (a sane incoming `X-Request-Id` is kept, anything else is
 * replaced by a fresh UUID) and every response carries it in `X-Request-Id`. Other plugins read it
 * with `requestIdOf(request)` (error bodies, logs).
 *
 * It also sets the headers every API response carries (`SECURITY_HEADERS`): answers hold session
 * credentials and personal data, so no shared or browser cache may keep them (`no-store`), and a
 * JSON body must never be sniffed into something a browser would render.
 *
 * The per-request state the front keeps outside Elysia's context lives in one record per request
 * (`requestRecordOf`): the id, and the metrics plugin's start time, which this plugin's
 * `onRequest` hook (the first of the app) takes, so a request costs one WeakMap entry and one hook.
 */
import { Elysia } from "elysia";
import { acceptRequestId } from "../../lib/request-id.ts";

/** What the front keeps about one request. */
export interface RequestRecord {
  readonly id: string;
  /**
   * `performance.now()` when the request entered the app, for the metrics plugin; NaN when it
   * did not come through the plugin (e.g. unit tests) or once its answer has been recorded.
   */
  startedAt: number;
}

const records = new WeakMap<Request, RequestRecord>();

/** The record of `request` (creating one, without a start time, if the plugin has not run). */
export function requestRecordOf(request: Request): RequestRecord {
  let rec = records.get(request);
  if (rec === undefined) {
    rec = { id: acceptRequestId(request.headers.get("x-request-id")), startedAt: Number.NaN };
    records.set(request, rec);
  }
  return rec;
}

/** The id assigned to `request` (assigning one if the plugin has not run, e.g. in unit tests). */
export function requestIdOf(request: Request): string {
  return requestRecordOf(request).id;
}

/** Headers on every response (error responses built by the errors plugin included). */
const CACHE_CONTROL = "no-store";
const CONTENT_TYPE_OPTIONS = "nosniff";
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": CACHE_CONTROL,
  "x-content-type-options": CONTENT_TYPE_OPTIONS,
};

export const requestIdPlugin = () =>
  new Elysia({ name: "request-id" }).onRequest(({ request, set }) => {
    const rec: RequestRecord = {
      id: acceptRequestId(request.headers.get("x-request-id")),
      startedAt: performance.now(),
    };
    records.set(request, rec);
    // Plain stores of literal names (not `Object.assign` of SECURITY_HEADERS): the same headers,
    // without a generic property copy per request (keep in step with SECURITY_HEADERS).
    const h = set.headers;
    h["x-request-id"] = rec.id;
    h["cache-control"] = CACHE_CONTROL;
    h["x-content-type-options"] = CONTENT_TYPE_OPTIONS;
  });
