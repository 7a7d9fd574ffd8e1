/**
 * The server-rendered pages of native-app sign-in (docs/cli-sign-in.md): the consent page of
 * `GET /oauth/authorize`, the device page of RFC 8628 and their outcomes. Plain HTML forms (no
 * script at all), every value escaped, styled by the product's stylesheet; served with the strict
 * page headers of `PAGE_HEADERS` (no inline script or style, no framing).
 */

export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self' http://localhost:* http://127.0.0.1:* http://[::1]:*; base-uri 'none'; frame-ancestors 'none'";

export const PAGE_HEADERS: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": PAGE_CSP,
  "x-frame-options": "DENY",
  // Not no-referrer: under it Chromium sends `Origin: null` with a form POST, which the
  // cross-origin cookie-write check refuses; same-origin still sends no Referer to the client.
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};

export const OAUTH_STYLESHEET = "/oauth/style.css";

export function esc(v: string): string {
  return v
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · InferaDB</title>
<link rel="stylesheet" href="${OAUTH_STYLESHEET}">
</head>
<body>
<header class="bar"><span class="brand">InferaDB</span></header>
<main class="card" id="main">
${body}
</main>
</body>
</html>
`;
}

const hidden = (fields: Record<string, string | null>) =>
  Object.entries(fields)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v as string)}">`)
    .join("\n");

const SCOPE_TEXT: Record<string, string> = {
  openid: "Know who you are (your account id)",
  profile: "Read your name",
  offline_access: "Stay signed in on this device until you sign it out (a refresh token)",
};

export function consentPage(o: {
  clientName: string;
  userName: string;
  scope: string;
  fields: Record<string, string | null>;
}): string {
  const scopes = o.scope
    .split(" ")
    .filter(Boolean)
    .map((s) => `<li>${esc(SCOPE_TEXT[s] ?? s)}</li>`)
    .join("");
  return layout(
    `Allow ${o.clientName}?`,
    `<h1>Allow ${esc(o.clientName)} to use your account?</h1>
<p>Signed in as <strong>${esc(o.userName)}</strong>.</p>
<p>${esc(o.clientName)} will act as you, with a session you can see and revoke on your account page. It may:</p>
<ul class="scopes"><li>Call the InferaDB Management API as you</li>${scopes}</ul>
<form method="post" action="/oauth/authorize">
${hidden(o.fields)}
<div class="actions">
<button type="submit" name="decision" value="allow" class="primary">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  );
}

export function devicePage(o: { userName: string; userCode: string; error?: string }): string {
  return layout(
    "Connect a device",
    `<h1>Connect a device</h1>
<p>Signed in as <strong>${esc(o.userName)}</strong>. Enter the code your terminal shows.</p>
${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ""}
<form method="post" action="/oauth/device">
<label for="user_code">Code</label>
<input id="user_code" name="user_code" value="${esc(o.userCode)}" autocomplete="off" autocapitalize="characters" spellcheck="false" required maxlength="16" placeholder="XXXX-XXXX">
<div class="actions">
<button type="submit" name="decision" value="allow" class="primary">Connect</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  );
}

export function messagePage(
  title: string,
  text: string,
  role: "status" | "alert" = "status",
): string {
  return layout(title, `<h1>${esc(title)}</h1>\n<p role="${role}">${esc(text)}</p>`);
}

export const OAUTH_CSS = `:root{color-scheme:light dark;--fg:#1c2430;--muted:#5b6675;--bg:#f4f6f9;--card:#fff;--accent:#3656d6;--border:#d6dbe3;--err:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a3acb9;--bg:#11151b;--card:#1a2029;--border:#2c3440;--accent:#7d96ff;--err:#ff8a80}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
.bar{padding:14px 24px;border-bottom:1px solid var(--border);background:var(--card)}.brand{font-weight:700;letter-spacing:.02em}
.card{max-width:480px;margin:48px auto;padding:28px 32px;background:var(--card);border:1px solid var(--border);border-radius:12px}
h1{font-size:1.35rem;margin:0 0 12px}p,li{color:var(--muted)}strong{color:var(--fg)}
label{display:block;font-weight:600;margin:16px 0 6px}input{width:100%;padding:10px 12px;font:inherit;letter-spacing:.15em;border:1px solid var(--border);border-radius:8px;background:var(--bg);color:var(--fg)}
.actions{display:flex;gap:12px;margin-top:20px}button{padding:10px 18px;font:inherit;border-radius:8px;border:1px solid var(--border);background:var(--bg);color:var(--fg);cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}.error{color:var(--err)}
`;
