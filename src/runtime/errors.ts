/**
 * Error catalog of the actor runtime. Codes are stable (clients and tests match on them); kinds map
 * to HTTP and gRPC statuses through `KIND_STATUS` (src/lib/errors.ts).
 */
import { defineErrors } from "../lib/errors.ts";

export const RuntimeErrors = defineErrors({
  /** The actor's mailbox is at `cluster.mailbox_capacity`: HTTP 429 / RESOURCE_EXHAUSTED. */
  MAILBOX_FULL: {
    kind: "rate_limited",
    message: "Too many requests for this resource; retry later",
  },
  /** The caller's deadline passed before the turn ran (the message was dropped unrun). */
  DEADLINE_EXCEEDED: { kind: "deadline_exceeded", message: "Deadline exceeded" },
  /** This node does not own the actor; `meta.owner` names the owner (routers follow it). */
  NOT_OWNER: { kind: "unavailable", message: "Service temporarily unavailable; retry later" },
  /** The turn could not be committed (store unavailable, fenced, too many re-runs). Retryable. */
  ACTOR_COMMIT_FAILED: {
    kind: "unavailable",
    message: "Service temporarily unavailable; retry later",
  },
  /** One turn's write set exceeds the KV limits (1 MB per transaction, 90 KB per value). */
  TURN_TOO_LARGE: { kind: "payload_too_large", message: "Change too large to store" },
  /** The node is fenced or shutting down and takes no turns. Retryable on another node. */
  NODE_UNAVAILABLE: {
    kind: "unavailable",
    message: "Service temporarily unavailable; retry later",
  },
  /** Forwarding to the owner failed or exceeded `cluster.max_hops`. Retryable. */
  ROUTING_FAILED: { kind: "unavailable", message: "Service temporarily unavailable; retry later" },
  /** More than one node is live but `cluster.secret` is unset: nodes refuse to forward. */
  FORWARDING_DISABLED: {
    kind: "unavailable",
    message: "Service temporarily unavailable; retry later",
  },
  /** The same Idempotency-Key was sent with a different request. */
  IDEMPOTENCY_KEY_REUSED: {
    kind: "unprocessable",
    message: "Idempotency-Key was already used with a different request",
  },
  /** A message named an actor kind nobody registered (a bug in the caller). */
  UNKNOWN_ACTOR_KIND: { kind: "internal", message: "Internal server error" },
  /** A message or reply was not plain JSON data. */
  INVALID_ACTOR_MESSAGE: { kind: "bad_request", message: "Invalid request" },
  /** A handler threw something that is not an AppError (a bug); logged with the actor key. */
  ACTOR_HANDLER_FAILED: { kind: "internal", message: "Internal server error" },
});
