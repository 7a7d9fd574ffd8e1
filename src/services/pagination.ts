/**
 * Offset pagination of list answers, shared by every transport (api.md A4): `limit` defaults to 50
 * and is clamped to 1..100, `offset` defaults to 0; every list answer carries the same
 * `pagination` object. HTTP (query strings) and gRPC (request fields) both build pages here.
 */

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

export interface Page {
  limit: number;
  offset: number;
}

/** Effective page: limit defaults to 50 and is clamped to 1..100; offset defaults to 0. */
export function toPage(q: { limit?: number | undefined; offset?: number | undefined }): Page {
  const limit = Math.min(MAX_LIMIT, Math.max(1, q.limit ?? DEFAULT_LIMIT));
  return { limit, offset: q.offset ?? 0 };
}

/** The `pagination` object of every list response (api.md A4). */
export function paginationOf(page: Page, total: number, count: number) {
  return {
    total,
    count,
    offset: page.offset,
    limit: page.limit,
    has_more: page.offset + count < total,
  };
}
