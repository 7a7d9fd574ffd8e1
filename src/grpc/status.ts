/**
 * gRPC error mapping: any thrown value becomes a `ServiceError` whose code comes from the one
 * KIND_STATUS table (through `toPublic().grpc`), whose message is the public message, and whose
 * trailing metadata carries `x-request-id`, `x-error-code` (our stable code) and `retry-after`
 * when known. Unexpected errors are logged with the request id and answered INTERNAL.
 */
import { isIP } from "node:net";
import {
  type handleUnaryCall,
  Metadata,
  type ServerErrorResponse,
  type ServiceDefinition,
} from "@grpc/grpc-js";
import { CommonErrors, type FieldProblem, toPublic } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import { resolveClientIp } from "../lib/net.ts";
import { acceptRequestId } from "../lib/request-id.ts";

/** The caller's `x-request-id` when sane, else a fresh one. */
export function requestIdOfCall(metadata: Metadata): string {
  return acceptRequestId(metadata.get("x-request-id")[0]);
}

export function toServiceError(e: unknown, requestId: string, log: Logger): ServerErrorResponse {
  const pub = toPublic(e);
  if (pub.status >= 500 && pub.code !== "OVERLOADED")
    log.error("grpc call failed", { request_id: requestId, code: pub.code, err: e });
  const metadata = new Metadata();
  metadata.set("x-request-id", requestId);
  metadata.set("x-error-code", pub.code);
  if (pub.retryAfterSeconds !== undefined)
    metadata.set("retry-after", String(pub.retryAfterSeconds));
  if (pub.details)
    metadata.set("x-error-details", JSON.stringify(pub.details satisfies FieldProblem[]));
  return Object.assign(new Error(pub.message), { code: pub.grpc, details: pub.message, metadata });
}

/** What every handler of a server shares: its logger and who its trusted proxies are. */
export interface CallEnv {
  log: Logger;
  /** True for an address in `server.trusted_proxies` (src/lib/net.ts). */
  trustedProxy: (ip: string) => boolean;
  /**
   * The server's calls in flight (shared by every handler of one server) and the bound beyond
   * which a new call is refused RESOURCE_EXHAUSTED `OVERLOADED` with `retry-after: 1`
   * (`server.max_inflight_requests`; 0 disables). The health service is not wrapped, never shed.
   */
  admission?: { inflight: number; readonly max: number };
}

/** What `unary` hands a handler besides the request. */
export interface CallCtx {
  requestId: string;
  metadata: Metadata;
  /** `host:port` of the socket peer, as grpc-js reports it. */
  peer: string;
  /**
   * The client's IP: the socket peer's, or, when the peer is a trusted proxy, the first untrusted
   * hop of its `x-forwarded-for` metadata (the same rule as HTTP's X-Forwarded-For); null when
   * unknown.
   */
  clientIp: string | null;
}

/** The client IP of `host:port` (IPv4, IPv6 or IPv4-mapped IPv6); null when unknown. */
export function peerIp(peer: string): string | null {
  const colon = peer.lastIndexOf(":");
  const host = (colon < 0 ? peer : peer.slice(0, colon)).replace(/^\[(.*)\]$/, "$1");
  return isIP(host) ? host : null;
}

/** The client IP of a call (see `CallCtx.clientIp`). */
export function clientIpOf(env: CallEnv, peer: string, metadata: Metadata): string | null {
  const forwarded = metadata.get("x-forwarded-for");
  const chain = forwarded.filter((v): v is string => typeof v === "string").join(",");
  return resolveClientIp(peerIp(peer), chain === "" ? null : chain, env.trustedProxy);
}

/**
 * Wraps an async unary handler: resolves the request id, answers with the result, and maps any
 * rejection through `toServiceError`. A handler never crashes the server.
 *
 * Used as a property of a generated `XxxServiceHandlers` object (src/grpc/generated/), `Req` and
 * `Res` come from the method's proto messages: the request is the decoded message type and the
 * result must be assignable to the response message type.
 */
export function unary<Req, Res>(
  env: CallEnv,
  fn: (request: Req, ctx: CallCtx) => Promise<Res> | Res,
): handleUnaryCall<Req, Res> {
  const { log } = env;
  const admission = env.admission;
  return (call, callback) => {
    const requestId = requestIdOfCall(call.metadata);
    if (admission && admission.max > 0 && admission.inflight >= admission.max) {
      callback(
        toServiceError(
          CommonErrors.OVERLOADED(undefined, { retryAfterSeconds: 1 }),
          requestId,
          log,
        ),
      );
      return;
    }
    if (admission) admission.inflight++;
    Promise.resolve()
      .then(() => {
        if (isMalformed(call.request)) throw call.request[MALFORMED];
        const peer = call.getPeer();
        const clientIp = clientIpOf(env, peer, call.metadata);
        return fn(call.request, { requestId, metadata: call.metadata, peer, clientIp });
      })
      .then(
        (res) => {
          const md = new Metadata();
          md.set("x-request-id", requestId);
          callback(null, res, md);
        },
        (e: unknown) => callback(toServiceError(e, requestId, log)),
      )
      .finally(() => {
        if (admission) admission.inflight--;
      });
  };
}

const MALFORMED = Symbol("malformed request");

function isMalformed(req: unknown): req is { [MALFORMED]: unknown } {
  return typeof req === "object" && req !== null && MALFORMED in req;
}

/** For a streaming handler: the error of a request `tolerantDefinition` could not decode, or undefined. */
export function malformedError(req: unknown): unknown {
  return isMalformed(req) ? req[MALFORMED] : undefined;
}

/**
 * `def` whose request decoding never throws: grpc-js answers a message it cannot decode with
 * INTERNAL, but a bad message is the client's mistake, so the decoder hands `unary` a marker and
 * the call ends INVALID_ARGUMENT (code `INVALID_ARGUMENT`).
 */
export function tolerantDefinition(def: ServiceDefinition): ServiceDefinition {
  const out: Record<string, ServiceDefinition[string]> = {};
  for (const [name, method] of Object.entries(def)) {
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return method.requestDeserialize(bytes);
        } catch {
          return {
            [MALFORMED]: CommonErrors.INVALID_ARGUMENT("Request message could not be decoded", {
              details: [
                { field: "(root)", message: "not a valid protobuf message of this method" },
              ],
            }),
          };
        }
      },
    };
  }
  return out as ServiceDefinition;
}
