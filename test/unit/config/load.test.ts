/**
 * Config loading: layering (defaults < config.yaml < env < CLI), env value parsing by schema
 * type, warnings for unknown keys, validation errors naming the key, the production secret rule,
 * and the real CLI printing one line and exiting with status 2.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError, loadConfig, resolveConfig } from "../../../src/config/load.ts";
import { ConfigSchema } from "../../../src/config/schema.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "inferadb-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "0123456789abcdef0123456789abcdef";
const load = (argv: string[] = [], env: Record<string, string> = {}) =>
  loadConfig({ argv, env, cwd: dir, isTTY: false });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("layering", () => {
  test("defaults apply with no file, env or flags", () => {
    const { config, configFile } = load();
    expect(configFile).toBeUndefined();
    expect(config.server).toMatchObject({
      http_host: "127.0.0.1",
      http_port: 3000,
      grpc_port: 3001,
    });
    expect(config.storage).toEqual({ backend: "sqlite", sqlite_path: "./data/inferadb.sqlite" });
    expect(config.environment).toBe("development");
    expect(config.cluster.internal_port).toBe(3002);
    expect(config.cluster.advertise_address).toBe("127.0.0.1");
    expect(config.cluster.node_id).toMatch(/^node-[0-9a-f]{12}$/);
    expect(config.observability.json_logs).toBe(true); // not a TTY
  });

  test("config.yaml < env < CLI flags", () => {
    writeFileSync(
      join(dir, "config.yaml"),
      "server:\n  http_port: 4000\n  grpc_port: 4001\n  http_host: 0.0.0.0\nstorage:\n  backend: memory\n",
    );
    const env = {
      INFERADB_MGMT__SERVER__HTTP_PORT: "5000",
      INFERADB_MGMT__SERVER__GRPC_PORT: "5001",
    };
    const { config, configFile } = load(["--http-port", "6000"], env);
    expect(configFile).toBe(resolve(dir, "config.yaml"));
    expect(config.server.http_port).toBe(6000); // flag beats env
    expect(config.server.grpc_port).toBe(5001); // env beats file
    expect(config.server.http_host).toBe("0.0.0.0"); // file beats default
    expect(config.storage.backend).toBe("memory");
    // 0.0.0.0 means every interface: peers are told this machine's host name instead.
    expect(config.cluster.advertise_address).toBe(hostname());
  });

  test("--config FILE is read instead of ./config.yaml", () => {
    writeFileSync(join(dir, "config.yaml"), "server:\n  http_port: 4000\n");
    writeFileSync(join(dir, "other.yaml"), "server:\n  http_port: 4500\n");
    expect(load(["--config", "other.yaml"]).config.server.http_port).toBe(4500);
    expect(load(["--config=other.yaml"]).config.server.http_port).toBe(4500);
    expect(configError(() => load(["--config", "missing.yaml"])).key).toBe("--config");
  });

  test("every documented flag sets its key", () => {
    const { config } = load([
      "--grpc-port=7001",
      "--backend",
      "memory",
      "--sqlite-path",
      "/tmp/x.sqlite",
      "-e",
      "test",
      "--json-logs",
      "--node-id",
      "n-7",
      "--internal-port",
      "0",
    ]);
    expect(config.server.grpc_port).toBe(7001);
    expect(config.storage).toMatchObject({ backend: "memory", sqlite_path: "/tmp/x.sqlite" });
    expect(config.environment).toBe("test");
    expect(config.observability.json_logs).toBe(true);
    expect(config.cluster.node_id).toBe("n-7");
    expect(config.cluster.internal_port).toBe(0);
  });

  test("ENVIRONMENT and --environment select the environment; the flag wins", () => {
    expect(load([], { ENVIRONMENT: "test" }).config.environment).toBe("test");
    expect(load(["--environment", "test"], { ENVIRONMENT: "development" }).config.environment).toBe(
      "test",
    );
  });
});

describe("environment variables", () => {
  test("values are parsed by the schema's type, nested sections included", () => {
    const { config, warnings } = load([], {
      INFERADB_MGMT__SERVER__MAX_BODY_BYTES: "1024",
      INFERADB_MGMT__RATE_LIMITING__ENABLED: "false",
      INFERADB_MGMT__EMAIL__SMTP_SECURE: "yes",
      INFERADB_MGMT__SERVER__TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.1",
      INFERADB_MGMT__AUTH__WEBAUTHN__RP_ID: "example.com",
      INFERADB_MGMT__FRONTEND_BASE_URL: "https://app.example.com",
      INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET: SECRET,
    });
    expect(config.server.max_body_bytes).toBe(1024);
    expect(config.rate_limiting.enabled).toBe(false);
    expect(config.email.smtp_secure).toBe(true);
    expect(config.server.trusted_proxies).toEqual(["10.0.0.0/8", "192.168.1.1"]);
    expect(config.auth.webauthn.rp_id).toBe("example.com");
    expect(config.frontend_base_url).toBe("https://app.example.com");
    expect(config.auth.key_encryption_secret).toBe(SECRET);
    expect(warnings.some((w) => w.includes("key_encryption_secret"))).toBe(false);
  });

  test("JSON arrays are accepted too", () => {
    const { config } = load([], {
      INFERADB_MGMT__SERVER__TRUSTED_PROXIES: '["::1","10.1.0.0/16"]',
    });
    expect(config.server.trusted_proxies).toEqual(["::1", "10.1.0.0/16"]);
  });

  test("unknown variables and file keys are warnings, not errors", () => {
    writeFileSync(
      join(dir, "config.yaml"),
      "server:\n  worker_threads: 4\ncors:\n  enabled: true\n",
    );
    const { warnings, config } = load([], {
      INFERADB_MGMT__NOPE__KEY: "1",
      INFERADB_MGMT__SERVER: "x",
    });
    expect(warnings).toContain("unknown configuration variable INFERADB_MGMT__NOPE__KEY ignored");
    expect(warnings).toContain("unknown configuration variable INFERADB_MGMT__SERVER ignored");
    expect(warnings).toContain("unknown configuration key server.worker_threads ignored");
    expect(warnings).toContain("unknown configuration key cors ignored");
    expect(config.server.http_port).toBe(3000);
  });
});

describe("validation", () => {
  test.each([
    [["--http-port", "abc"], {}, 'server.http_port: must be an integer 0..65535 (got "abc")'],
    [["--http-port", "70000"], {}, "server.http_port: must be an integer 0..65535 (got 70000)"],
    [["--http-port", "1.5"], {}, "server.http_port: must be an integer 0..65535 (got 1.5)"],
    [
      ["--backend", "redis"],
      {},
      'storage.backend: must be one of memory, sqlite, foundationdb (got "redis")',
    ],
    [
      ["-e", "staging"],
      {},
      'environment: must be one of development, production, test (got "staging")',
    ],
    [
      [],
      { INFERADB_MGMT__RATE_LIMITING__ENABLED: "maybe" },
      'rate_limiting.enabled: must be true or false (got "maybe")',
    ],
    [
      [],
      { INFERADB_MGMT__CLUSTER__WORKERS: "-1" },
      "cluster.workers: must be an integer 0..256 (got -1)",
    ],
    [
      [],
      { INFERADB_MGMT__FRONTEND_BASE_URL: "https://x.com/" },
      'frontend_base_url: must start with http:// or https:// and must not end with / (got "https://x.com/")',
    ],
    [["--bogus"], {}, "--bogus: unknown command-line flag"],
    [["--http-port"], {}, "--http-port: needs a value"],
  ])("%p %p → %s", (argv, env, message) => {
    expect(configError(() => load(argv as string[], env as Record<string, string>)).message).toBe(
      message,
    );
  });

  test("malformed YAML names the file", () => {
    writeFileSync(join(dir, "config.yaml"), "server: [unclosed\n");
    const e = configError(() => load());
    expect(e.key).toBe("--config");
    expect(e.message).toContain("is not valid YAML");
  });

  test("a section that is not a mapping is refused", () => {
    writeFileSync(join(dir, "config.yaml"), "server: 3\n");
    expect(configError(() => load()).message).toBe("server: must be a mapping (got 3)");
  });

  test("foundationdb requires a cluster file", () => {
    expect(configError(() => load(["--backend", "foundationdb"])).key).toBe(
      "storage.fdb_cluster_file",
    );
    const ok = load(["--backend", "foundationdb"], {
      INFERADB_MGMT__STORAGE__FDB_CLUSTER_FILE: "/etc/foundationdb/fdb.cluster",
    });
    expect(ok.config.storage.fdb_cluster_file).toBe("/etc/foundationdb/fdb.cluster");
  });
});

describe("secrets and environments", () => {
  test("production without key_encryption_secret fails", () => {
    const e = configError(() => load(["-e", "production"]));
    expect(e.key).toBe("auth.key_encryption_secret");
    expect(e.message).toContain("required in production");
  });

  test("a secret shorter than 32 bytes fails in every environment (bytes, not characters)", () => {
    const short = "é".repeat(15); // 15 characters, 30 bytes
    for (const env of ["development", "production"]) {
      const e = configError(() =>
        load(["-e", env], { INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET: short }),
      );
      expect(e.message).toBe("auth.key_encryption_secret: must be at least 32 bytes (got 30)");
    }
    const ok = "é".repeat(16); // 32 bytes
    expect(
      load([], { INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET: ok }).config.auth
        .key_encryption_secret,
    ).toBe(ok);
  });

  test("development without a secret warns loudly and uses a random ephemeral one", () => {
    const a = load();
    const b = load();
    expect(a.warnings.some((w) => w.includes("EPHEMERAL"))).toBe(true);
    expect(a.config.auth.key_encryption_secret.length).toBeGreaterThanOrEqual(32);
    expect(a.config.auth.key_encryption_secret).not.toBe(b.config.auth.key_encryption_secret);
  });

  test("production forces secure cookies and defaults to JSON logs", () => {
    const env = { INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET: SECRET };
    expect(
      configError(() =>
        load(["-e", "production"], { ...env, INFERADB_MGMT__AUTH__COOKIE_SECURE: "false" }),
      ).key,
    ).toBe("auth.cookie_secure");
    const prod = loadConfig({ argv: ["-e", "production"], env, cwd: dir, isTTY: true });
    expect(prod.config.observability.json_logs).toBe(true);
    const dev = loadConfig({ argv: [], env, cwd: dir, isTTY: true });
    expect(dev.config.observability.json_logs).toBe(false);
  });

  test("resolveConfig accepts partial trees (test support path)", () => {
    const c = resolveConfig({ storage: { backend: "memory" }, server: { http_port: 0 } });
    expect(c.storage.backend).toBe("memory");
    expect(c.server.http_port).toBe(0);
  });
});

describe("documentation", () => {
  test("docs/configuration.md and config.yaml mention every key", () => {
    const root = resolve(import.meta.dir, "../../..");
    const doc = readFileSync(join(root, "docs/configuration.md"), "utf8");
    const yaml = readFileSync(join(root, "config.yaml"), "utf8");
    const keys: string[] = [];
    const walk = (node: unknown, path: string[]) => {
      const props = (node as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [k, v] of Object.entries(props)) {
        if ((v as { type?: string }).type === "object") walk(v, [...path, k]);
        else keys.push([...path, k].join("."));
      }
    };
    walk(ConfigSchema, []);
    expect(keys.length).toBeGreaterThan(50);
    for (const k of keys) {
      expect(doc).toContain(`\`${k}\``);
      expect(yaml).toContain(`${k.split(".").at(-1)}:`);
    }
  });
});

describe("the real CLI", () => {
  const root = resolve(import.meta.dir, "../../..");
  const run = (args: string[], env: Record<string, string> = {}) => {
    const proc = Bun.spawnSync([process.execPath, "src/main.ts", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdout: "pipe",
      stderr: "pipe",
    });
    return { code: proc.exitCode, stderr: proc.stderr.toString(), stdout: proc.stdout.toString() };
  };

  test("an invalid flag value prints one line naming the key and exits 2", () => {
    const r = run(["--http-port", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'config error: server.http_port: must be an integer 0..65535 (got "abc")\n',
    );
    expect(r.stdout).toBe("");
  });

  test("an invalid env value exits 2 with one line", () => {
    const r = run([], { INFERADB_MGMT__STORAGE__BACKEND: "mongo" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toStartWith("config error: storage.backend:");
  });

  test("production without a secret exits 2", () => {
    const r = run(["--environment", "production"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toStartWith("config error: auth.key_encryption_secret:");
  });
});

describe("cluster.advertise_address (issue 9 item 17)", () => {
  const adv = (advertise_address: string, internal_port = 3002) =>
    resolveConfig({ storage: { backend: "memory" }, cluster: { advertise_address, internal_port } })
      .cluster.advertise_address;

  test("host and host:port with the internal port are both the host", () => {
    expect(adv("10.0.0.7")).toBe("10.0.0.7");
    expect(adv("10.0.0.7:3002")).toBe("10.0.0.7");
    expect(adv("node-2.internal.example")).toBe("node-2.internal.example");
    expect(adv("node-2.internal.example:4100", 4100)).toBe("node-2.internal.example");
    expect(adv("::1")).toBe("[::1]");
    expect(adv("[fd00::2]")).toBe("[fd00::2]");
    expect(adv("[fd00::2]:3002")).toBe("[fd00::2]");
  });

  test("anything else is one config error naming the key", () => {
    for (const bad of [
      "127.0.0.1:42049:42049",
      "10.0.0.7:3003",
      "10.0.0.7:",
      "10.0.0.7:abc",
      "10.0.0.7:0",
      "10.0.0.7:70000",
      "http://10.0.0.7",
      "10.0.0.7/x",
      "host name",
      "[fd00::2",
      "[nope]:3002",
      "[fd00::2]x",
      ":3002",
      "0.0.0.0",
      "0.0.0.0:3002",
      "::",
      "[::]:3002",
      "fe80::1%eth0",
    ]) {
      const e = configError(() => adv(bad));
      expect(e.key).toBe("cluster.advertise_address");
      expect(e.message).toContain("expected host or host:port");
      expect(e.message.includes("\n")).toBe(false);
    }
    const e = configError(() => adv("10.0.0.7:3002", 0));
    expect(e.message).toContain("cluster.internal_port is 0");
    expect(configError(() => adv("http://10.0.0.7")).message).toContain("must not have a scheme");
    expect(configError(() => adv("0.0.0.0")).message).toContain("peers can dial");
  });

  test("the registered address is host:internal_port", async () => {
    const { createClusterNode } = await import("../../../src/cluster/node.ts");
    const { createMemoryBackend } = await import("../../../src/kv/backends/memory.ts");
    const { createKvStore } = await import("../../../src/kv/store.ts");
    const { systemClock } = await import("../../../src/lib/clock.ts");
    const { createLogger } = await import("../../../src/lib/log.ts");
    const c = resolveConfig({
      storage: { backend: "memory" },
      cluster: { advertise_address: "10.1.2.3:3002", node_id: "adv" },
    });
    const kv = createKvStore(createMemoryBackend(), { clock: systemClock });
    const node = createClusterNode({
      kv,
      clock: systemClock,
      log: createLogger({ level: "silent" }),
      config: c.cluster,
    });
    await node.start();
    expect(node.self().address).toBe("10.1.2.3:3002");
    await node.stop();
    await kv.close();
  });
});
