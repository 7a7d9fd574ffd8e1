/**
 * JSON text limits shared by both fronts (the HTTP body plugin, gRPC's JSON-text fields): no
 * input of this API nests more than a few levels, and a 2 MB `[[[[…` otherwise costs seconds of
 * CPU in schema validation and ends in a stack overflow.
 */

/** Deepest array/object nesting a JSON body may have. */
export const MAX_JSON_DEPTH = 32;

/** True when `text` nests arrays/objects deeper than `max` (one linear scan, strings skipped). */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
