/**
 * What routes share when they call a use case: the options of a write (request origin for audit,
 * `Idempotency-Key`), and the answers of creates (201 with the resource) and deletes (204).
 */
import {
  type CallOptions,
  callOptions as optionsOf,
  type RequestMeta,
} from "../services/context.ts";

/** The options of a write: where it came from, and its Idempotency-Key if any. */
export function callOptions(request: Request, meta: RequestMeta): CallOptions {
  return optionsOf(meta, request.headers.get("idempotency-key"));
}

/** 204 No Content, with optional headers. */
export const noContent = (headers?: Record<string, string>) =>
  new Response(null, { status: 204, headers });

/** A create's answer: 201 with the created resource. */
export async function created<T>(set: { status?: unknown }, result: Promise<T>): Promise<T> {
  const out = await result;
  set.status = 201;
  return out;
}
