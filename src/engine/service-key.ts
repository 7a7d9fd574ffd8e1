/**
 * This service's engine key and the JWKS the engine verifies it with
 * (`GET /internal/management-jwks.json`, docs/engine-invalidation.md).
 *
 * `loadServiceKey`: the key of `server_api.service_key_file` (PEM PKCS#8 Ed25519) under `kid`
 * `server_api.service_key_id`; without a file, an ephemeral pair made at start whose `kid` is
 * `<service_key_id>-<first 12 hex digits of its RFC 7638 thumbprint>`, so the ephemeral keys of
 * several nodes never share a `kid`.
 *
 * `ServiceKeyDirectory`: nodes coordinate only through the KV store, so each node publishes its
 * current public key there, one record per (kid, node) with an expiry it refreshes while it lives
 * (`PUBLISHED_KEY_TTL_MS`, refreshed every third of it) and deletes on a graceful stop. Any node's
 * JWKS lists its own key plus every unexpired record, so the engine can verify a JWT signed by any
 * node, whichever node it asks. A killed node's key stays listed until its record expires (longer
 * than the 60 s lifetime of the JWTs it signed); expired records are removed by the refreshes.
 *
 *   ("engine", "key", kid, nodeId) -> PublishedKey
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import type { Config } from "../config/schema.ts";
import { defineCodec } from "../kv/codec.ts";
import { Roots } from "../kv/layout.ts";
import type { KvStore } from "../kv/types.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import { type Ed25519PrivateKey, generateServiceKey } from "./auth.ts";

export const MANAGEMENT_JWKS_PATH = "/internal/management-jwks.json";
/** How long a published key stays listed without a refresh (ms). */
export const PUBLISHED_KEY_TTL_MS = 90_000;

export interface ServiceKey {
  privateKey: Ed25519PrivateKey;
  /** `{kty: "OKP", crv: "Ed25519", x, kid, alg: "EdDSA", use: "sig"}`. */
  publicJwk: JWK;
  kid: string;
  /** Made at start (no `service_key_file`). */
  ephemeral: boolean;
}

/** The signing key of this node (see the module comment). `warn`: log when it is ephemeral. */
export async function loadServiceKey(
  config: Config,
  log: Logger,
  opts: { warn: boolean },
): Promise<ServiceKey> {
  const api = config.server_api;
  if (api.service_key_file !== "") {
    const key = createPrivateKey(readFileSync(api.service_key_file));
    if (key.asymmetricKeyType !== "ed25519") {
      throw new Error(
        `server_api.service_key_file: ${api.service_key_file} is not an Ed25519 private key`,
      );
    }
    const jwk = await exportJWK(createPublicKey(key));
    const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: api.service_key_id };
    return {
      privateKey: key,
      publicJwk: { ...publicJwk, alg: "EdDSA", use: "sig" },
      kid: api.service_key_id,
      ephemeral: false,
    };
  }
  if (opts.warn) {
    log.warn("server_api.service_key_file is not set: signing engine calls with an ephemeral key", {
      fix: "set server_api.service_key_file to a PEM Ed25519 key the engine trusts",
    });
  }
  const pair = await generateServiceKey(api.service_key_id);
  const thumb = await calculateJwkThumbprint({
    kty: "OKP",
    crv: "Ed25519",
    x: String(pair.publicJwk.x),
  });
  const kid = `${api.service_key_id}-${Buffer.from(thumb, "base64url").toString("hex").slice(0, 12)}`;
  return {
    privateKey: pair.privateKey,
    publicJwk: { ...pair.publicJwk, kid },
    kid,
    ephemeral: true,
  };
}

interface PublishedKey {
  kid: string;
  node_id: string;
  jwk: JWK;
  expires_at: number;
}

const PublishedKeyCodec = defineCodec<PublishedKey>({ name: "engine_service_key", version: 1 });
const KeyRecords = Roots.engine.sub("key");

export class ServiceKeyDirectory {
  readonly #kv: KvStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #key: ServiceKey;
  readonly #nodeId: string;
  readonly #ac = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(o: { kv: KvStore; clock: Clock; log: Logger; key: ServiceKey; nodeId: string }) {
    this.#kv = o.kv;
    this.#clock = o.clock;
    this.#log = o.log;
    this.#key = o.key;
    this.#nodeId = o.nodeId;
  }

  /** Publishes this node's key (awaited), then keeps refreshing it until `stop()`. */
  async start(): Promise<void> {
    await this.publish();
    const signal = this.#ac.signal;
    this.#loop = (async () => {
      while (!signal.aborted) {
        try {
          await this.#clock.sleep(PUBLISHED_KEY_TTL_MS / 3, signal);
        } catch {
          return; // aborted
        }
        await this.publish().catch((e: unknown) => {
          this.#log.warn("service key refresh failed", { err: e });
        });
      }
    })();
  }

  /** Writes (or refreshes) this node's record and removes expired ones. */
  async publish(): Promise<void> {
    await this.#kv.transact(
      async (tx) => {
        const now = this.#clock.now();
        const [begin, end] = KeyRecords.range();
        for (const row of await tx.snapshot.getRange(begin, end, { limit: 500 })) {
          if (PublishedKeyCodec.decode(row.value).expires_at <= now) tx.clear(row.key);
        }
        const rec: PublishedKey = {
          kid: this.#key.kid,
          node_id: this.#nodeId,
          jwk: this.#key.publicJwk,
          expires_at: now + PUBLISHED_KEY_TTL_MS,
        };
        tx.set(KeyRecords.key(rec.kid, rec.node_id), PublishedKeyCodec.encode(rec));
      },
      { name: "engine.key.publish" },
    );
  }

  /** Stops refreshing and withdraws this node's record. */
  async stop(): Promise<void> {
    this.#ac.abort();
    await this.#loop;
    await this.#kv
      .transact(async (tx) => tx.clear(KeyRecords.key(this.#key.kid, this.#nodeId)), {
        name: "engine.key.withdraw",
      })
      .catch((e: unknown) => this.#log.warn("service key withdraw failed", { err: e }));
  }

  /** The JWKS: this node's key and every unexpired published one, one entry per `kid`. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const rows = await this.#kv.transact(
      async (tx) => {
        const [begin, end] = KeyRecords.range();
        return tx.snapshot.getRange(begin, end, { limit: 1000 });
      },
      { name: "engine.key.list" },
    );
    const now = this.#clock.now();
    const byKid = new Map<string, JWK>([[this.#key.kid, this.#key.publicJwk]]);
    for (const row of rows) {
      const rec = PublishedKeyCodec.decode(row.value);
      if (rec.expires_at > now && !byKid.has(rec.kid)) byKid.set(rec.kid, rec.jwk);
    }
    return { keys: [...byKid.values()] };
  }
}
