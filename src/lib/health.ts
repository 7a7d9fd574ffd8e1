/**
 * Health registry: subsystems contribute named sections to `/v1/health` (the cluster adds node id,
 * incarnation, worker id, leader and members; the engine link adds its state). A section is a
 * function called on each health request; it must be cheap and must not throw (a throwing
 * section is reported as `{error: "unavailable"}` rather than failing the endpoint).
 */

export type HealthSection = () => Record<string, unknown> | Promise<Record<string, unknown>>;

export class HealthRegistry {
  #sections = new Map<string, HealthSection>();

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
