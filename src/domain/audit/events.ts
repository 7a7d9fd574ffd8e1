/**
 * Audit events (docs/http-api.md#a11--audit; docs/organizations.md#audit-log). Every security-relevant action appends one event with
 * `appendAuditWrites()` in the same transaction (or actor turn) as the action itself, so an action
 * and its event commit together or not at all.
 *
 * Key layout under `Roots.audit` (ids as tuple integers, so key order = id order = time order,
 * because snowflake ids are time-ordered):
 *
 *   ("e", eventId)              -> AuditEvent            every event
 *   ("o", orgId, eventId)       -> AuditEvent (a copy)   org-scoped events, for the org audit list:
 *                                                        a reverse range read with a limit gives the
 *                                                        newest page in one read, no per-row gets
 *   ("u", userId, eventId)      -> empty                 events whose actor/subject is a user
 *
 * For the organizations' list endpoint: `listOrgAudit(tx, orgId, {beforeId, limit})` pages newest
 * first; `beforeId` (exclusive) is the cursor; filters (actor, action, resource type, time range)
 * apply to the decoded events. Times: `created_at` is milliseconds since the epoch.
 */
import { defineCodec } from "../../kv/codec.ts";
import { Roots } from "../../kv/layout.ts";
import type { Mutation, ReadOps } from "../../kv/types.ts";
import { idItem } from "../users/keys.ts";

/** snake_case `<resource>_<past verb>` (docs/http-api.md#a16--names-we-add-or-pin). */
export type AuditEventType = string;

export interface AuditEvent {
  id: string;
  organization_id: string | null;
  /** The acting user (or the subject user of an unauthenticated action such as a failed login). */
  user_id: string | null;
  client_id: string | null;
  event_type: AuditEventType;
  resource_type: string | null;
  resource_id: string | null;
  event_data: Record<string, unknown> | null;
  ip_address: string | null;
  user_agent: string | null;
  created_at: number;
}

/** What a caller provides; the id and time come from the caller's generator and clock. */
export interface AuditInput {
  event_type: AuditEventType;
  organization_id?: string | null;
  user_id?: string | null;
  client_id?: string | null;
  resource_type?: string | null;
  resource_id?: string | null;
  event_data?: Record<string, unknown> | null;
  ip_address?: string | null;
  user_agent?: string | null;
}

export const AuditCodec = defineCodec<AuditEvent>({ name: "audit_event", version: 1 });

export const AuditKeys = {
  event: Roots.audit.sub("e"),
  byOrg: Roots.audit.sub("o"),
  byUser: Roots.audit.sub("u"),
} as const;

/** Builds an event record (pure). */
/** Longest user agent kept with a request's origin (audit events, sessions); longer ones are cut. */
export const USER_AGENT_MAX = 512;

/** `ua` cut to USER_AGENT_MAX, or null. */
export function clipUserAgent(ua: string | null | undefined): string | null {
  return ua === null || ua === undefined ? null : ua.slice(0, USER_AGENT_MAX);
}

export function auditEvent(id: string, nowMs: number, input: AuditInput): AuditEvent {
  return {
    id,
    organization_id: input.organization_id ?? null,
    user_id: input.user_id ?? null,
    client_id: input.client_id ?? null,
    event_type: input.event_type,
    resource_type: input.resource_type ?? null,
    resource_id: input.resource_id ?? null,
    event_data: input.event_data ?? null,
    ip_address: input.ip_address ?? null,
    user_agent: clipUserAgent(input.user_agent),
    created_at: nowMs,
  };
}

/** The writes that append `event` and its indexes. */
export function appendAuditWrites(event: AuditEvent): Mutation[] {
  const value = AuditCodec.encode(event);
  const out: Mutation[] = [{ op: "set", key: AuditKeys.event.key(idItem(event.id)), value }];
  if (event.organization_id !== null) {
    out.push({
      op: "set",
      key: AuditKeys.byOrg.key(idItem(event.organization_id), idItem(event.id)),
      value,
    });
  }
  if (event.user_id !== null) {
    out.push({
      op: "set",
      key: AuditKeys.byUser.key(idItem(event.user_id), idItem(event.id)),
      value: new Uint8Array(0),
    });
  }
  return out;
}

/** The writes that delete `event` with its organization copy and user index entry (retention). */
export function deleteAuditEventWrites(event: AuditEvent): Mutation[] {
  const id = idItem(event.id);
  const out: Mutation[] = [{ op: "clear", key: AuditKeys.event.key(id) }];
  if (event.organization_id !== null) {
    out.push({ op: "clear", key: AuditKeys.byOrg.key(idItem(event.organization_id), id) });
  }
  if (event.user_id !== null) {
    out.push({ op: "clear", key: AuditKeys.byUser.key(idItem(event.user_id), id) });
  }
  return out;
}

export async function getAuditEvent(tx: ReadOps, id: string): Promise<AuditEvent | undefined> {
  const bytes = await tx.get(AuditKeys.event.key(idItem(id)));
  return bytes ? AuditCodec.decode(bytes) : undefined;
}

/**
 * Up to `limit` events of an organization, newest first, with ids below `beforeId` when given.
 * One range read. Use a snapshot read (`tx.snapshot`) for listings that need no conflicts.
 */
export async function listOrgAudit(
  tx: ReadOps,
  orgId: string,
  opts: { beforeId?: string; limit: number },
): Promise<AuditEvent[]> {
  const [begin, rangeEnd] = AuditKeys.byOrg.range(idItem(orgId));
  const end =
    opts.beforeId === undefined
      ? rangeEnd
      : AuditKeys.byOrg.key(idItem(orgId), idItem(opts.beforeId));
  const rows = await tx.getRange(begin, end, { limit: opts.limit, reverse: true });
  return rows.map((r) => AuditCodec.decode(r.value));
}

/** The wire form (docs/organizations.md#audit-log; ids and times as in docs/http-api.md (A1, A2)). */
export function auditEventDto(e: AuditEvent): Record<string, unknown> {
  return { ...e, created_at: new Date(e.created_at).toISOString() };
}
