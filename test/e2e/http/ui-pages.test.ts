/**
 * The web pages under /ui/ (src/http/routes/ui.ts, sources in ui/), without a browser: every page
 * answers 200 HTML with the strict Content-Security-Policy, `X-Frame-Options: DENY`,
 * `Referrer-Policy: no-referrer` and the headers of every answer; the HTML has no inline script
 * (every `<script>` has a `src` and an empty body), no `on*=` handler, no `style=` attribute and no
 * `<style>` element, a `lang`, a title, a label for every input and an aria-live region; its
 * scripts and stylesheet (and the chunks the scripts import) answer with JS / CSS content types
 * and long-lived cache headers; unknown pages and assets are 404; the mail links built from
 * `frontend_base_url` land on the pages. The browser suite (test/browser/) drives them for real.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { frontendLink } from "../../../src/email/templates.ts";
import { INVITATION_ACCEPT_PATH } from "../../../src/services/invitations/service.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";

const PAGES = [
  "/ui/",
  "/ui/register",
  "/ui/verify-email",
  "/ui/forgot-password",
  "/ui/reset-password",
  "/ui/account",
  "/ui/invitations/accept",
];

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

interface Parsed {
  lang: string | null;
  title: string;
  scripts: { src: string | null; body: string }[];
  stylesheets: string[];
  /** `tag attr="value"` for every attribute that must not exist (on*, style). */
  forbidden: string[];
  styleElements: number;
  inputs: { id: string | null; type: string | null }[];
  labelsFor: Set<string>;
  liveRegions: number;
  /** Every src / href on the page. */
  urls: string[];
}

async function parse(html: string): Promise<Parsed> {
  const out: Parsed = {
    lang: null,
    title: "",
    scripts: [],
    stylesheets: [],
    forbidden: [],
    styleElements: 0,
    inputs: [],
    labelsFor: new Set(),
    liveRegions: 0,
    urls: [],
  };
  let script: { src: string | null; body: string } | undefined;
  let inTitle = false;
  await new HTMLRewriter()
    .on("*", {
      element(el) {
        for (const [name, value] of el.attributes) {
          const n = name.toLowerCase();
          if (n.startsWith("on") || n === "style")
            out.forbidden.push(`${el.tagName} ${n}="${value}"`);
          if (n === "src" || n === "href") out.urls.push(value);
          if (n === "aria-live") out.liveRegions++;
        }
      },
    })
    .on("html", {
      element(el) {
        out.lang = el.getAttribute("lang");
      },
    })
    .on("title", {
      element(el) {
        inTitle = true;
        el.onEndTag(() => {
          inTitle = false;
        });
      },
      text(t) {
        if (inTitle) out.title += t.text;
      },
    })
    .on("script", {
      element(el) {
        script = { src: el.getAttribute("src"), body: "" };
        out.scripts.push(script);
      },
      text(t) {
        if (script) script.body += t.text;
      },
    })
    .on("style", {
      element() {
        out.styleElements++;
      },
    })
    .on("link", {
      element(el) {
        if (el.getAttribute("rel") === "stylesheet")
          out.stylesheets.push(el.getAttribute("href") ?? "");
      },
    })
    .on("input", {
      element(el) {
        out.inputs.push({ id: el.getAttribute("id"), type: el.getAttribute("type") });
      },
    })
    .on("label", {
      element(el) {
        const f = el.getAttribute("for");
        if (f) out.labelsFor.add(f);
      },
    })
    .transform(new Response(html))
    .text();
  return out;
}

let server: TestServer;
const assets = new Set<string>();

beforeAll(async () => {
  server = await createTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe("UI pages", () => {
  for (const path of PAGES) {
    test(`${path}: 200 HTML with the security headers, no inline script or style, labelled`, async () => {
      const res = await server.fetch(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toBe(CSP);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-request-id")).toBeTruthy();

      const page = await parse(await res.text());
      expect(page.lang).toBe("en");
      expect(page.title.trim()).toMatch(/^\S.* · InferaDB$/);
      expect(page.scripts.length).toBeGreaterThan(0);
      for (const s of page.scripts) {
        expect(s.src).toMatch(/^\/ui\/assets\/[a-z-]+-[a-z0-9]+\.js$/);
        expect(s.body).toBe("");
      }
      expect(page.urls.length).toBeGreaterThan(3); // the parser saw the attributes
      expect(page.forbidden).toEqual([]);
      expect(page.styleElements).toBe(0);
      expect(page.stylesheets).toHaveLength(1);
      expect(page.stylesheets[0]).toMatch(/^\/ui\/assets\/styles-[a-z0-9]+\.css$/);
      // Same-origin only: no scheme, no protocol-relative URL (data: is the empty favicon).
      for (const u of page.urls)
        expect(u === "data:," || /^\/(?!\/)/.test(u) || u.startsWith("#")).toBe(true);
      for (const input of page.inputs) {
        expect(input.id).toBeTruthy();
        expect(page.labelsFor.has(input.id as string)).toBe(true);
      }
      expect(page.liveRegions).toBeGreaterThan(0);
      for (const u of [...page.scripts.map((s) => s.src as string), ...page.stylesheets]) {
        assets.add(u);
      }
    });
  }

  test("the assets answer JS / CSS with long-lived cache headers, chunks included", async () => {
    expect(assets.size).toBeGreaterThanOrEqual(PAGES.length + 1);
    const queue = [...assets];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await server.fetch(url);
      expect(res.status).toBe(200);
      const css = url.endsWith(".css");
      expect(res.headers.get("content-type")).toBe(
        css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
      );
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await res.text();
      expect(body.length).toBeGreaterThan(0);
      if (!css) {
        // The bundles are ES modules; shared code sits in chunks next to them.
        for (const m of body.matchAll(/["']\.\/(chunk-[a-z0-9]+\.js)["']/g)) {
          queue.push(`/ui/assets/${m[1]}`);
        }
      }
    }
    expect([...seen].some((u) => u.includes("/chunk-"))).toBe(true);
  });

  test("unknown pages and assets are 404 with the error body", async () => {
    const page = await server.fetch("/ui/x");
    expect(page.status).toBe(404);
    expect(((await page.json()) as { code: string }).code).toBe("ROUTE_NOT_FOUND");
    const asset = await server.fetch("/ui/assets/nope-12345678.js");
    expect(asset.status).toBe(404);
    expect(((await asset.json()) as { code: string }).code).toBe("NOT_FOUND");
  });

  test("mail links built from frontend_base_url (default <origin>/ui) open the pages", async () => {
    expect(server.config.frontend_base_url).toBe("http://localhost:3000/ui");
    for (const path of ["/verify-email", "/reset-password", INVITATION_ACCEPT_PATH]) {
      const link = new URL(frontendLink(server.config.frontend_base_url, path, "1.abc"));
      const res = await server.fetch(`${link.pathname}${link.search}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
  });
});
