/**
 * Health registry: subsystems contribute named sections to `/v1/health` (the cluster adds node id,
 * incarnation, worker id, leader and members; the engine link adds its state). A section is a
 * function called on each health request; it must be cheap and must not throw (a throwing
 * section is reported as `{error: "unavailable"}` rather than failing the endpoint).
 */

export type HealthSection = () => Record<string, unknown> | Promise<Record<string, unknown>>;

/** A readiness gate: undefined when ready, else why not (short, for logs and the probe's body). */
export type ReadinessCheck = () => string | undefined;

export class HealthRegistry {
  #sections = new Map<string, HealthSection>();
  #gates = new Map<string, ReadinessCheck>();

  /**
   * Adds a readiness gate (the cluster: registered, not fenced, membership observed). `/readyz`
   * answers 503 while any gate says not ready. Returns a function that removes it.
   */
  addReadiness(name: string, check: ReadinessCheck): () => void {
    this.#gates.set(name, check);
    return () => {
      if (this.#gates.get(name) === check) this.#gates.delete(name);
    };
  }

  /** Why the node is not ready (`name: reason` per failing gate); empty when every gate passes. */
  notReady(): string[] {
    const out: string[] = [];
    for (const [name, check] of this.#gates) {
      let why: string | undefined;
      try {
        why = check();
      } catch {
        why = "check failed";
      }
      if (why !== undefined) out.push(`${name}: ${why}`);
    }
    return out;
  }

  /** Adds (or replaces) the section `name`. Returns a function that removes it. */
  register(name: string, section: HealthSection): () => void {
    this.#sections.set(name, section);
    return () => {
      if (this.#sections.get(name) === section) this.#sections.delete(name);
    };
  }

  /** Evaluates every section; a failing one becomes `{error: "unavailable"}`. */
  async collect(): Promise<Record<string, Record<string, unknown>>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [name, section] of this.#sections) {
      try {
        out[name] = await section();
      } catch {
        out[name] = { error: "unavailable" };
      }
    }
    return out;
  }
}
