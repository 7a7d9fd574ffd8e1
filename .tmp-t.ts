import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Elysia } from "elysia";
import { resolveConfig } from "./src/config/load.ts";
import { silentLogger } from "./src/lib/log.ts";
import { buildNode } from "./src/main.ts";
import { createHttpApp } from "./src/http/app.ts";
import { authPlugin } from "./src/http/plugins/auth.ts";
import { fastHasher } from "./test/support/hasher.ts";
const dir = mkdtempSync(join(tmpdir(), "p-"));
const config = resolveConfig({ environment: "test", server: { http_port: 0, grpc_port: 0 }, storage: { backend: "sqlite", sqlite_path: join(dir, "kv.sqlite") }, auth: { key_encryption_secret: "x".repeat(40), cookie_secure: false }, rate_limiting: { enabled: false }, cluster: { internal_port: 0, secret: "b" }, observability: { log_level: "silent", json_logs: true } });
const node = await buildNode({ config, log: silentLogger, hasher: fastHasher });
const id = node.services.identity;
const r = await id.auth.register({ name: "B", email: "b@example.com", password: "long enough password" }, { ip: null, userAgent: null });
const tok = r.session.token;
const deps = node.transport;
const p = { userId: r.user.id, sessionId: r.session.record.id };
const app = createHttpApp(deps).use(authPlugin(deps))
  .get("/x", ({ principal }) => ({ ok: principal.userId }), { requireSession: true })
  .get("/y", () => ({ ok: 1 }))
  .get("/z", async () => ({ user: await id.users.me(p) }))
  .get("/w", async () => ({ ok: (await id.sessions.authenticate(tok))?.userId }))
  .listen({ port: 0, hostname: "127.0.0.1" });
const hello = new Elysia().get("/hello", () => "hello world").listen({ hostname: "127.0.0.1", port: 0 });
const base = `http://127.0.0.1:${app.server!.port}`;
const run = async (url: string) => {
  const child = Bun.spawn(["/usr/bin/node", "node_modules/autocannon/autocannon.js", "--json", "-c", "32", "-d", "3", "-H", `authorization=Bearer ${tok}`, url], { stdout: "pipe" });
  const j = JSON.parse(await new Response(child.stdout).text());
  console.log(url.replace(base, ""), Math.round(j.requests.average), "non2xx", j.non2xx);
};
await run(`http://127.0.0.1:${hello.server!.port}/hello`);
for (const path of ["/livez", "/y", "/x", "/w", "/z", "/v1/users/me"]) await run(base + path);
await app.stop(); await hello.stop(); await node.stop();
