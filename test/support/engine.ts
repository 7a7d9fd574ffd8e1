/**
 * A stand-in for the InferaDB engine: a real grpc-js server implementing
 * `inferadb.engine.v1.VaultLifecycleService` (proto/inferadb/engine/v1/vault_lifecycle.proto) on
 * 127.0.0.1, with the proto's semantics (idempotent on the vault id, tombstones for deleted ids,
 * decimal Snowflake ids) and injectable faults, for client tests and, later, vault-sync end-to-end
 * tests.
 *
 *   const engine = await startEngineStandIn({ publicKey });   // port 0 unless `port`
 *   engine.inject("CreateVault", { code: "UNAVAILABLE" });     // next CreateVault: refused, not applied
 *   engine.inject("CreateVault", { lostAnswer: "hang" });      // applied, then never answered
 *   engine.inject("CreateVault", { lostAnswer: "UNAVAILABLE" });// applied, then answered UNAVAILABLE
 *   engine.inject("CreateVault", { delayMs: 500 });            // answered (and applied) late
 *   engine.clearFaults("CreateVault");                         // faults still queued: dropped
 *   await engine.restart();                                    // stop (killing calls) + start, same port, same data
 *   engine.applied("CreateVault", id)                          // how many times a create really applied
 *   engine.snapshot()                                          // vaults + applied counts, plain JSON
 *
 * `initialState` / `onChange` (used by test/support/engine-main.ts, the stand-in as its own process)
 * load a snapshot at start and hand one over after every change of the vault map, before the call
 * is answered, so a process that persists it keeps what it applied across a SIGKILL. `onCall` sees
 * every authenticated call as it arrives (before its fault).
 *
 * Faults are consumed in order, one per call of that method (`times` repeats one). With
 * `publicKey`, every call must carry `authorization: Bearer <EdDSA JWT>` that verifies with it (and
 * `audience`/`issuer` when given); otherwise the call is UNAUTHENTICATED. Verified claims are kept in
 * `calls`.
 */
import {
  type Metadata,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type sendUnaryData,
  status,
} from "@grpc/grpc-js";
import { type JWTPayload, jwtVerify } from "jose";
import type { Ed25519PrivateKey } from "../../src/engine/auth.ts";
import type { CreateVaultRequest__Output } from "../../src/engine/generated/inferadb/engine/v1/CreateVaultRequest.ts";
import type { CreateVaultResponse } from "../../src/engine/generated/inferadb/engine/v1/CreateVaultResponse.ts";
import type { DeleteVaultRequest__Output } from "../../src/engine/generated/inferadb/engine/v1/DeleteVaultRequest.ts";
import type { DeleteVaultResponse } from "../../src/engine/generated/inferadb/engine/v1/DeleteVaultResponse.ts";
import type { GetVaultStatusRequest__Output } from "../../src/engine/generated/inferadb/engine/v1/GetVaultStatusRequest.ts";
import type { GetVaultStatusResponse } from "../../src/engine/generated/inferadb/engine/v1/GetVaultStatusResponse.ts";
import type { VaultLifecycleServiceHandlers } from "../../src/engine/generated/inferadb/engine/v1/VaultLifecycleService.ts";
import { loadEngineProtos } from "../../src/engine/protos.ts";

export type EngineMethod = "CreateVault" | "DeleteVault" | "GetVaultStatus";

export type StatusName = keyof typeof status;

export type EngineFault =
  /** Answer with this status without applying anything. */
  | { code: StatusName; message?: string; times?: number }
  /**
   * Apply the call, then lose the answer: `hang` never answers (the client's deadline fires),
   * a status name answers with that status instead of the result.
   */
  | { lostAnswer: "hang" | StatusName; times?: number }
  /** Wait this long, then apply and answer normally (a slow engine). */
  | { delayMs: number; times?: number };

export interface EngineVault {
  organizationId: string;
  name: string;
  state: "active" | "deleted";
}

export interface EngineCall {
  method: EngineMethod;
  request: Record<string, unknown>;
  /** The verified JWT claims (with a publicKey) or null. */
  claims: JWTPayload | null;
  /** The raw `authorization` metadata value, if any. */
  authorization: string | null;
}

export interface EngineStandInOptions {
  port?: number;
  /** Verify the bearer JWT of every call with this Ed25519 public key. */
  publicKey?: Parameters<typeof jwtVerify>[1] | Ed25519PrivateKey;
  audience?: string;
  issuer?: string;
  /** Serve TLS with this certificate chain and key (PEM). */
  tls?: { cert: string; key: string };
  /** Start with these vaults and applied counts (a snapshot persisted by an earlier run). */
  initialState?: EngineSnapshot;
  /** Called (synchronously, before the answer) after every change of the vault map. */
  onChange?: (snapshot: EngineSnapshot) => void;
  /** Called for every authenticated call as it arrives, before its fault. */
  onCall?: (call: EngineCall) => void;
}

/** The stand-in's data as plain JSON: every vault (tombstones too) with its applied counts. */
export interface EngineSnapshot {
  vaults: Record<string, EngineVault & { applied: Partial<Record<EngineMethod, number>> }>;
}

export interface EngineStandIn {
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly vaults: Map<string, EngineVault>;
  readonly calls: EngineCall[];
  inject(method: EngineMethod, fault: EngineFault): void;
  /** Drops the faults still queued for `method` (every method when omitted). */
  clearFaults(method?: EngineMethod): void;
  /** How many times `method` was applied (changed state) for `vaultId`. */
  applied(method: EngineMethod, vaultId: string): number;
  /** Stops (cancelling calls in flight) and starts again on the same port; data kept. */
  restart(): Promise<void>;
  /** The vaults and applied counts as plain JSON. */
  snapshot(): EngineSnapshot;
  stop(): Promise<void>;
  start(): Promise<void>;
  readonly running: boolean;
}

const SNOWFLAKE = /^[1-9][0-9]{0,19}$/;
const U64_MAX = 18446744073709551615n;

function validId(s: unknown): s is string {
  return typeof s === "string" && SNOWFLAKE.test(s) && BigInt(s) <= U64_MAX;
}

class GrpcFault extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startEngineStandIn(opts: EngineStandInOptions = {}): Promise<EngineStandIn> {
  const vaults = new Map<string, EngineVault>();
  const calls: EngineCall[] = [];
  const faults = new Map<EngineMethod, EngineFault[]>();
  const appliedCounts = new Map<string, number>();
  const hanging = new Set<() => void>();
  let server: Server | undefined;
  let port = opts.port ?? 0;

  for (const [id, v] of Object.entries(opts.initialState?.vaults ?? {})) {
    vaults.set(id, { organizationId: v.organizationId, name: v.name, state: v.state });
    for (const [method, n] of Object.entries(v.applied ?? {})) {
      if (n) appliedCounts.set(`${method}/${id}`, n);
    }
  }

  const snapshot = (): EngineSnapshot => {
    const out: EngineSnapshot = { vaults: {} };
    for (const [id, v] of vaults) {
      const applied: Partial<Record<EngineMethod, number>> = {};
      for (const m of ["CreateVault", "DeleteVault"] as const) {
        const n = appliedCounts.get(`${m}/${id}`);
        if (n) applied[m] = n;
      }
      out.vaults[id] = { ...v, applied };
    }
    return out;
  };
  const changed = () => opts.onChange?.(snapshot());

  const countApplied = (method: EngineMethod, id: string) => {
    const k = `${method}/${id}`;
    appliedCounts.set(k, (appliedCounts.get(k) ?? 0) + 1);
  };

  const nextFault = (method: EngineMethod): EngineFault | undefined => {
    const q = faults.get(method);
    const f = q?.[0];
    if (!q || !f) return undefined;
    const left = (f.times ?? 1) - 1;
    if (left <= 0) q.shift();
    else q[0] = { ...f, times: left };
    return f;
  };

  async function authenticate(
    md: Metadata,
  ): Promise<{ claims: JWTPayload | null; raw: string | null }> {
    const raw = (md.get("authorization")[0] as string | undefined) ?? null;
    if (!opts.publicKey) return { claims: null, raw };
    const m = /^Bearer (.+)$/.exec(raw ?? "");
    if (!m?.[1]) throw new GrpcFault(status.UNAUTHENTICATED, "missing bearer token");
    try {
      const { payload, protectedHeader } = await jwtVerify(m[1], opts.publicKey as never, {
        algorithms: ["EdDSA"],
        ...(opts.audience ? { audience: opts.audience } : {}),
        ...(opts.issuer ? { issuer: opts.issuer } : {}),
        requiredClaims: ["iss", "sub", "aud", "iat", "exp"],
      });
      if (!protectedHeader.kid) throw new Error("no kid");
      return { claims: { ...payload, kid: protectedHeader.kid }, raw };
    } catch (e) {
      throw new GrpcFault(status.UNAUTHENTICATED, `bad token: ${(e as Error).message}`);
    }
  }

  /** Runs one call: auth, fault, apply, answer (or not). */
  function handle<Req extends object, Res>(method: EngineMethod, apply: (req: Req) => Res) {
    return (call: ServerUnaryCall<Req, Res>, cb: sendUnaryData<Res>) => {
      void (async () => {
        try {
          const { claims, raw } = await authenticate(call.metadata);
          const seen: EngineCall = {
            method,
            request: { ...(call.request as Record<string, unknown>) },
            claims,
            authorization: raw,
          };
          calls.push(seen);
          opts.onCall?.(seen);
          const fault = nextFault(method);
          if (fault && "code" in fault) {
            throw new GrpcFault(status[fault.code], fault.message ?? `injected ${fault.code}`);
          }
          if (fault && "delayMs" in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
          const res = apply(call.request);
          if (fault && "lostAnswer" in fault) {
            if (fault.lostAnswer === "hang") {
              // Never answer; the client's deadline (or a restart) ends the call.
              await new Promise<void>((resolve) => {
                const done = () => {
                  hanging.delete(done);
                  resolve();
                };
                hanging.add(done);
                call.on("cancelled", done);
              });
              return;
            }
            throw new GrpcFault(status[fault.lostAnswer], "answer lost after the call applied");
          }
          cb(null, res);
        } catch (e) {
          if (e instanceof GrpcFault)
            cb({ code: e.code, details: e.message, name: "", message: e.message });
          else cb({ code: status.INTERNAL, details: String(e), name: "", message: String(e) });
        }
      })();
    };
  }

  const handlers: VaultLifecycleServiceHandlers = {
    CreateVault: handle("CreateVault", (req: CreateVaultRequest__Output): CreateVaultResponse => {
      const { vault_id, organization_id, name } = req;
      if (!validId(vault_id) || !validId(organization_id)) {
        throw new GrpcFault(
          status.INVALID_ARGUMENT,
          "vault_id and organization_id must be decimal Snowflakes",
        );
      }
      if (name === "") throw new GrpcFault(status.INVALID_ARGUMENT, "name is required");
      const v = vaults.get(vault_id);
      if (v?.state === "deleted") {
        throw new GrpcFault(status.FAILED_PRECONDITION, `vault ${vault_id} was deleted`);
      }
      if (v && v.organizationId !== organization_id) {
        throw new GrpcFault(
          status.ALREADY_EXISTS,
          `vault ${vault_id} belongs to another organization`,
        );
      }
      if (v) return { vault_id, created: false };
      vaults.set(vault_id, { organizationId: organization_id, name, state: "active" });
      countApplied("CreateVault", vault_id);
      changed();
      return { vault_id, created: true };
    }),
    DeleteVault: handle("DeleteVault", (req: DeleteVaultRequest__Output): DeleteVaultResponse => {
      const vault_id = req.vault_id;
      if (!validId(vault_id))
        throw new GrpcFault(status.INVALID_ARGUMENT, "vault_id must be a decimal Snowflake");
      const v = vaults.get(vault_id);
      if (!v || v.state === "deleted") {
        if (!v) {
          vaults.set(vault_id, { organizationId: "", name: "", state: "deleted" });
          changed();
        }
        return { vault_id, deleted: false };
      }
      v.state = "deleted";
      countApplied("DeleteVault", vault_id);
      changed();
      return { vault_id, deleted: true };
    }),
    GetVaultStatus: handle(
      "GetVaultStatus",
      (req: GetVaultStatusRequest__Output): GetVaultStatusResponse => {
        const vault_id = req.vault_id;
        if (!validId(vault_id))
          throw new GrpcFault(status.INVALID_ARGUMENT, "vault_id must be a decimal Snowflake");
        const v = vaults.get(vault_id);
        return {
          vault_id,
          exists: v?.state === "active",
          deleted: v?.state === "deleted",
          organization_id: v?.organizationId ?? "",
          name: v?.name ?? "",
        };
      },
    ),
  };

  async function start(): Promise<void> {
    if (server) return;
    const s = new Server();
    s.addService(loadEngineProtos().vaultLifecycle, handlers);
    const creds = opts.tls
      ? ServerCredentials.createSsl(
          null,
          [{ cert_chain: Buffer.from(opts.tls.cert), private_key: Buffer.from(opts.tls.key) }],
          false,
        )
      : ServerCredentials.createInsecure();
    // A restart may find the port still held for a moment: retry briefly.
    for (let i = 0; ; i++) {
      try {
        port = await new Promise<number>((resolve, reject) =>
          s.bindAsync(`127.0.0.1:${port}`, creds, (err, bound) =>
            err ? reject(err) : resolve(bound),
          ),
        );
        break;
      } catch (e) {
        if (i >= 50 || port === 0) throw e;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    server = s;
  }

  async function stop(): Promise<void> {
    const s = server;
    if (!s) return;
    server = undefined;
    for (const done of [...hanging]) done();
    s.forceShutdown();
  }

  await start();

  return {
    get port() {
      return port;
    },
    get endpoint() {
      return `127.0.0.1:${port}`;
    },
    vaults,
    calls,
    inject(method, fault) {
      const q = faults.get(method) ?? [];
      q.push(fault);
      faults.set(method, q);
    },
    clearFaults(method) {
      if (method) faults.delete(method);
      else faults.clear();
    },
    applied: (method, vaultId) => appliedCounts.get(`${method}/${vaultId}`) ?? 0,
    snapshot,
    async restart() {
      await stop();
      await start();
    },
    stop,
    start,
    get running() {
      return server !== undefined;
    },
  };
}
