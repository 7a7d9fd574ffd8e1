/**
 * The connection cap, `server.max_connections` (docs/robustness.md, "Connection abuse and
 * overload"). Bun.serve has no accept hook and no connection count, so the cap works on what the
 * process can see: the number of its open file descriptors (`/proc/self/fd`, one directory read,
 * sampled every `intervalMs`) above those it held once both listeners were up. That is every
 * socket the node holds (HTTP and gRPC peers, outgoing SMTP and engine pushes), an upper bound of
 * the HTTP connections.
 *
 * Above the cap the node stops keeping connections alive: every response carries
 * `Connection: close` (src/http/plugins/admission.ts), so the clients that hold keep-alive
 * connections give them back after their next answer, while connections that never send a whole
 * request are closed by Bun's own header bound (about 12 s) and `server.idle_timeout_s`. New
 * connections are still served: refusing them would need a relay in front of Bun, measured and
 * not taken (docs/robustness.md). The point of the cap is to stay clear of the descriptor limit,
 * where the kernel's EMFILE makes Bun spin on accept and serve nobody (measured there).
 *
 * Where `/proc` is missing (not Linux) the count is unknown and the cap never trips.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Logger } from "../lib/log.ts";

/** The process's open file descriptors, or null where `/proc/self/fd` cannot be read. */
export function openDescriptors(): number | null {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return null;
  }
}

/** The process's soft limit of open files (`/proc/self/limits`), or null when unknown. */
export function descriptorLimit(): number | null {
  try {
    const text = readFileSync("/proc/self/limits", "utf8");
    const line = text.split("\n").find((l) => l.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    const n = Number(soft);
    return Number.isSafeInteger(n) ? n : null;
  } catch {
    return null;
  }
}

export interface ConnectionWatch {
  /** Whether the last sample was above the cap. */
  readonly over: boolean;
  /** Descriptors above the baseline at the last sample (null when unknown). */
  readonly open: number | null;
  stop(): void;
}

/** Descriptors kept free beside `max_connections` (SQLite files, pipes, outgoing connections). */
export const DESCRIPTOR_RESERVE = 256;

export interface ConnectionWatchOptions {
  /** The cap; 0 disables the watch (`over` stays false). */
  max: number;
  intervalMs?: number;
  log: Logger;
  /** The descriptor count (tests pass their own); `openDescriptors` by default. */
  count?: () => number | null;
  /**
   * The count that means "no connection": taken before the listeners accept anything (a baseline
   * taken later would absorb the connections accepted meanwhile). The current count by default.
   */
  baseline?: number | null;
}

/** Back under the cap only below this share of it, so a node at the cap does not flap. */
export const UNDER_CAP_SHARE = 0.9;

export function watchConnections(opts: ConnectionWatchOptions): ConnectionWatch {
  const count = opts.count ?? openDescriptors;
  const state = { over: false, open: null as number | null };
  if (opts.max <= 0) return view(state, () => {});
  const limit = descriptorLimit();
  if (limit !== null && limit < opts.max + DESCRIPTOR_RESERVE) {
    opts.log.warn("the open-file limit is below server.max_connections", {
      open_file_limit: limit,
      max_connections: opts.max,
      fix: `raise the limit (ulimit -n, LimitNOFILE=) to at least ${opts.max + DESCRIPTOR_RESERVE}, or lower server.max_connections`,
    });
  }
  const baseline = opts.baseline === undefined ? count() : opts.baseline;
  if (baseline === null) return view(state, () => {});
  const sample = () => {
    const n = count();
    if (n === null) return;
    state.open = Math.max(0, n - baseline);
    const over = state.over ? state.open > opts.max * UNDER_CAP_SHARE : state.open > opts.max;
    if (over !== state.over) {
      if (over) {
        opts.log.warn("open connections above server.max_connections: keep-alive is off", {
          open: state.open,
          max_connections: opts.max,
        });
      } else {
        opts.log.info("open connections back under server.max_connections", {
          open: state.open,
        });
      }
    }
    state.over = over;
  };
  sample();
  const timer = setInterval(sample, opts.intervalMs ?? 1000);
  timer.unref();
  return view(state, () => clearInterval(timer));
}

function view(state: { over: boolean; open: number | null }, stop: () => void): ConnectionWatch {
  return {
    get over() {
      return state.over;
    },
    get open() {
      return state.open;
    },
    stop,
  };
}
