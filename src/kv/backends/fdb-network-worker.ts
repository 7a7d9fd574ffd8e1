/**
 * The thread FoundationDB's client runs its network loop on (see fdb-c.ts). Its only job: open
 * the same client library the main thread loaded (same file, so the same process-wide state),
 * call `fdb_run_network`, which blocks until the main thread calls `fdb_stop_network`, and report
 * the loop's result. It runs no other JavaScript, so blocking its event loop costs nothing.
 */
import { dlopen } from "bun:ffi";

declare const self: Worker;

self.onmessage = (event: MessageEvent<{ libraryPath: string }>) => {
  let code: number;
  try {
    const lib = dlopen(event.data.libraryPath, { fdb_run_network: { args: [], returns: "i32" } });
    self.postMessage({ type: "running" });
    code = lib.symbols.fdb_run_network();
  } catch (e) {
    self.postMessage({ type: "failed", message: e instanceof Error ? e.message : String(e) });
    return;
  }
  self.postMessage({ type: "stopped", code });
};
