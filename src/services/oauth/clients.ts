/**
 * Registered native (public) clients (config `auth.oauth_clients`; docs/cli-sign-in.md). A
 * redirect is accepted when it equals a registered one, or when both are loopback URLs
 * (`http://127.0.0.1`, `http://[::1]`, `http://localhost`) with the same path: RFC 8252 §7.3
 * lets a native app pick any free port at run time.
 */

export interface NativeClient {
  client_id: string;
  name: string;
  redirect_uris: readonly string[];
}

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

function loopback(u: URL): boolean {
  return u.protocol === "http:" && LOOPBACK.has(u.hostname);
}

export function redirectAllowed(client: NativeClient, redirect: string): boolean {
  if (redirect.length > 2048) return false;
  let asked: URL;
  try {
    asked = new URL(redirect);
  } catch {
    return false;
  }
  if (asked.hash !== "" || asked.username !== "" || asked.password !== "") return false;
  return client.redirect_uris.some((r) => {
    if (r === redirect) return true;
    const reg = URL.parse(r);
    if (!reg) return false;
    return (
      loopback(reg) &&
      loopback(asked) &&
      reg.pathname === asked.pathname &&
      reg.search === asked.search
    );
  });
}
