import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  .get("/w", async () => ({ ok: await id.sessions.authenticate(tok) }))
  .listen({ port: 0, hostname: "127.0.0.1" });
const base = `http://127.0.0.1:${app.server!.port}`;
const time = async (label: string, n: number, f: () => Promise<unknown>) => { for (let i = 0; i < 300; i++) await f(); const t = performance.now(); for (let i = 0; i < n; i++) await f(); console.log(label, (((performance.now() - t) / n) * 1000).toFixed(1), "us"); };
const g = (path: string) => () => fetch(base + path, { headers: { authorization: `Bearer ${tok}` } }).then((x) => x.text());
console.log(await g("/v1/users/me")());
for (const path of ["/v1/users/me", "/x", "/y", "/z", "/w", "/livez", "/v1/users/me"]) await time(path, 2000, g(path));
await app.stop(); await node.stop();
