/**
 * Public shapes of clients and certificates. A certificate's view never carries its private key,
 * sealed or not: the private key is answered once, by the create use case, beside this view.
 */
import { iso, isoOrNull } from "../../lib/time.ts";
import type { Certificate, Client } from "./types.ts";

export function clientView(c: Client) {
  return {
    id: c.id,
    organization_id: c.org_id,
    name: c.name,
    description: c.description,
    is_active: c.active,
    created_at: iso(c.created_at),
    updated_at: iso(c.updated_at),
    deactivated_at: isoOrNull(c.deactivated_at),
  };
}

export function certificateView(c: Certificate) {
  return {
    id: c.id,
    client_id: c.client_id,
    kid: c.kid,
    name: c.name,
    public_key: c.public_key,
    algorithm: "EdDSA" as const,
    is_active: c.revoked_at === null,
    created_at: iso(c.created_at),
    revoked_at: isoOrNull(c.revoked_at),
    revoked_by_user_id: c.revoked_by_user_id,
  };
}
