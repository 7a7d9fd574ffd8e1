/**
 * The organization audit log (docs/organizations.md#audit-log; docs/http-api.md (A11, A16)): OWNER only; filters `action`, `actor`,
 * `resource_type`, `start_date`, `end_date` (RFC 3339, inclusive); newest first; cursor pagination
 * (`limit` 1..100, default 50; `cursor` is opaque and names the last event returned). Events are
 * written by the actions themselves in the same commit (src/domain/audit/events.ts).
 *
 * A page scans at most `MAX_SCAN` events; when filters are sparse it may hold fewer than `limit`
 * items and still carry a `next_cursor`. `next_cursor` is null once the log is exhausted.
 */
import { type AuditEvent, auditEventDto, listOrgAudit } from "../../domain/audit/events.ts";
import { OrgErrors } from "../../domain/organizations/errors.ts";
import { isId } from "../../lib/ids.ts";
import type { Principal } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import type { OrganizationService } from "../organizations/service.ts";

export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  resource_type?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface AuditPage {
  audit_logs: Record<string, unknown>[];
  next_cursor: string | null;
}

const BATCH = 200;
const MAX_SCAN = 2000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const CURSOR_PREFIX = "a1:";

function parseDate(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms))
    throw OrgErrors.AUDIT_QUERY_INVALID(`${field} must be an RFC 3339 timestamp`);
  return ms;
}

export function encodeCursor(eventId: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${eventId}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const raw = /^[A-Za-z0-9_-]{1,64}$/.test(cursor)
    ? Buffer.from(cursor, "base64url").toString("utf8")
    : "";
  const id = raw.startsWith(CURSOR_PREFIX) ? raw.slice(CURSOR_PREFIX.length) : "";
  if (!isId(id)) throw OrgErrors.AUDIT_QUERY_INVALID("cursor is not valid");
  return id;
}

export class AuditService {
  readonly #d: ServiceDeps;
  readonly #orgs: OrganizationService;

  constructor(deps: ServiceDeps, orgs: OrganizationService) {
    this.#d = deps;
    this.#orgs = orgs;
  }

  async list(p: Principal, orgId: string, q: AuditQuery): Promise<AuditPage> {
    const start = parseDate(q.start_date, "start_date");
    const end = parseDate(q.end_date, "end_date");
    let beforeId = decodeCursor(q.cursor);
    const limit = Math.min(MAX_LIMIT, Math.max(1, q.limit ?? DEFAULT_LIMIT));
    await this.#orgs.check(p, orgId, "audit:read");
    const matches = (e: AuditEvent) =>
      (q.action === undefined || e.event_type === q.action) &&
      (q.actor === undefined || e.user_id === q.actor) &&
      (q.resource_type === undefined || e.resource_type === q.resource_type) &&
      (end === undefined || e.created_at <= end);
    const out: AuditEvent[] = [];
    let scanned = 0;
    /** True once nothing older can match: the log ran out or start_date was passed. */
    let done = false;
    // Without a filter every event read is answered, so a page reads one more than it answers
    // (to know whether a next page exists) instead of a whole batch.
    const filtered =
      q.action !== undefined ||
      q.actor !== undefined ||
      q.resource_type !== undefined ||
      end !== undefined;
    const batch = filtered ? BATCH : limit + 1;
    while (!done && out.length < limit && scanned < MAX_SCAN) {
      const rows = await this.#d.kv.transact(
        (tx) => listOrgAudit(tx.snapshot, orgId, { beforeId, limit: batch }),
        { name: "audit.list" },
      );
      let consumed = 0;
      for (const e of rows) {
        if (start !== undefined && e.created_at < start) {
          done = true;
          break;
        }
        consumed++;
        scanned++;
        beforeId = e.id;
        if (matches(e)) out.push(e);
        if (out.length === limit) break;
      }
      if (rows.length < batch && consumed === rows.length) done = true;
    }
    return {
      audit_logs: out.map(auditEventDto),
      next_cursor: done || beforeId === undefined ? null : encodeCursor(beforeId),
    };
  }
}
