/**
 * Service clients of an organization and their Ed25519 certificates (docs/clients.md), stored
 * under Roots.client (./keys.ts). A client is live from creation until deletion (its record is
 * cleared then, with its certificates); deactivation keeps the record with `active: false`.
 */

export interface Client {
  id: string;
  org_id: string;
  name: string;
  description: string;
  active: boolean;
  created_at: number;
  updated_at: number;
  /** When the client was last deactivated; null while active. */
  deactivated_at: number | null;
}

export interface Certificate {
  id: string;
  org_id: string;
  client_id: string;
  name: string;
  /** `org-<org>-client-<client>-cert-<cert>` (A10). */
  kid: string;
  /** Standard base64 of the raw 32-byte Ed25519 public key. */
  public_key: string;
  /** The 32-byte private seed, sealed (src/crypto/envelope.ts, purpose `client-certificate`). */
  sealed_private_key: string;
  created_at: number;
  created_by_user_id: string;
  revoked_at: number | null;
  revoked_by_user_id: string | null;
}

/** The `kid` of a certificate (A10; the engine parses this six-part form). */
export function certificateKid(orgId: string, clientId: string, certId: string): string {
  return `org-${orgId}-client-${clientId}-cert-${certId}`;
}
