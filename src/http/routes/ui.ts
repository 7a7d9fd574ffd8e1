/**
 * The product's own web pages under `/ui/` (issue 12 item 5; sources in `ui/` at the repository
 * root): sign-in (password or passkey), registration, email verification, password reset and the
 * account page. They are plain HTML shells plus one TypeScript module per page and a stylesheet,
 * bundled by `Bun.build` on the first request and kept in memory (no build step, nothing
 * written to disk; a failed build is retried on the next request).
 *
 *   GET /ui/                   sign in                    GET /ui/forgot-password   ask for a reset mail
 *   GET /ui/register           create an account          GET /ui/reset-password    ?token=… from the mail
 *   GET /ui/verify-email       ?token=… from the mail     GET /ui/account           profile, addresses, passkeys, sessions
 *   GET /ui/assets/{file}      the bundles (content-hashed names, cached for a year)
 *
 * Mail links are `${frontend_base_url}/verify-email?token=…` and `/reset-password?token=…`, so
 * with `frontend_base_url` = `<origin>/ui` (the default) they land on these pages.
 *
 * Every page answer carries a strict Content-Security-Policy (no inline script or style: the
 * shells have none), `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` (the pages carry
 * one-time tokens in their URL) and the headers of every answer (`SECURITY_HEADERS`). The pages
 * call the API from the same origin with the session cookie; they never see the credential.
 */
import { basename, join, resolve } from "node:path";
import { Elysia } from "elysia";
import { CommonErrors } from "../../lib/errors.ts";
import { SECURITY_HEADERS } from "../plugins/request-id.ts";

/** Where the page sources live. */
export const UI_DIR = resolve(import.meta.dir, "../../../ui");

/** The pages: route, module and shell name in `ui/pages/`, title, header navigation. */
export const UI_PAGES = [
  { path: "/ui/", page: "sign-in", title: "Sign in", nav: "public" },
  { path: "/ui/register", page: "register", title: "Create your account", nav: "public" },
  {
    path: "/ui/verify-email",
    page: "verify-email",
    title: "Verify your email address",
    nav: "public",
  },
  {
    path: "/ui/forgot-password",
    page: "forgot-password",
    title: "Reset your password",
    nav: "public",
  },
  {
    path: "/ui/reset-password",
    page: "reset-password",
    title: "Choose a new password",
    nav: "public",
  },
  { path: "/ui/account", page: "account", title: "Your account", nav: "account" },
  {
    path: "/ui/invitations/accept",
    page: "invitation",
    title: "Join an organization",
    nav: "account",
  },
] as const;

export const UI_ASSETS_PATH = "/ui/assets";

/** The pages' Content-Security-Policy: only this origin's scripts, styles and API. */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers of every page answer. */
export const UI_PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": UI_CSP,
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};

/** Assets have content-hashed names: any change is a new URL, so they may be kept for a year. */
export const UI_ASSET_CACHE = "public, max-age=31536000, immutable";

interface Asset {
  body: Uint8Array;
  type: string;
}

interface Bundle {
  /** Route → HTML. */
  pages: Map<string, string>;
  /** File name → asset. */
  assets: Map<string, Asset>;
}

const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/** Fills `{{name}}` slots; values are inserted verbatim (no `$` replacement patterns). */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([a-z_]+)\}\}/g, (m, name: string) => values[name] ?? m);
}

async function buildBundle(): Promise<Bundle> {
  const result = await Bun.build({
    entrypoints: [
      ...UI_PAGES.map((p) => join(UI_DIR, "pages", `${p.page}.ts`)),
      join(UI_DIR, "styles.css"),
    ],
    target: "browser",
    format: "esm",
    splitting: true,
    minify: true,
    sourcemap: "none",
    naming: {
      entry: "[name]-[hash].[ext]",
      chunk: "chunk-[hash].[ext]",
      asset: "[name]-[hash].[ext]",
    },
  });
  if (!result.success) {
    throw new Error(`UI build failed: ${result.logs.map((l) => String(l)).join("; ")}`);
  }
  const assets = new Map<string, Asset>();
  for (const out of result.outputs) {
    const name = basename(out.path);
    const type = CONTENT_TYPES[name.slice(name.lastIndexOf(".") + 1)];
    if (type === undefined) continue; // nothing else is expected (no source maps)
    assets.set(name, { body: new Uint8Array(await out.arrayBuffer()), type });
  }
  const assetNamed = (stem: string, ext: string): string => {
    const name = [...assets.keys()].find(
      (n) =>
        n.startsWith(`${stem}-`) &&
        n.endsWith(`.${ext}`) &&
        !n.slice(stem.length + 1).includes("-"),
    );
    if (name === undefined) throw new Error(`UI build produced no ${stem}.${ext}`);
    return `${UI_ASSETS_PATH}/${name}`;
  };
  const read = (...parts: string[]) => Bun.file(join(UI_DIR, ...parts)).text();
  const layout = await read("layout.html");
  const navs = {
    public: await read("partials", "nav-public.html"),
    account: await read("partials", "nav-account.html"),
  };
  const stylesheet = assetNamed("styles", "css");
  const pages = new Map<string, string>();
  for (const p of UI_PAGES) {
    pages.set(
      p.path,
      fill(layout, {
        title: p.title.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c),
        stylesheet,
        script: assetNamed(p.page, "js"),
        nav: navs[p.nav].trim(),
        body: (await read("pages", `${p.page}.html`)).trim(),
      }),
    );
  }
  return { pages, assets };
}

let bundle: Promise<Bundle> | undefined;

/** The built pages and assets (built once per process, on first use). */
export function uiBundle(): Promise<Bundle> {
  bundle ??= buildBundle().catch((e: unknown) => {
    bundle = undefined;
    throw e;
  });
  return bundle;
}

export const uiRoutes = () => {
  const app = new Elysia({ name: "ui-routes" });
  for (const p of UI_PAGES) {
    app.get(p.path, async ({ set }) => {
      const html = (await uiBundle()).pages.get(p.path) as string;
      Object.assign(set.headers, UI_PAGE_HEADERS);
      return html;
    });
  }
  return app.get(`${UI_ASSETS_PATH}/:file`, async ({ params, set }) => {
    const asset = (await uiBundle()).assets.get(params.file);
    if (asset === undefined) throw CommonErrors.NOT_FOUND("No such asset");
    set.headers["content-type"] = asset.type;
    set.headers["cache-control"] = UI_ASSET_CACHE;
    return asset.body;
  });
};
