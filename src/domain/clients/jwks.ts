/**
 * The JWKS index (docs/clients.md#jwks): the public keys the engine may trust, kept in step with
 * certificates by the organization actor's turns, in the same commit as the change that makes a
 * key trusted or not. Under Roots.client:
 *
 *   ("jwks", org, kid)        the JWK of a published key (codec `jwk` v1)
 *   ("jwks", org)             range of the organization's published keys
 *   ("jwks")                  range of every published key (the global set)
 *   ("jwks-version")          atomicAdd counter, bumped by every change of the global set
 *   ("jwks-version", org)     atomicAdd counter, bumped by every change of the organization's set
 *
 * A key is published while its certificate is not revoked and its client is active; it leaves on
 * revoke, certificate delete, client deactivate (back on activate) or delete, organization delete.
 * The counters are the ETags (`If-None-Match` is answered from one key read); atomicAdd takes no
 * read conflict, so concurrent turns of different organizations never conflict on them.
 */
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import { decodeI64LE, type Mutation, type ReadOps } from "../../kv/types.ts";
import { requireStrings } from "../organizations/codecs.ts";
import { idItem } from "../users/keys.ts";
import type { Certificate } from "./types.ts";

/** A published key: OKP / Ed25519, `x` the base64url (no padding) of the raw 32-byte key. */
export interface Jwk {
  kty: "OKP";
  crv: "Ed25519";
  kid: string;
  x: string;
  use: "sig";
  alg: "EdDSA";
}

export const JwkCodec = defineCodec<Jwk>({
  name: "jwk",
  version: 1,
  validate: requireStrings("jwk", ["kty", "crv", "kid", "x", "use", "alg"]),
});

export const JwksKeys = {
  key: (orgId: string, kid: string) => Roots.client.key("jwks", idItem(orgId), kid),
  org: (orgId: string) => Roots.client.range("jwks", idItem(orgId)),
  all: () => Roots.client.range("jwks"),
  /** Every organization's JWKS entries (a scope of `KvStore.changeMark`). */
  space: Roots.client.sub("jwks"),
  globalVersion: Roots.client.key("jwks-version"),
  orgVersion: (orgId: string) => Roots.client.key("jwks-version", idItem(orgId)),
} as const;

export function certificateJwk(cert: Certificate): Jwk {
  return {
    kty: "OKP",
    crv: "Ed25519",
    kid: cert.kid,
    x: Buffer.from(cert.public_key, "base64").toString("base64url"),
    use: "sig",
    alg: "EdDSA",
  };
}

/** Is the certificate's key to be published, given its client's state? */
export function isPublishable(cert: Certificate, clientActive: boolean): boolean {
  return clientActive && cert.revoked_at === null;
}

function bump(orgId: string): Mutation[] {
  return [
    { op: "atomicAdd", key: JwksKeys.globalVersion, delta: 1 },
    { op: "atomicAdd", key: JwksKeys.orgVersion(orgId), delta: 1 },
  ];
}

/** Publishes the keys of `certs` (all of one organization); no writes for none. */
export function publishKeysWrites(orgId: string, certs: readonly Certificate[]): Mutation[] {
  if (certs.length === 0) return [];
  const out: Mutation[] = certs.map((c) => ({
    op: "set",
    key: JwksKeys.key(orgId, c.kid),
    value: JwkCodec.encode(certificateJwk(c)),
  }));
  return [...out, ...bump(orgId)];
}

/** Withdraws the keys of `certs` (all of one organization); clearing an absent key is a no-op. */
export function withdrawKeysWrites(orgId: string, certs: readonly Certificate[]): Mutation[] {
  if (certs.length === 0) return [];
  const out: Mutation[] = certs.map((c) => ({ op: "clear", key: JwksKeys.key(orgId, c.kid) }));
  return [...out, ...bump(orgId)];
}

/** Withdraws every key of a deleted organization (its delete commit). */
export function withdrawOrgKeysWrites(orgId: string): Mutation[] {
  const [begin, end] = JwksKeys.org(orgId);
  return [
    { op: "clearRange", begin, end },
    { op: "clear", key: JwksKeys.orgVersion(orgId) },
    { op: "atomicAdd", key: JwksKeys.globalVersion, delta: 1 },
  ];
}

type Reader = Pick<ReadOps, "get" | "getRange">;

export async function readGlobalJwksVersion(read: Reader): Promise<bigint> {
  return decodeI64LE(await read.get(JwksKeys.globalVersion));
}

export async function readOrgJwksVersion(read: Reader, orgId: string): Promise<bigint> {
  return decodeI64LE(await read.get(JwksKeys.orgVersion(orgId)));
}

/** Published keys in `[begin, end)`, in key order (organization id, then kid). */
export async function readJwks(read: Reader, [begin, end]: [Uint8Array, Uint8Array]) {
  return (await read.getRange(begin, end)).map((row) => JwkCodec.decode(row.value));
}
