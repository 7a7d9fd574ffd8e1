/**
 * Sign-up and sign-in Prometheus metrics (the original's metric names, recorded for real: docs/http-api.md#defects-of-the-original-fixed-here, #58):
 * `auth_attempts_total{type,success}`, `registrations_total`,
 * `rate_limits_exceeded_total{category}`. Registered on the node's registry when one is given;
 * otherwise on a private registry, so services built without one (tools) still work.
 */
import { Counter, Registry } from "prom-client";

export interface AuthMetrics {
  authAttempts: Counter<"type" | "success">;
  registrations: Counter;
  rateLimitsExceeded: Counter<"category">;
}

export function createAuthMetrics(registry: Registry = new Registry()): AuthMetrics {
  const registers = [registry];
  return {
    authAttempts: new Counter({
      name: "auth_attempts_total",
      help: "Sign-in attempts by method and outcome",
      labelNames: ["type", "success"] as const,
      registers,
    }),
    registrations: new Counter({
      name: "registrations_total",
      help: "Accounts registered",
      registers,
    }),
    rateLimitsExceeded: new Counter({
      name: "rate_limits_exceeded_total",
      help: "Requests refused (or mails dropped) by a rate limit, by category",
      labelNames: ["category"] as const,
      registers,
    }),
  };
}
