/**
 * The `engine` section of `/v1/health` (register it with
 * `health.register("engine", engineHealth.section)`; src/services/system/service.ts lets a
 * registered `engine` section replace its default):
 *
 * - empty `server_api.grpc_endpoint`: `{mode: "standalone"}`;
 * - otherwise `{mode: "connecting" | "connected" | "unreachable", endpoint, channel, last_error,
 *   last_error_at, last_success_at, pending}`.
 *
 * `connecting` is the state before anything showed the engine reachable: no call has had an answer
 * from it yet (a success, or a permanent error, which only a reachable engine gives) and the
 * channel is not READY. It claims no connection; `connected` needs one of those proofs.
 * `unreachable` means the link is down as far as this node can tell: the channel is in transient
 * failure, or the latest call failed with a link error (a retryable one: UNAVAILABLE,
 * DEADLINE_EXCEEDED, …) and no call succeeded since. A permanent error (INVALID_ARGUMENT, …) came
 * from a reachable engine, so it is reported in `last_error` without making the link unreachable.
 * `pending` is the number of vaults waiting for sync, from the caller's counter (null without one
 * or when it fails). Times are ISO 8601 from the injected Clock.
 */
import type { Clock } from "../lib/clock.ts";
import type { EngineCallObserver, EngineChannelState } from "./client.ts";
import type { EngineError } from "./types.ts";

export interface EngineHealthOptions {
  /** `server_api.grpc_endpoint`; empty = standalone. */
  endpoint: string;
  clock: Clock;
  /** The channel's state (GrpcEngineClient.channelState); called with `tryConnect = true`. */
  channelState?: (tryConnect: boolean) => EngineChannelState;
  /** How many vaults are waiting for sync (the vault feature's counter). */
  pending?: () => number | Promise<number>;
}

export type EngineHealthReport =
  | { mode: "standalone" }
  | {
      mode: "connecting" | "connected" | "unreachable";
      endpoint: string;
      channel: EngineChannelState | null;
      last_error: string | null;
      last_error_at: string | null;
      last_success_at: string | null;
      pending: number | null;
    };

export class EngineHealth implements EngineCallObserver {
  readonly #opts: EngineHealthOptions;
  #lastError: { message: string; at: number; linkDown: boolean } | null = null;
  #lastSuccessAt: number | null = null;
  /** Whether the engine ever answered a call of this node (success or permanent error). */
  #answered = false;

  constructor(opts: EngineHealthOptions) {
    this.#opts = opts;
  }

  get standalone(): boolean {
    return this.#opts.endpoint.trim() === "";
  }

  /** Binds the channel state after construction (the client may be built with this as observer). */
  attachChannel(channelState: (tryConnect: boolean) => EngineChannelState): void {
    this.#opts.channelState = channelState;
  }

  succeeded(_method: string): void {
    this.#lastSuccessAt = this.#opts.clock.now();
    this.#answered = true;
    if (this.#lastError) this.#lastError = { ...this.#lastError, linkDown: false };
  }

  failed(_method: string, error: EngineError): void {
    this.#lastError = {
      message: error.message,
      at: this.#opts.clock.now(),
      linkDown: error.retryable,
    };
    // A permanent error came from the engine; CLIENT_CLOSED is this node closing its own client.
    if (!error.retryable && error.code !== "CLIENT_CLOSED") this.#answered = true;
  }

  /** The health section (a bound function: pass it to HealthRegistry.register). */
  readonly section = async (): Promise<EngineHealthReport> => {
    if (this.standalone) return { mode: "standalone" };
    let channel: EngineChannelState | null = null;
    try {
      channel = this.#opts.channelState?.(true) ?? null;
    } catch {
      channel = null;
    }
    let pending: number | null = null;
    if (this.#opts.pending) {
      try {
        pending = await this.#opts.pending();
      } catch {
        pending = null;
      }
    }
    const err = this.#lastError;
    const down =
      channel === "transient_failure" ||
      channel === "shutdown" ||
      (channel !== "ready" && err !== null && err.linkDown);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      mode: down
        ? "unreachable"
        : channel === "ready" || this.#answered
          ? "connected"
          : "connecting",
      endpoint: this.#opts.endpoint,
      channel,
      last_error: err?.message ?? null,
      last_error_at: iso(err?.at ?? null),
      last_success_at: iso(this.#lastSuccessAt),
      pending,
    };
  };
}
