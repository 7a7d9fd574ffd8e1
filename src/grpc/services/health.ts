/**
 * The standard `grpc.health.v1.Health` service. The serving status follows readiness (a KV read
 * succeeds): `SERVING` or `NOT_SERVING`; after `shutdown()` everything reports `NOT_SERVING` and
 * open `Watch` streams end. `service` is "" (the whole server) or one of the served service names;
 * any other name is NOT_FOUND for Check and `SERVICE_UNKNOWN` for Watch.
 *
 * Watch polls readiness every `pollMs` on the injected clock and sends a message only on change.
 */
import { CommonErrors } from "../../lib/errors.ts";
import type { GrpcDeps } from "../../services/index.ts";
import type { HealthHandlers } from "../generated/grpc/health/v1/Health.ts";
import { malformedError, requestIdOfCall, toServiceError, unary } from "../status.ts";
import { callEnv } from "./call.ts";

export const HEALTH_SERVICE = "grpc.health.v1.Health";

type ServingStatus = "SERVING" | "NOT_SERVING" | "SERVICE_UNKNOWN";

export interface HealthServiceHandle {
  implementation: HealthHandlers;
  /** Marks everything NOT_SERVING and ends open Watch streams (call before server shutdown). */
  shutdown(): void;
}

export function healthService(
  deps: GrpcDeps,
  knownServices: () => readonly string[],
  pollMs = 1000,
): HealthServiceHandle {
  // Probes are never shed (as over HTTP): no admission count.
  const env = { ...callEnv(deps), admission: undefined };
  let stopping = false;
  const watchers = new Set<{ end: () => void }>();

  const statusOf = async (service: string): Promise<ServingStatus> => {
    if (service !== "" && !knownServices().includes(service)) return "SERVICE_UNKNOWN";
    if (stopping) return "NOT_SERVING";
    return (await deps.services.system.ready()) ? "SERVING" : "NOT_SERVING";
  };

  const check: HealthHandlers["Check"] = unary(env, async (req) => {
    const s = await statusOf(req.service ?? "");
    // The name is echoed only when it could be one (a long one would overflow the status trailer).
    if (s === "SERVICE_UNKNOWN") {
      const name = req.service ?? "";
      throw CommonErrors.NOT_FOUND(
        name.length <= 200 ? `unknown service: ${name}` : "unknown service",
      );
    }
    return { status: s };
  });

  const watch: HealthHandlers["Watch"] = (call) => {
    const malformed = malformedError(call.request);
    if (malformed !== undefined) {
      call.emit("error", toServiceError(malformed, requestIdOfCall(call.metadata), env.log));
      return;
    }
    const ac = new AbortController();
    const entry = {
      end: () => {
        ac.abort();
        if (!call.writableEnded) call.end();
      },
    };
    watchers.add(entry);
    call.on("cancelled", () => ac.abort());
    call.on("close", () => ac.abort());
    (async () => {
      let last: string | undefined;
      while (!ac.signal.aborted) {
        const s = await statusOf(call.request.service ?? "");
        if (s !== last && !ac.signal.aborted) {
          call.write({ status: s });
          last = s;
        }
        await deps.clock.sleep(pollMs, ac.signal).catch(() => undefined);
      }
    })()
      .catch((e: unknown) => {
        env.log.warn("health watch failed", { request_id: requestIdOfCall(call.metadata), err: e });
      })
      .finally(() => {
        watchers.delete(entry);
        if (!call.writableEnded) call.end();
      });
  };

  return {
    implementation: { Check: check, Watch: watch },
    shutdown() {
      stopping = true;
      for (const w of watchers) w.end();
    },
  };
}
