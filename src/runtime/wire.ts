/**
 * The string encoding of everything that crosses a thread boundary (main ↔ actor workers): JSON
 * with byte arrays as `{"$b": "<base64>"}`. Strings take Bun's fast structured-clone path and keep
 * every message a flat string, whatever the payload holds.
 */

export function toWire(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array
      ? { $b: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") }
      : v,
  );
}

export function fromWire<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === "object" && typeof (v as { $b?: unknown }).$b === "string") {
      const keys = Object.keys(v);
      if (keys.length === 1) return new Uint8Array(Buffer.from((v as { $b: string }).$b, "base64"));
    }
    return v;
  }) as T;
}
