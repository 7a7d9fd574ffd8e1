/**
 * Runs the engine stand-in as its own process (test/support/engine-main.ts) so a test can SIGKILL
 * the engine mid-call and restart it on the same port with what it had applied (its state file).
 *
 *   const engine = await spawnEngineProcess({ stateFile, publicKeyFile, faults: [["CreateVault", { delayMs: 10_000 }]] });
 *   await engine.waitForCall("CreateVault", vaultId);   // the call reached the engine (and is held)
 *   await engine.kill();                                // SIGKILL, waits for the exit
 *   await engine.restart();                             // same port, same state file, new faults (none unless given)
 *   engine.applied("CreateVault", vaultId)              // from the persisted state file
 *   await engine.stop();                                // SIGTERM (SIGKILL after 2 s)
 */
import type { Subprocess } from "bun";
import type { EngineFault, EngineMethod, EngineSnapshot } from "./engine.ts";
import { readEngineState } from "./engine-main.ts";

const MAIN = new URL("./engine-main.ts", import.meta.url).pathname;

export interface EngineProcessOptions {
  /** Port 0 (the default) binds any free port on the first start; restarts reuse the bound one. */
  port?: number;
  /** Where the engine persists its vaults; created on the first change. */
  stateFile: string;
  /** PEM file of the Ed25519 public key every call's bearer JWT must verify with. */
  publicKeyFile?: string;
  audience?: string;
  issuer?: string;
  tls?: { certFile: string; keyFile: string };
  /** Faults queued at start, in order (see EngineFault). */
  faults?: [EngineMethod, EngineFault][];
  /** How long to wait for `listening` (default 10 s). */
  startTimeoutMs?: number;
}

export interface EngineProcessEvent {
  event: "listening" | "call" | "changed";
  port?: number;
  pid?: number;
  method?: EngineMethod;
  vault_id?: string | null;
}

export interface EngineProcess {
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly pid: number;
  readonly running: boolean;
  /** Every event of every run so far, in order (each run starts with `listening`). */
  readonly events: EngineProcessEvent[];
  /** How many starts so far (1 after spawn). */
  readonly runs: number;
  /** The persisted state (read from the state file now). */
  state(): EngineSnapshot;
  /** How many times `method` was applied for `vaultId`, per the persisted state. */
  applied(method: EngineMethod, vaultId: string): number;
  /** Resolves once a `method` call for `vaultId` reached the current run (or any run with `anyRun`). */
  waitForCall(
    method: EngineMethod,
    vaultId: string,
    opts?: { anyRun?: boolean; timeoutMs?: number },
  ): Promise<void>;
  /** Sends `signal` (SIGKILL by default) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Kills it (SIGKILL) if it runs, then starts it again on the same port with the same state file. */
  restart(opts?: { faults?: [EngineMethod, EngineFault][] }): Promise<void>;
  /** SIGTERM, SIGKILL after 2 s; waits for the exit. */
  stop(): Promise<void>;
}

export async function spawnEngineProcess(opts: EngineProcessOptions): Promise<EngineProcess> {
  let port = opts.port ?? 0;
  let proc: Subprocess<"ignore", "pipe", "pipe"> | undefined;
  let exited = true;
  let runs = 0;
  let runStart = 0;
  const events: EngineProcessEvent[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  /** Resolves when `pred` holds, re-checked on every event and exit. */
  const waitFor = (what: string, pred: () => boolean, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        let ok: boolean;
        try {
          ok = pred();
        } catch (e) {
          cleanup();
          reject(e);
          return;
        }
        if (ok) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`engine process: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  function args(faults: [EngineMethod, EngineFault][]): string[] {
    const a = ["--port", String(port), "--state", opts.stateFile];
    if (opts.publicKeyFile) a.push("--public-key-file", opts.publicKeyFile);
    if (opts.audience) a.push("--audience", opts.audience);
    if (opts.issuer) a.push("--issuer", opts.issuer);
    if (opts.tls) a.push("--tls-cert-file", opts.tls.certFile, "--tls-key-file", opts.tls.keyFile);
    for (const [m, f] of faults) a.push("--fault", `${m}=${JSON.stringify(f)}`);
    return a;
  }

  async function start(faults: [EngineMethod, EngineFault][]): Promise<void> {
    runStart = events.length;
    runs++;
    const p = Bun.spawn([process.execPath, MAIN, ...args(faults)], {
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    proc = p;
    exited = false;
    let stderr = "";
    void (async () => {
      const dec = new TextDecoder();
      for await (const chunk of p.stderr) stderr += dec.decode(chunk, { stream: true });
    })();
    void (async () => {
      const dec = new TextDecoder();
      let buf = "";
      for await (const chunk of p.stdout) {
        buf += dec.decode(chunk, { stream: true });
        for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          try {
            events.push(JSON.parse(line) as EngineProcessEvent);
          } catch {
            // Not one of ours (a stray log line): ignore.
          }
          notify();
        }
      }
    })();
    void p.exited.then(() => {
      if (proc === p) exited = true;
      notify();
    });
    const listening = () => events.slice(runStart).find((e) => e.event === "listening");
    try {
      await waitFor(
        "listening",
        () => {
          if (listening()) return true;
          if (exited) throw new Error(`engine process exited (${p.exitCode}) before listening`);
          return false;
        },
        opts.startTimeoutMs ?? 10_000,
      );
    } catch (e) {
      p.kill("SIGKILL");
      await p.exited;
      throw new Error(`${(e as Error).message}\n${stderr}`);
    }
    port = listening()?.port ?? port;
  }

  async function kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const p = proc;
    if (!p || exited) return;
    p.kill(signal);
    await p.exited;
    exited = true;
  }

  await start(opts.faults ?? []);

  return {
    get port() {
      return port;
    },
    get endpoint() {
      return `127.0.0.1:${port}`;
    },
    get pid() {
      return proc?.pid ?? 0;
    },
    get running() {
      return !exited;
    },
    events,
    get runs() {
      return runs;
    },
    state: () => readEngineState(opts.stateFile),
    applied: (method, vaultId) =>
      readEngineState(opts.stateFile).vaults[vaultId]?.applied[method] ?? 0,
    waitForCall(method, vaultId, o = {}) {
      const from = o.anyRun ? 0 : runStart;
      return waitFor(
        `a ${method} call for ${vaultId}`,
        () =>
          events
            .slice(from)
            .some((e) => e.event === "call" && e.method === method && e.vault_id === vaultId),
        o.timeoutMs ?? 10_000,
      );
    },
    kill,
    async restart(o = {}) {
      await kill("SIGKILL");
      await start(o.faults ?? []);
    },
    async stop() {
      const p = proc;
      if (!p || exited) return;
      const t = setTimeout(() => p.kill("SIGKILL"), 2_000);
      p.kill("SIGTERM");
      await p.exited;
      clearTimeout(t);
      exited = true;
    },
  };
}
