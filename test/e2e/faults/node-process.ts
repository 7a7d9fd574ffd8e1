/**
 * What the fault tests (test/e2e/faults/) share about a node in its own process: reading the
 * `{"httpPort":…}` line it prints once listening, from its piped stdout.
 */
import type { Subprocess } from "bun";

/** The HTTP base of `proc` once it printed its ready line; throws if it exits first. */
export async function httpBaseOf(
  proc: Subprocess<"ignore", "pipe", "inherit" | "pipe">,
): Promise<string> {
  const reader = proc.stdout.getReader();
  let out = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`node exited before it was ready: ${out}`);
    out += new TextDecoder().decode(value);
    const m = /"httpPort":(\d+)/.exec(out);
    if (m) {
      reader.releaseLock();
      return `http://127.0.0.1:${m[1]}`;
    }
  }
}
