/**
 * What every organization operation works with: the turn environment (time, ids, caller), the
 * output it accumulates (writes, audit drafts, mail drafts), the authorization guard every
 * organization-scoped operation starts with, and pagination of in-memory lists.
 *
 * Operations are pure: they read the state and the environment and return a new state; the
 * organization actor turns their output into its write set.
 */
import type { Mutation } from "../../kv/types.ts";
import { can, type PrincipalContext, type ResourceContext } from "../authz/can.ts";
import type { Action } from "../authz/permissions.ts";
import { OrgErrors } from "./errors.ts";
import { isLive, type OrgState, principalContext } from "./state.ts";
import type { Organization } from "./types.ts";

export interface TurnEnv {
  /** Wall-clock ms. */
  now: number;
  newId(): string;
  /** The calling user. */
  userId: string;
}

/** An audit event as the organization domain describes it (docs/http-api.md#a11--audit); the actor stamps and stores it. */
export interface AuditDraft {
  event_type: string;
  resource_type: string;
  resource_id: string | null;
  data?: Record<string, string | number | boolean | null>;
}

/** An invitation mail to send through the outbox in the same write set. */
export interface InvitationMailDraft {
  to: string;
  token: string;
  organizationName: string;
  role: string;
  inviterUserId: string;
  expiresAt: number;
}

export class TurnOutput {
  readonly writes: Mutation[] = [];
  readonly audit: AuditDraft[] = [];
  readonly mails: InvitationMailDraft[] = [];

  write(mutations: readonly Mutation[]): void {
    this.writes.push(...mutations);
  }

  event(draft: AuditDraft): void {
    this.audit.push(draft);
  }
}

export interface OpResult<R> {
  state: OrgState;
  reply: R;
}

export interface Guarded {
  org: Organization;
  principal: PrincipalContext;
}

/**
 * The check every organization-scoped operation starts with: the organization exists and the
 * caller is a member (else 404, so outsiders learn nothing, not even existence), `can()` allows the
 * action (else 403), and a write does not hit a suspended organization (else ORG_SUSPENDED).
 */
export function authorize(
  state: OrgState,
  env: TurnEnv,
  action: Action,
  resource?: ResourceContext,
  opts: { write?: boolean } = {},
): Guarded {
  const principal = isLive(state) ? principalContext(state, env.userId) : undefined;
  if (!principal || !state.org) throw OrgErrors.ORG_NOT_FOUND();
  if (!can(principal, action, resource)) throw OrgErrors.ORG_FORBIDDEN();
  if (opts.write && state.org.suspended_at !== null) throw OrgErrors.ORG_SUSPENDED();
  return { org: state.org, principal };
}

/** Membership check without an action (self-service operations such as leaving). */
export function requireMember(state: OrgState, env: TurnEnv, opts: { write?: boolean } = {}) {
  const member = isLive(state) ? state.members.get(env.userId) : undefined;
  if (!member || !state.org) throw OrgErrors.ORG_NOT_FOUND();
  if (opts.write && state.org.suspended_at !== null) throw OrgErrors.ORG_SUSPENDED();
  return { org: state.org, member };
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/** One page of an ordered list and the list's total (transports add the `pagination` of docs/http-api.md#pagination). */
export interface Page<T> {
  items: T[];
  total: number;
}

export function paginate<T>(all: readonly T[], page: PageRequest): Page<T> {
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
}
