/**
 * Config loader: the only module that reads `process.env` and `process.argv` (through `loadConfig`'s
 * caller-supplied inputs, so tests pass their own). Layers, lowest first:
 *
 *   schema defaults < config.yaml (`--config FILE`, else ./config.yaml when present)
 *     < INFERADB_MGMT__SECTION__KEY env (and plain `ENVIRONMENT`) < CLI flags
 *
 * Env values are parsed by the type the schema declares at that key (numbers, booleans, arrays
 * as JSON or comma lists). Unknown env keys are reported as warnings, not errors. Any invalid
 * value throws `ConfigError` naming the key; the CLI prints its one line and exits with status 2.
 */

import { existsSync, readFileSync } from "node:fs";
import { isIPv6 } from "node:net";
import { hostname } from "node:os";
import { resolve } from "node:path";
import type { TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { parse as parseYaml } from "yaml";
import { type Config, ConfigSchema, type RawConfig } from "./schema.ts";

export const ENV_PREFIX = "INFERADB_MGMT__";

/** An invalid configuration value. `key` is the dotted path (or the flag); one line when printed. */
export class ConfigError extends Error {
  readonly key: string;
  constructor(key: string, problem: string) {
    super(`${key}: ${problem}`);
    this.name = "ConfigError";
    this.key = key;
  }
}

/** CLI flags and the config key each one sets (`null` = handled specially). */
const FLAGS: Record<string, { key: string | null; boolean?: boolean }> = {
  "--config": { key: null },
  "-c": { key: null },
  "--http-port": { key: "server.http_port" },
  "--grpc-port": { key: "server.grpc_port" },
  "--internal-port": { key: "cluster.internal_port" },
  "--backend": { key: "storage.backend" },
  "--sqlite-path": { key: "storage.sqlite_path" },
  "--environment": { key: "environment" },
  "-e": { key: "environment" },
  "--json-logs": { key: "observability.json_logs", boolean: true },
  "--node-id": { key: "cluster.node_id" },
};

export interface LoadInputs {
  /** Command-line arguments after the script (process.argv.slice(2)). */
  argv: readonly string[];
  /** Environment variables (process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory that relative paths (config file) resolve against. */
  cwd: string;
  /** Whether stdout is a terminal (decides the `json_logs` default). */
  isTTY: boolean;
}

export interface LoadedConfig {
  config: Config;
  /** Things an operator should see at startup (ephemeral secrets, unknown keys). */
  warnings: string[];
  /** The config file that was read, if any. */
  configFile: string | undefined;
}

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);

/** The schema node at a dotted path, or undefined when no such key exists. */
export function schemaAt(path: readonly string[]): TSchema | undefined {
  let node: TSchema = ConfigSchema;
  for (const seg of path) {
    const props = (node as { properties?: Record<string, TSchema> }).properties;
    const next = props?.[seg];
    if (!next) return undefined;
    node = next;
  }
  return node;
}

/** Parses a string (env or flag) into the type the schema declares at `path`. */
export function parseScalar(path: readonly string[], raw: string): unknown {
  const schema = schemaAt(path) as { type?: string } | undefined;
  const s = raw.trim();
  switch (schema?.type) {
    case "number":
      return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : raw;
    case "boolean": {
      const l = s.toLowerCase();
      if (["true", "1", "yes", "on"].includes(l)) return true;
      if (["false", "0", "no", "off"].includes(l)) return false;
      return raw;
    }
    case "array":
      if (s.startsWith("[")) {
        try {
          return JSON.parse(s);
        } catch {
          throw new ConfigError(path.join("."), `must be a JSON array or a comma list (got ${s})`);
        }
      }
      return s === "" ? [] : s.split(",").map((x) => x.trim());
    default:
      return raw;
  }
}

function setPath(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const seg of path.slice(0, -1)) {
    const next = node[seg];
    if (!isTree(next)) node[seg] = {};
    node = node[seg] as Tree;
  }
  node[path[path.length - 1] as string] = value;
}

/** Deep merge of plain objects; arrays and scalars in `over` replace those in `base`. */
function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isTree(b) && isTree(v) ? merge(b, v) : v;
  }
  return out;
}

/** Reports keys of a parsed YAML file that the schema does not know. */
function unknownKeys(tree: Tree, prefix: string[] = []): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    const path = [...prefix, k];
    const schema = schemaAt(path) as { type?: string } | undefined;
    if (!schema) out.push(path.join("."));
    else if (schema.type === "object" && isTree(v)) out.push(...unknownKeys(v, path));
  }
  return out;
}

function readYaml(file: string): Tree {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError("--config", `cannot read ${file} (${(e as NodeJS.ErrnoException).code})`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0] ?? "syntax error";
    throw new ConfigError("--config", `${file} is not valid YAML: ${msg}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isTree(doc)) throw new ConfigError("--config", `${file} must contain a YAML mapping`);
  return doc;
}

interface ArgvResult {
  configFile: string | undefined;
  overrides: Tree;
}

function parseArgv(argv: readonly string[]): ArgvResult {
  const overrides: Tree = {};
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = FLAGS[name];
    if (!flag) throw new ConfigError(name, "unknown command-line flag");
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (flag.boolean) value = "true";
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new ConfigError(name, "needs a value");
      value = next;
      i++;
    }
    if (flag.key === null) configFile = value;
    else {
      const path = flag.key.split(".");
      setPath(overrides, path, parseScalar(path, value));
    }
  }
  return { configFile, overrides };
}

function parseEnv(env: LoadInputs["env"], warnings: string[]): Tree {
  const out: Tree = {};
  const plain = env.ENVIRONMENT;
  if (plain !== undefined && plain !== "") out.environment = plain;
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).toLowerCase().split("__");
    const schema = schemaAt(path) as { type?: string } | undefined;
    if (!schema || schema.type === "object") {
      warnings.push(`unknown configuration variable ${name} ignored`);
      continue;
    }
    setPath(out, path, parseScalar(path, raw));
  }
  return out;
}

/** Config keys whose values are secrets (never echoed in errors). */
const SECRET_KEY = /secret|password/i;

function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}...` : v);
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}...` : s;
}

/** Validates against the schema; throws a ConfigError for the first problem found. */
function validate(tree: Tree): RawConfig {
  const withDefaults = Value.Default(ConfigSchema, Value.Clone(tree)) as Tree;
  const first = Value.Errors(ConfigSchema, withDefaults).First();
  if (!first) return withDefaults as RawConfig;
  const path = first.path.split("/").filter(Boolean);
  // Report the offending key itself, not an array element or union branch.
  const keyPath: string[] = [];
  for (const seg of path) {
    if (schemaAt([...keyPath, seg]) === undefined) break;
    keyPath.push(seg);
  }
  const key = keyPath.join(".") || "config";
  const schema = schemaAt(keyPath) as { description?: string; type?: string } | undefined;
  let value: unknown = withDefaults;
  for (const seg of keyPath) value = isTree(value) ? value[seg] : undefined;
  const problem =
    schema?.description ??
    (schema?.type === "string"
      ? "must be a non-empty string"
      : schema?.type === "array"
        ? "must be a list of non-empty strings"
        : schema?.type === "object"
          ? "must be a mapping"
          : first.message.toLowerCase());
  // A secret's value never reaches an error message (startup errors go to logs and terminals).
  const shown = SECRET_KEY.test(key) ? "a value that is not shown" : describe(value);
  throw new ConfigError(key, `${problem} (got ${shown})`);
}

export interface ResolveOptions {
  isTTY?: boolean;
  /** Random bytes source (tests may fix it). */
  randomBytes?: (n: number) => Uint8Array;
}

const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const toB64Url = (b: Uint8Array) => Buffer.from(b).toString("base64url");

/**
 * Validates a (partial) config tree and fills derived values. Used by `loadConfig` and by test
 * support (which builds configs without files or env). Appends operator warnings to `warnings`.
 */
export function resolveConfig(
  tree: unknown,
  warnings: string[] = [],
  opts: ResolveOptions = {},
): Config {
  if (!isTree(tree)) throw new ConfigError("config", "must be a mapping");
  const raw = validate(tree);
  const random = opts.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const prod = raw.environment === "production";

  let secret = raw.auth.key_encryption_secret;
  if (secret !== undefined && new TextEncoder().encode(secret).length < 32) {
    throw new ConfigError(
      "auth.key_encryption_secret",
      `must be at least 32 bytes (got ${new TextEncoder().encode(secret).length})`,
    );
  }
  for (const [i, old] of raw.auth.previous_key_encryption_secrets.entries()) {
    if (new TextEncoder().encode(old).length < 32) {
      throw new ConfigError(
        `auth.previous_key_encryption_secrets.${i}`,
        `must be at least 32 bytes (got ${new TextEncoder().encode(old).length})`,
      );
    }
  }
  if (secret === undefined) {
    if (prod) {
      throw new ConfigError(
        "auth.key_encryption_secret",
        "is required in production (at least 32 bytes; env INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET)",
      );
    }
    secret = toB64Url(random(32));
    warnings.push(
      "auth.key_encryption_secret is not set: using an EPHEMERAL random secret; encrypted keys will be unreadable after a restart. Set INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET.",
    );
  }
  if (prod && raw.email.transport === "console") {
    warnings.push(
      "email.transport is console in production: mail is only logged (without its body, which carries one-time tokens), never delivered. Set INFERADB_MGMT__EMAIL__TRANSPORT=smtp.",
    );
  }
  if (prod && !raw.auth.cookie_secure) {
    throw new ConfigError("auth.cookie_secure", "must be true in production (got false)");
  }
  if (raw.storage.backend === "foundationdb" && raw.storage.fdb_cluster_file === undefined) {
    throw new ConfigError(
      "storage.fdb_cluster_file",
      "is required when storage.backend is foundationdb",
    );
  }
  let clusterSecret = raw.cluster.secret;
  if (clusterSecret === undefined && !prod) {
    clusterSecret = toB64Url(random(32));
    warnings.push(
      "cluster.secret is not set: using an ephemeral one; this node cannot join peers. Set INFERADB_MGMT__CLUSTER__SECRET for a cluster.",
    );
  }
  const nodeId = raw.cluster.node_id ?? `node-${toHex(random(6))}`;
  // Unset: the HTTP host, unless that means "every interface" (0.0.0.0, ::), which no peer can
  // dial; then this machine's host name (what containers on one network resolve each other by).
  let advertiseSource = raw.cluster.advertise_address;
  if (advertiseSource === undefined) {
    const host = hostname();
    advertiseSource = UNSPECIFIED.has(raw.server.http_host)
      ? isHostName(host)
        ? host
        : "127.0.0.1"
      : raw.server.http_host;
    if (UNSPECIFIED.has(raw.server.http_host)) {
      warnings.push(
        `cluster.advertise_address is not set and server.http_host is ${raw.server.http_host}: advertising the host name ${JSON.stringify(advertiseSource)} to peers. Set INFERADB_MGMT__CLUSTER__ADVERTISE_ADDRESS to the address peers should dial.`,
      );
    }
  }
  const advertise = parseAdvertiseAddress(
    advertiseSource,
    raw.cluster.internal_port,
    raw.cluster.advertise_address === undefined ? "server.http_host" : "cluster.advertise_address",
  );
  return {
    ...raw,
    auth: { ...raw.auth, key_encryption_secret: secret },
    cluster: {
      ...raw.cluster,
      node_id: nodeId,
      advertise_address: advertise,
      ...(clusterSecret === undefined ? {} : { secret: clusterSecret }),
      // Derived markers (not keys): buildNode replaces a made-up id by the stable one of the data
      // directory, and refuses to join live peers with a made-up secret.
      ...(raw.cluster.node_id === undefined ? { node_id_generated: true as const } : {}),
      ...(clusterSecret !== undefined && raw.cluster.secret === undefined
        ? { secret_ephemeral: true as const }
        : {}),
    },
    observability: {
      ...raw.observability,
      json_logs: raw.observability.json_logs ?? (prod || !(opts.isTTY ?? false)),
    },
  };
}

/** Addresses that mean "every interface": fine to listen on, never to dial. */
const UNSPECIFIED = new Set(["0.0.0.0", "::", "0:0:0:0:0:0:0:0"]);

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A DNS name or an IPv4 address (dotted labels of letters, digits and inner hyphens). */
function isHostName(h: string): boolean {
  return h.length <= 253 && h.split(".").every((l) => HOST_LABEL.test(l));
}

/**
 * `cluster.advertise_address`: `host` or `host:port` (IPv6 as `[addr]` or `[addr]:port`; a bare
 * IPv6 address is taken as a host). A port must equal `cluster.internal_port`: the node binds
 * `internal_port` and peers dial what is advertised, so the two can only differ by mistake.
 * Returns the host as peers should dial it (IPv6 in brackets); the registry appends the port.
 */
export function parseAdvertiseAddress(value: string, internalPort: number, key: string): string {
  const bad = (why: string) =>
    new ConfigError(key, `${why} (got ${JSON.stringify(value)}); expected host or host:port`);
  if (value.includes("://")) throw bad("must not have a scheme");
  if (value.includes("%")) throw bad("must not have an IPv6 zone id");
  const bare = value.replace(/^\[(.*)\](:[0-9]*)?$/, "$1").replace(/^([^:]*):[0-9]*$/, "$1");
  if (UNSPECIFIED.has(bare))
    throw bad("is not an address peers can dial (it means every interface)");
  let host = value;
  let port: string | undefined;
  if (isIPv6(value)) host = `[${value}]`;
  else if (value.startsWith("[")) {
    const end = value.indexOf("]");
    if (end < 0 || !isIPv6(value.slice(1, end))) throw bad("is not a valid bracketed IPv6 address");
    host = value.slice(0, end + 1);
    const rest = value.slice(end + 1);
    if (rest !== "") {
      if (!rest.startsWith(":")) throw bad("has text after the IPv6 address");
      port = rest.slice(1);
    }
  } else {
    const i = value.lastIndexOf(":");
    if (i >= 0) {
      host = value.slice(0, i);
      port = value.slice(i + 1);
    }
    if (!isHostName(host)) throw bad("is not a host name or IP address");
  }
  if (port !== undefined) {
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      throw bad("has an invalid port");
    }
    if (Number(port) !== internalPort) {
      throw bad(
        internalPort === 0
          ? "names a port but cluster.internal_port is 0 (ephemeral)"
          : `names port ${port} but cluster.internal_port is ${internalPort}; they must be equal`,
      );
    }
  }
  return host;
}

/** Loads the layered configuration from a file, environment variables and CLI flags. */
export function loadConfig(inputs: LoadInputs): LoadedConfig {
  const warnings: string[] = [];
  const args = parseArgv(inputs.argv);
  let configFile: string | undefined;
  let fileTree: Tree = {};
  if (args.configFile !== undefined) {
    configFile = resolve(inputs.cwd, args.configFile);
    if (!existsSync(configFile)) {
      throw new ConfigError("--config", `file not found: ${configFile}`);
    }
  } else if (existsSync(resolve(inputs.cwd, "config.yaml"))) {
    configFile = resolve(inputs.cwd, "config.yaml");
  }
  if (configFile !== undefined) {
    fileTree = readYaml(configFile);
    for (const k of unknownKeys(fileTree)) warnings.push(`unknown configuration key ${k} ignored`);
  }
  const envTree = parseEnv(inputs.env, warnings);
  const tree = merge(merge(fileTree, envTree), args.overrides);
  const config = resolveConfig(stripUnknown(tree), warnings, { isTTY: inputs.isTTY });
  return { config, warnings, configFile };
}

/** Drops keys the schema does not know (they were reported as warnings). */
function stripUnknown(tree: Tree, prefix: string[] = []): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(tree)) {
    const path = [...prefix, k];
    const schema = schemaAt(path) as { type?: string } | undefined;
    if (!schema) continue;
    out[k] = schema.type === "object" && isTree(v) ? stripUnknown(v, path) : v;
  }
  return out;
}
