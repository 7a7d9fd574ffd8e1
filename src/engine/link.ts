/**
 * The engine link of one node, from `server_api.*` (docs/configuration.md, docs/vaults.md): the
 * token signer (src/main.ts passes the one of the node's key, src/engine/service-key.ts, shared
 * with the invalidation pushes; without one: `service_key_file`, or an ephemeral key made here),
 * the grpc-js client (null in standalone mode, empty `grpc_endpoint`), the `engine` section of
 * `/v1/health` and the vault-sync policy.
 */
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Config } from "../config/schema.ts";
import type { VaultSyncPolicy } from "../domain/vaults/sync-machine.ts";
import type { Clock } from "../lib/clock.ts";
import type { HealthRegistry } from "../lib/health.ts";
import type { Logger } from "../lib/log.ts";
import {
  type Ed25519PrivateKey,
  Ed25519ServiceTokenSigner,
  generateServiceKey,
  type ServiceTokenSigner,
} from "./auth.ts";
import { engineClientFromConfig, type GrpcEngineClient } from "./client.ts";
import { EngineHealth } from "./health.ts";

export const SERVICE_TOKEN_SUBJECT = "inferadb-management";

export interface EngineLink {
  client: GrpcEngineClient | null;
  health: EngineHealth;
  policy: VaultSyncPolicy;
}

export function syncPolicyOf(config: Config): VaultSyncPolicy {
  const s = config.server_api;
  return {
    maxAttempts: s.sync_max_attempts,
    baseDelayMs: s.sync_base_delay_ms,
    maxDelayMs: s.sync_max_delay_ms,
    callDeadlineMs: s.sync_call_deadline_ms,
    attemptTimeoutMs: s.sync_attempt_timeout_ms,
  };
}

async function serviceKey(config: Config, log: Logger): Promise<Ed25519PrivateKey> {
  const file = config.server_api.service_key_file;
  if (file !== "") {
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== "ed25519") {
      throw new Error(`server_api.service_key_file: ${file} is not an Ed25519 private key`);
    }
    return key;
  }
  log.warn("server_api.service_key_file is not set: signing engine calls with an ephemeral key", {
    fix: "set server_api.service_key_file to a PEM Ed25519 key the engine trusts",
  });
  return (await generateServiceKey(config.server_api.service_key_id)).privateKey;
}

export async function buildEngineLink(o: {
  config: Config;
  /** Signs the engine calls (the node's service key, src/engine/service-key.ts); default: made here. */
  signer?: ServiceTokenSigner;
  clock: Clock;
  log: Logger;
  health: HealthRegistry;
  /** How many vaults have engine work under way. */
  pending: () => number | Promise<number>;
}): Promise<EngineLink> {
  const api = o.config.server_api;
  const health = new EngineHealth({
    endpoint: api.grpc_endpoint,
    clock: o.clock,
    pending: o.pending,
  });
  o.health.register("engine", health.section);
  const policy = syncPolicyOf(o.config);
  if (api.grpc_endpoint.trim() === "") return { client: null, health, policy };
  const signer =
    o.signer ??
    new Ed25519ServiceTokenSigner({
      privateKey: await serviceKey(o.config, o.log),
      kid: api.service_key_id,
      issuer: o.config.auth.jwt_issuer,
      subject: SERVICE_TOKEN_SUBJECT,
      audience: api.service_token_audience,
      clock: o.clock,
    });
  const client = engineClientFromConfig(api, { signer, clock: o.clock, observer: health });
  if (client) health.attachChannel((tryConnect) => client.channelState(tryConnect));
  return { client, health, policy };
}
