/**
 * The router: the `ActorClient` services use. It finds where an actor lives and delivers there:
 *
 * - active here → the local host;
 * - else the directory cache (owners learned from `NOT_OWNER` hints and successful forwards) when
 *   that node is alive, else the rendezvous-preferred live node (src/cluster/placement.ts);
 * - the target is this node (always so with one node) → the local host, which claims the owner
 *   key; a claim that finds another live owner answers `NOT_OWNER` with its node id, which the
 *   router follows;
 * - the target is a peer → forward over the internal endpoint (signed); its `NOT_OWNER` hint is
 *   followed, a failed or fenced peer makes the router try this node instead.
 *
 * Only the entry node forwards (a receiving node delivers locally or answers `NOT_OWNER`), so a
 * request makes at most `cluster.max_hops` forwards. Without `cluster.secret`, with more than one
 * live node, the router never forwards (it logs an error at most once a minute) and serves what
 * it can claim locally.
 */
import { preferredNode } from "../cluster/placement.ts";
import type { ClusterView } from "../cluster/types.ts";
import type { Clock } from "../lib/clock.ts";
import { CommonErrors, isAppError } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import { deserializeError } from "./batch.ts";
import {
  type ActorClient,
  type AskOptions,
  DEFAULT_ASK_DEADLINE_MS,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from "./client.ts";
import type { ActorMessage, ActorRef, JsonObject, JsonValue } from "./define.ts";
import { RuntimeErrors } from "./errors.ts";
import { serializeError } from "./executor.ts";
import type { ActorHost } from "./host.ts";
import {
  type ForwardRequest,
  type ForwardResponse,
  type ForwardTarget,
  forwardAsk,
} from "./internal-endpoint.ts";
import type { RuntimeMetrics } from "./metrics.ts";

export interface RouterOptions {
  host: ActorHost;
  cluster: ClusterView;
  clock: Clock;
  log: Logger;
  /** Kinds that may be addressed (the registry's). */
  kinds: ReadonlySet<string>;
  maxHops: number;
  secret: string | undefined;
  metrics?: RuntimeMetrics;
  /** Replaces the HTTP transport (simulation: in-process peers). */
  forward?: (
    target: ForwardTarget,
    req: ForwardRequest,
    timeoutMs: number,
  ) => Promise<ForwardResponse>;
}

const DIRECTORY_MAX = 10_000;
const MAX_DEADLINE_MS = 5 * 60_000;
const IDEM_KEY = /^[\x21-\x7e]+$/;
const LOUD_LOG_EVERY_MS = 60_000;

interface Delivery {
  deadline: number;
  principal?: JsonObject | undefined;
  origin?: JsonObject | undefined;
  idempotencyKey?: string | undefined;
}

function ownerHint(e: unknown): string | undefined {
  if (!isAppError(e) || e.code !== "NOT_OWNER") return undefined;
  const owner = e.meta?.owner;
  return typeof owner === "string" ? owner : undefined;
}

export class ActorRouter implements ActorClient {
  readonly #o: RouterOptions;
  readonly #directory = new Map<string, string>();
  #lastLoud = Number.NEGATIVE_INFINITY;

  constructor(opts: RouterOptions) {
    this.#o = opts;
  }

  ask(kind: string, id: string, message: ActorMessage, opts: AskOptions = {}): Promise<JsonValue> {
    if (!this.#o.kinds.has(kind)) {
      return Promise.reject(RuntimeErrors.UNKNOWN_ACTOR_KIND(undefined, { meta: { kind } }));
    }
    if (typeof id !== "string" || id.length === 0 || id.length > 256) {
      return Promise.reject(CommonErrors.INVALID_ID());
    }
    if (typeof message !== "object" || message === null || typeof message.type !== "string") {
      return Promise.reject(RuntimeErrors.INVALID_ACTOR_MESSAGE());
    }
    const key = opts.idempotencyKey;
    if (key !== undefined && (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !IDEM_KEY.test(key))) {
      return Promise.reject(
        CommonErrors.INVALID_ARGUMENT("Idempotency-Key must be 1..255 printable ASCII characters", {
          details: [
            { field: "Idempotency-Key", message: "must be 1..255 printable ASCII characters" },
          ],
        }),
      );
    }
    const budget = Math.min(
      Math.max(opts.deadlineMs ?? DEFAULT_ASK_DEADLINE_MS, 0),
      MAX_DEADLINE_MS,
    );
    return this.#route({ kind, id }, message, {
      deadline: this.#o.clock.monotonic() + budget,
      principal: opts.principal,
      origin: opts.origin,
      idempotencyKey: key,
    });
  }

  /**
   * Handles a request that arrived on the internal endpoint. A peer's forward (`hops >= 1`) is
   * delivered locally only (no further hop: the entry node does the routing). `hops === 0` is an
   * entry request from a trusted internal caller (operators' tools, the multi-process tests):
   * it is routed like a service's `ask`.
   */
  async receive(req: ForwardRequest): Promise<ForwardResponse> {
    try {
      const opts = {
        deadlineMs: Math.min(Math.max(req.remainingMs, 0), MAX_DEADLINE_MS),
        principal: req.principal,
        origin: req.origin,
        idempotencyKey: req.idempotencyKey,
      };
      if (req.hops === 0) {
        return { ok: true, reply: await this.ask(req.kind, req.id, req.message, opts) };
      }
      if (!this.#o.kinds.has(req.kind)) throw RuntimeErrors.UNKNOWN_ACTOR_KIND();
      const reply = await this.#o.host.deliver({ kind: req.kind, id: req.id }, req.message, {
        deadline: this.#o.clock.monotonic() + opts.deadlineMs,
        principal: opts.principal,
        origin: opts.origin,
        idempotencyKey: opts.idempotencyKey,
      });
      return { ok: true, reply };
    } catch (e) {
      return { ok: false, error: serializeError(e) };
    }
  }

  async #route(ref: ActorRef, message: ActorMessage, d: Delivery): Promise<JsonValue> {
    const { host, clock, cluster, maxHops } = this.#o;
    const key = `${ref.kind}/${ref.id}`;
    let hops = 0;
    let localOnly = false;
    let lastError: unknown;
    for (let attempt = 0; attempt < maxHops + 3; attempt++) {
      if (clock.monotonic() >= d.deadline) throw RuntimeErrors.DEADLINE_EXCEEDED();
      const self = cluster.self().nodeId;
      const target = localOnly || host.isLocal(ref) ? undefined : this.#target(key);
      if (!target || target.nodeId === self) {
        try {
          return await host.deliver(ref, message, d);
        } catch (e) {
          const owner = ownerHint(e);
          if (!owner) throw e;
          if (owner === self || localOnly) throw this.#unroutable(key);
          this.#remember(key, owner);
          lastError = e;
          if (hops >= maxHops || !this.#canForward()) throw this.#unroutable(key);
          continue;
        }
      }
      if (hops >= maxHops || !this.#canForward()) {
        localOnly = true;
        continue;
      }
      hops++;
      let res: ForwardResponse;
      try {
        res = await this.#send(target, ref, message, d, hops);
      } catch (e) {
        this.#o.metrics?.forwarded.inc({ result: "failed" });
        this.#o.log.warn("forward failed", { actor: key, to: target.nodeId, err: e });
        this.#directory.delete(key);
        lastError = e;
        localOnly = true;
        continue;
      }
      if (res.ok) {
        this.#o.metrics?.forwarded.inc({ result: "ok" });
        this.#remember(key, target.nodeId);
        return res.reply;
      }
      const err = deserializeError(res.error);
      const owner = ownerHint(err);
      if (owner) {
        this.#o.metrics?.forwarded.inc({ result: "not_owner" });
        this.#remember(key, owner);
        lastError = err;
        if (owner === self) localOnly = true;
        continue;
      }
      if (err.code === "NODE_UNAVAILABLE") {
        this.#o.metrics?.forwarded.inc({ result: "unavailable" });
        this.#directory.delete(key);
        lastError = err;
        localOnly = true;
        continue;
      }
      this.#o.metrics?.forwarded.inc({ result: "ok" });
      this.#remember(key, target.nodeId);
      throw err;
    }
    throw isAppError(lastError) && lastError.code !== "NOT_OWNER"
      ? lastError
      : RuntimeErrors.ROUTING_FAILED(undefined, { retryAfterSeconds: 1, meta: { actor: key } });
  }

  #unroutable(key: string) {
    return this.#o.secret
      ? RuntimeErrors.ROUTING_FAILED(undefined, { retryAfterSeconds: 1, meta: { actor: key } })
      : RuntimeErrors.FORWARDING_DISABLED(undefined, {
          retryAfterSeconds: 1,
          meta: { actor: key },
        });
  }

  #target(key: string): ForwardTarget | undefined {
    const live = this.#o.cluster.liveNodes();
    const known = this.#directory.get(key);
    if (known) {
      const n = live.find((x) => x.nodeId === known);
      if (n) return n;
      this.#directory.delete(key);
    }
    return preferredNode(key, live);
  }

  #remember(key: string, nodeId: string) {
    if (this.#directory.size >= DIRECTORY_MAX && !this.#directory.has(key)) {
      const oldest = this.#directory.keys().next().value;
      if (oldest !== undefined) this.#directory.delete(oldest);
    }
    this.#directory.set(key, nodeId);
  }

  #canForward(): boolean {
    if (this.#o.secret) return true;
    const now = this.#o.clock.monotonic();
    if (now - this.#lastLoud >= LOUD_LOG_EVERY_MS && this.#o.cluster.liveNodes().length > 1) {
      this.#lastLoud = now;
      this.#o.log.error(
        "cluster.secret is unset but several nodes are live: refusing to forward actor messages",
        { live: this.#o.cluster.liveNodes().length },
      );
    }
    return false;
  }

  #send(
    target: ForwardTarget,
    ref: ActorRef,
    message: ActorMessage,
    d: Delivery,
    hops: number,
  ): Promise<ForwardResponse> {
    const remainingMs = Math.max(0, Math.round(d.deadline - this.#o.clock.monotonic()));
    const req: ForwardRequest = { kind: ref.kind, id: ref.id, message, remainingMs, hops };
    if (d.principal !== undefined) req.principal = d.principal;
    if (d.origin !== undefined) req.origin = d.origin;
    if (d.idempotencyKey !== undefined) req.idempotencyKey = d.idempotencyKey;
    if (this.#o.forward) return this.#o.forward(target, req, remainingMs);
    return forwardAsk(
      target,
      req,
      { nodeId: this.#o.cluster.self().nodeId, secret: this.#o.secret! },
      this.#o.clock,
      remainingMs,
    );
  }
}
