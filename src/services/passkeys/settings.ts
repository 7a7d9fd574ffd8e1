/**
 * The passkey settings from config (docs/configuration.md, `auth.webauthn`): the RP ID defaults to
 * the host name of `frontend_base_url`, the accepted origins to its origin.
 */
import { createHmac } from "node:crypto";
import type { Config } from "../../config/schema.ts";
import type { PasskeySettings } from "./service.ts";

export function passkeySettings(config: Config): PasskeySettings {
  const w = config.auth.webauthn;
  const front = new URL(config.frontend_base_url);
  return {
    rpId: w.rp_id ?? front.hostname,
    rpName: w.rp_name,
    origins: w.origins.length > 0 ? w.origins : [front.origin],
    challengeTtlMs: w.challenge_ttl_seconds * 1000,
    decoySecret: createHmac("sha256", config.auth.key_encryption_secret)
      .update("passkey sign-in decoys")
      .digest("hex"),
  };
}
