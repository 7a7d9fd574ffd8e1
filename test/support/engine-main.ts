/**
 * The engine stand-in (test/support/engine.ts) as its own process, so a test can SIGKILL the engine
 * and restart it. Every change of its vault map (creates, deletes, tombstones, with the applied
 * counts) is persisted to the state file atomically before the call is answered (write a temp file,
 * fsync, rename), and a start loads that file: a restarted process keeps what it applied.
 *
 *   bun test/support/engine-main.ts --port 0 --state /tmp/x/engine.json \
 *     [--public-key-file key.pem] [--audience A] [--issuer I] \
 *     [--tls-cert-file c.pem --tls-key-file k.pem] \
 *     [--fault 'CreateVault={"delayMs":10000,"times":5}'] [--delay CreateVault=10000] ...
 *
 * `--fault` queues one EngineFault (JSON) for a method, in order; `--delay M=MS` holds every call of
 * M for MS ms before applying it. Stdout carries one JSON line per event: `{"event":"listening",
 * "port":N,"pid":P}` once bound, `{"event":"call","method":M,"vault_id":ID}` as each authenticated
 * call arrives, `{"event":"changed"}` after a change was persisted. SIGTERM / SIGINT
 * stop it cleanly; SIGKILL is the point.
 */
import { createPublicKey } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import {
  type EngineFault,
  type EngineMethod,
  type EngineSnapshot,
  type EngineStandInOptions,
  startEngineStandIn,
} from "./engine.ts";

const METHODS: readonly EngineMethod[] = ["CreateVault", "DeleteVault", "GetVaultStatus"];

function usage(msg: string): never {
  process.stderr.write(`engine-main: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const out: {
    port?: number;
    state?: string;
    publicKeyFile?: string;
    audience?: string;
    issuer?: string;
    tlsCert?: string;
    tlsKey?: string;
    faults: [EngineMethod, EngineFault][];
  } = { faults: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const val = argv[i + 1];
    if (val === undefined) usage(`${flag} needs a value`);
    i++;
    const methodAnd = (v: string): [EngineMethod, string] => {
      const eq = v.indexOf("=");
      const m = v.slice(0, eq) as EngineMethod;
      if (eq < 0 || !METHODS.includes(m)) usage(`${flag} ${v}: want <method>=<value>`);
      return [m, v.slice(eq + 1)];
    };
    switch (flag) {
      case "--port":
        out.port = Number(val);
        if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) usage("bad --port");
        break;
      case "--state":
        out.state = val;
        break;
      case "--public-key-file":
        out.publicKeyFile = val;
        break;
      case "--audience":
        out.audience = val;
        break;
      case "--issuer":
        out.issuer = val;
        break;
      case "--tls-cert-file":
        out.tlsCert = val;
        break;
      case "--tls-key-file":
        out.tlsKey = val;
        break;
      case "--fault": {
        const [m, json] = methodAnd(val);
        out.faults.push([m, JSON.parse(json) as EngineFault]);
        break;
      }
      case "--delay": {
        const [m, ms] = methodAnd(val);
        const delayMs = Number(ms);
        if (!Number.isFinite(delayMs) || delayMs < 0) usage(`bad --delay ${val}`);
        out.faults.push([m, { delayMs, times: Number.POSITIVE_INFINITY }]);
        break;
      }
      default:
        usage(`unknown flag ${flag}`);
    }
  }
  if (out.port === undefined) usage("--port is required");
  if (!out.state) usage("--state is required");
  if (!!out.tlsCert !== !!out.tlsKey) usage("--tls-cert-file and --tls-key-file go together");
  return out as typeof out & { port: number; state: string };
}

/** Reads a persisted snapshot; a missing file is an empty engine. */
export function readEngineState(file: string): EngineSnapshot {
  if (!existsSync(file)) return { vaults: {} };
  return JSON.parse(readFileSync(file, "utf8")) as EngineSnapshot;
}

/** Writes `snapshot` to `file` atomically: a temp file beside it, fsynced, renamed over it. */
export function writeEngineState(file: string, snapshot: EngineSnapshot): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, JSON.stringify(snapshot));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  // The rename itself is durable once the directory is synced.
  const dfd = openSync(dirname(file), "r");
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}

const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

if (import.meta.main) {
  const args = parseArgs(process.argv.slice(2));
  const opts: EngineStandInOptions = {
    port: args.port,
    initialState: readEngineState(args.state),
    onChange: (snap) => {
      writeEngineState(args.state, snap);
      emit({ event: "changed" });
    },
    onCall: (c) => emit({ event: "call", method: c.method, vault_id: c.request.vault_id ?? null }),
    ...(args.publicKeyFile
      ? { publicKey: createPublicKey(readFileSync(args.publicKeyFile, "utf8")) }
      : {}),
    ...(args.audience ? { audience: args.audience } : {}),
    ...(args.issuer ? { issuer: args.issuer } : {}),
    ...(args.tlsCert && args.tlsKey
      ? {
          tls: { cert: readFileSync(args.tlsCert, "utf8"), key: readFileSync(args.tlsKey, "utf8") },
        }
      : {}),
  };
  const engine = await startEngineStandIn(opts);
  for (const [m, f] of args.faults) engine.inject(m, f);
  const shutdown = () => {
    void engine.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  emit({ event: "listening", port: engine.port, pid: process.pid });
}
