/**
 * Per-IP rate limits on routes (docs/http-api.md#a7--rate-limits): a `beforeHandle` hook that spends one unit of the
 * route's limit for the client IP (src/http/plugins/client-ip.ts) and sets `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds until the window ends). Over the limit:
 * 429 `RATE_LIMITED` with `Retry-After` and the same headers. Counters live in the KV store, so a
 * limit holds across the cluster; `rate_limiting.enabled: false` turns them off.
 */

import { CommonErrors } from "../../lib/errors.ts";
import type { RequestMeta } from "../../services/context.ts";
import type { HttpDeps } from "../../services/index.ts";
import { errorResponse } from "./errors.ts";
import { requestIdOf } from "./request-id.ts";

interface HookContext {
  request: Request;
  clientMeta: RequestMeta;
  set: { headers: Record<string, string | number> };
}

export function ipRateLimit(deps: HttpDeps, kind: "login" | "registration") {
  const { auth } = deps.services;
  return async ({ request, clientMeta, set }: HookContext) => {
    const d = await auth.checkIpLimit(kind, clientMeta.ip);
    const headers = {
      "x-ratelimit-limit": String(d.limit),
      "x-ratelimit-remaining": String(d.remaining),
      "x-ratelimit-reset": String(d.resetSec),
    };
    if (!d.allowed) {
      const err = CommonErrors.RATE_LIMITED(`Too many ${kind} attempts; try again later`, {
        retryAfterSeconds: d.resetSec,
      });
      return errorResponse(err, requestIdOf(request), headers);
    }
    Object.assign(set.headers, headers);
  };
}
