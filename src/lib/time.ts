/**
 * Timestamps as every answer spells them: RFC 3339 in UTC with milliseconds and `Z`
 * (`2026-01-02T03:04:05.678Z`; docs/http-api.md, "Timestamps"). One formatter for the domain views
 * and the services.
 */

/**
 * Recently formatted instants: the same few timestamps (a signed-in user's `created_at`) are
 * formatted on every authenticated request. Bounded; cleared whole when full.
 */
const isoCache = new Map<number, string>();
const ISO_CACHE_MAX = 4096;

/** `ms` (wall-clock milliseconds since the epoch) as RFC 3339 UTC with milliseconds. */
export function iso(ms: number): string {
  let s = isoCache.get(ms);
  if (s === undefined) {
    s = new Date(ms).toISOString();
    if (isoCache.size >= ISO_CACHE_MAX) isoCache.clear();
    isoCache.set(ms, s);
  }
  return s;
}

/** `iso(ms)`, or null for null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
