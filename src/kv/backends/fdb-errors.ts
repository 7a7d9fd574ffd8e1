/**
 * FoundationDB's error codes as the KV port's (issue 14; docs/kv.md#foundationdb), classified the
 * way FoundationDB's own `fdb_error_predicate` does (fdbclient's `isRetryableError` and
 * `isMaybeCommitted` lists for API 720), so that the store retries what FoundationDB's own
 * bindings would retry and never retries blindly what may have committed:
 *
 * - retryable, not committed → `conflict` (the store reruns the body with backoff): ratekeeper
 *   throttling, a proxy over its memory budget, a locked database during recovery, a storage
 *   server behind, a future version — a cluster under load or recovering, not a broken one;
 * - maybe committed → `unknown_result` (rerun only because bodies are idempotent, src/kv/store.ts);
 * - `transaction_timed_out` (1031) at commit → `unknown_result`: the commit may still apply after
 *   the client gave up; elsewhere → `timeout`;
 * - `transaction_too_old` (1007) → `timeout`: the body outlived FoundationDB's 5 s MVCC window;
 *   retried once, as a body that slow will not get faster;
 * - the size limits → `too_large`; everything else → `unavailable`, its message naming the code.
 */
import { KvError, type KvErrorCode } from "../types.ts";

/** Retryable, not committed (FDB_ERROR_PREDICATE_RETRYABLE_NOT_COMMITTED). */
export const FDB_RETRYABLE_NOT_COMMITTED: Readonly<Record<number, string>> = {
  1007: "transaction_too_old",
  1009: "future_version",
  1020: "not_committed",
  1037: "process_behind",
  1038: "database_locked",
  1042: "commit_proxy_memory_limit_exceeded",
  1051: "batch_transaction_throttled",
  1078: "grv_proxy_memory_limit_exceeded",
  1213: "tag_throttled",
};

/** Maybe committed (FDB_ERROR_PREDICATE_MAYBE_COMMITTED). */
export const FDB_MAYBE_COMMITTED: Readonly<Record<number, string>> = {
  1021: "commit_unknown_result",
  1039: "cluster_version_changed",
};

const TOO_LARGE: Readonly<Record<number, string>> = {
  2101: "transaction_too_large",
  2102: "key_too_large",
  2103: "value_too_large",
};

export const FDB_TIMED_OUT = 1031;
export const FDB_API_VERSION_UNSUPPORTED = 2203;

/** The port's code for FDB error `code` raised in `phase`. */
export function fdbErrorCode(code: number, phase: "commit" | "other"): KvErrorCode {
  if (code === FDB_TIMED_OUT) return phase === "commit" ? "unknown_result" : "timeout";
  if (code === 1007) return "timeout";
  if (code in FDB_MAYBE_COMMITTED) return "unknown_result";
  if (code in FDB_RETRYABLE_NOT_COMMITTED) return "conflict";
  if (code in TOO_LARGE) return "too_large";
  return "unavailable";
}

/** The `KvError` for FDB error `code` (with FoundationDB's message) raised in `phase`. */
export function classifyFdbError(
  code: number,
  message: string,
  phase: "commit" | "other",
  cause?: unknown,
): KvError {
  const name =
    FDB_RETRYABLE_NOT_COMMITTED[code] ?? FDB_MAYBE_COMMITTED[code] ?? TOO_LARGE[code] ?? message;
  return new KvError(
    fdbErrorCode(code, phase),
    `foundationdb error ${code} (${name}): ${message}`,
    {
      cause,
    },
  );
}
