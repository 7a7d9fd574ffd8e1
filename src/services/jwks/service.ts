/**
 * The JWKS use cases (docs/clients.md#jwks; Part B §6.17 as Part A changes it): the public keys of
 * the organizations' certificates, for the engine and anyone verifying our tokens. Public (no
 * principal). Everything is read from the JWKS index (src/domain/clients/jwks.ts) that the
 * organization actor keeps in step with certificates, in one snapshot transaction per call:
 *
 * - `organization(org)`: 404 `ORG_NOT_FOUND` when the organization is unknown or deleted, else its
 *   published keys; ETag from its version counter.
 * - `global()`: every published key of every live organization (a deleted organization's keys are
 *   cleared in its delete commit), never a scan of the organizations. The answer is cached in
 *   process by the global version counter, so a revalidation or an unchanged set costs one key read.
 *
 * `ifNoneMatch` (the request header) matching the current ETag answers `notModified` without the
 * keys.
 */
import type { Jwk } from "../../domain/clients/jwks.ts";
import {
  JwksKeys,
  readGlobalJwksVersion,
  readJwks,
  readOrgJwksVersion,
} from "../../domain/clients/jwks.ts";
import { OrganizationCodec } from "../../domain/organizations/codecs.ts";
import { OrgErrors } from "../../domain/organizations/errors.ts";
import { OrgKeys } from "../../domain/organizations/keys.ts";
import type { KvStore } from "../../kv/types.ts";

export type JwksAnswer =
  | { notModified: false; etag: string; body: { keys: Jwk[] } }
  | { notModified: true; etag: string };

/** Does an `If-None-Match` header value (a list, `*`, weak or strong tags) match `etag`? */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}

export class JwksService {
  readonly #kv: KvStore;
  #cache: { version: bigint; keys: Jwk[] } | null = null;

  constructor(deps: { kv: KvStore }) {
    this.#kv = deps.kv;
  }

  async organization(orgId: string, ifNoneMatch?: string | null): Promise<JwksAnswer> {
    return this.#kv.transact(
      async (tx) => {
        const raw = await tx.snapshot.get(OrgKeys.org(orgId));
        const org = raw ? OrganizationCodec.decode(raw) : undefined;
        if (!org || org.deleted_at !== null) throw OrgErrors.ORG_NOT_FOUND();
        const etag = `"o${await readOrgJwksVersion(tx.snapshot, orgId)}"`;
        if (etagMatches(ifNoneMatch, etag)) return { notModified: true, etag };
        const keys = await readJwks(tx.snapshot, JwksKeys.org(orgId));
        return { notModified: false, etag, body: { keys } };
      },
      { name: "jwks.organization" },
    );
  }

  async global(ifNoneMatch?: string | null): Promise<JwksAnswer> {
    const { version, keys } = await this.#kv.transact(
      async (tx) => {
        const v = await readGlobalJwksVersion(tx.snapshot);
        const cached = this.#cache;
        if (cached && cached.version === v) return cached;
        return { version: v, keys: await readJwks(tx.snapshot, JwksKeys.all()) };
      },
      { name: "jwks.global" },
    );
    if (!this.#cache || this.#cache.version < version) this.#cache = { version, keys };
    const etag = `"g${version}"`;
    if (etagMatches(ifNoneMatch, etag)) return { notModified: true, etag };
    return { notModified: false, etag, body: { keys } };
  }
}
