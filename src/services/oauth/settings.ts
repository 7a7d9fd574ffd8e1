/** Native-app sign-in settings from config (docs/cli-sign-in.md). */
import type { Config } from "../../config/schema.ts";
import type { OAuthSettings } from "./service.ts";

export function oauthSettings(config: Config): OAuthSettings {
  const front = new URL(config.frontend_base_url);
  return {
    clients: config.auth.oauth_clients,
    publicOrigin: front.origin,
    pagesBase: config.frontend_base_url,
    cliSessionTtlMs: config.auth.session_ttl_cli * 1000,
    rules: {
      deviceAuthorizations: { category: "device_authorization", limit: 60, windowSec: 3600 },
      userCodeFailures: { category: "user_code_failures", limit: 10, windowSec: 900 },
      // A device client polls every 5 s for up to 10 min (120 calls); a few of them behind one NAT.
      tokenRequests: { category: "oauth_token_ip", limit: 1200, windowSec: 3600 },
    },
  };
}
