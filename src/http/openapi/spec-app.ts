/**
 * The HTTP app built for describing it, not for serving: `createHttpApp` over stand-in
 * dependencies (a real config, clock, logger, metrics and health registry; services that are
 * never called). Route construction only reads service objects, so a proxy that answers every
 * property with another proxy stands in for whatever shape `Services` has, and the document is
 * read from the same `app.routes` a running node serves.
 */
import { resolveConfig } from "../../config/load.ts";
import { systemClock } from "../../lib/clock.ts";
import { HealthRegistry } from "../../lib/health.ts";
import { silentLogger } from "../../lib/log.ts";
import { createMetrics } from "../../lib/metrics.ts";
import type { HttpDeps } from "../../services/index.ts";
import { createHttpApp } from "../app.ts";

/** Any property read or call answers another stand-in; calling one at request time throws. */
function standIn(path: string): unknown {
  const fn = () => {
    throw new Error(`${path}() called on the OpenAPI stand-in services`);
  };
  return new Proxy(fn, {
    get: (_target, key) =>
      typeof key === "symbol" ? undefined : key === "then" ? undefined : standIn(`${path}.${key}`),
  });
}

/** The config the document is generated with: defaults, every optional route switched on. */
function specConfig() {
  return resolveConfig({
    environment: "test",
    auth: { key_encryption_secret: "openapi-generation-placeholder-secret-32b" },
    observability: { log_level: "silent", metrics_enabled: true },
  });
}

/** `createHttpApp` over stand-in services: only for reading `app.routes`. */
export function createSpecApp() {
  const deps: HttpDeps = {
    config: specConfig(),
    clock: systemClock,
    log: silentLogger,
    metrics: createMetrics(),
    health: new HealthRegistry(),
    services: standIn("services") as HttpDeps["services"],
  };
  return createHttpApp(deps);
}
