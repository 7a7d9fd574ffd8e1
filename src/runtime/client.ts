/**
 * The runtime's client: how services talk to actors. `ask` delivers a message to the actor
 * `(kind, id)` wherever it is owned in the cluster and resolves with its reply (or rejects with the
 * `AppError` the turn answered). Replies arrive only after the turn committed (output gate).
 *
 * ```ts
 * const org = await deps.actors.ask("organization", orgId, { type: "rename", name }, {
 *   deadlineMs: 5_000,
 *   idempotencyKey: req.headers["idempotency-key"],
 *   principal: { userId },
 * });
 * ```
 */
import type { ActorMessage, JsonObject, JsonValue } from "./define.ts";

export interface AskOptions {
  /**
   * The caller's time budget in milliseconds from now (default 10 000). It travels with the
   * message (as remaining milliseconds, so nodes never compare clocks); a message whose budget ran
   * out before its turn starts is dropped and the caller gets `DEADLINE_EXCEEDED` (504).
   */
  deadlineMs?: number;
  /**
   * An `Idempotency-Key` (≤ 255 printable ASCII characters). The outcome of the turn, success or
   * AppError, is stored with the turn's commit for 24 h; a retry with the same key and message
   * returns the first outcome without running the turn again; the same key with a different
   * message is refused with `IDEMPOTENCY_KEY_REUSED` (422).
   */
  idempotencyKey?: string;
  /** Who is asking, as plain JSON (e.g. `{userId}`); handed to the handler as `ctx.principal`. */
  principal?: JsonObject;
  /**
   * Where the request came from (e.g. `{ip, userAgent}`), as plain JSON; handed to the handler as
   * `ctx.origin`. Unlike the message it is not part of the idempotency fingerprint: a retry of the
   * same request through another proxy, node or client library replays the first outcome.
   */
  origin?: JsonObject;
}

/** The service-facing port of the actor runtime. Safe to call concurrently from anywhere on main. */
export interface ActorClient {
  /**
   * Sends `message` to the actor and resolves with its reply after commit. Rejects with an
   * `AppError`: the handler's own errors, or runtime ones (`MAILBOX_FULL` 429 with
   * `retryAfterSeconds`, `DEADLINE_EXCEEDED` 504, `ACTOR_COMMIT_FAILED` / `ROUTING_FAILED` /
   * `NODE_UNAVAILABLE` 503: retryable).
   */
  ask(kind: string, id: string, message: ActorMessage, opts?: AskOptions): Promise<JsonValue>;
}

/** Default deadline budget of `ask` (ms). */
export const DEFAULT_ASK_DEADLINE_MS = 10_000;
/** Longest accepted Idempotency-Key. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
