/**
 * Structured logger. JSON lines when stdout is not a TTY (or `json: true`), a compact readable form
 * on a TTY. Child loggers carry fields (`log.child({subsystem: "kv"})`). Messages are short and
 * lowercase; ids go in fields.
 */

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  readonly level: LogLevel;
}

export interface LoggerOptions {
  level?: LogLevel;
  json?: boolean;
  /** Where lines go; defaults to stderr for warn/error and stdout otherwise. */
  write?: (line: string, level: LogLevel) => void;
  /** Wall clock for timestamps; defaults to Date.now. */
  now?: () => number;
}

function serialise(v: unknown): unknown {
  if (v instanceof Error) {
    const out: Record<string, unknown> = { name: v.name, message: v.message };
    if ((v as { code?: unknown }).code !== undefined) out.code = (v as { code?: unknown }).code;
    if (v.stack) out.stack = v.stack;
    if (v.cause !== undefined) out.cause = serialise(v.cause);
    return out;
  }
  if (typeof v === "bigint") return v.toString();
  return v;
}

export function createLogger(opts: LoggerOptions = {}, base: Record<string, unknown> = {}): Logger {
  const level = opts.level ?? "info";
  const threshold = LEVELS[level];
  const json = opts.json ?? !process.stdout.isTTY;
  const now = opts.now ?? Date.now;
  const write =
    opts.write ??
    ((line: string, lvl: LogLevel) => {
      if (lvl === "warn" || lvl === "error") process.stderr.write(`${line}\n`);
      else process.stdout.write(`${line}\n`);
    });

  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < threshold) return;
    const all: Record<string, unknown> = { ...base, ...fields };
    for (const k of Object.keys(all)) all[k] = serialise(all[k]);
    if (json) {
      write(JSON.stringify({ time: new Date(now()).toISOString(), level: lvl, msg, ...all }), lvl);
    } else {
      const extras = Object.entries(all)
        .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join(" ");
      const t = new Date(now()).toISOString().slice(11, 23);
      write(`${t} ${lvl.toUpperCase().padEnd(5)} ${msg}${extras ? ` ${extras}` : ""}`, lvl);
    }
  };

  return {
    level,
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger({ ...opts, level, json, write, now }, { ...base, ...fields }),
  };
}

/** A logger that drops everything (tests that do not inspect logs). */
export const silentLogger: Logger = createLogger({ level: "silent" });
