/**
 * Request schemas and small helpers shared by the organization, team and audit routes: strict
 * bodies (unknown fields are 422), role and permission enums (a wrong value is 422), and the call
 * options (request origin for audit, `Idempotency-Key`) every write hands to its service.
 */
import { t } from "elysia";
import { ORG_PERMISSIONS } from "../../domain/authz/permissions.ts";
import { ORG_ROLES } from "../../domain/organizations/types.ts";
import type { RequestMeta } from "../../services/identity.ts";
import { INPUT_MAX_CHARS } from "../../services/input-bounds.ts";
import type { CallOptions } from "../../services/organizations.ts";
import { Id } from "../schemas.ts";

const strict = { additionalProperties: false } as const;
const Name = t.String({ maxLength: INPUT_MAX_CHARS.name });
const Description = t.String({ maxLength: INPUT_MAX_CHARS.description });

export const OrgRole = t.Union(ORG_ROLES.map((r) => t.Literal(r)));
export const OrgPermissionSchema = t.Union(ORG_PERMISSIONS.map((p) => t.Literal(p)));

export const OrgNameBody = t.Object({ name: Name }, strict);
export const RoleBody = t.Object({ role: OrgRole }, strict);
export const InvitationBody = t.Object(
  { email: t.String({ maxLength: INPUT_MAX_CHARS.email }), role: OrgRole },
  strict,
);
export const AcceptBody = t.Object(
  { token: t.String({ maxLength: INPUT_MAX_CHARS.token }) },
  strict,
);
export const TransferBody = t.Object({ new_owner_user_id: Id }, strict);
export const TeamCreateBody = t.Object(
  { name: Name, description: t.Optional(t.Union([Description, t.Null()])) },
  strict,
);
export const TeamUpdateBody = t.Object(
  {
    name: t.Optional(t.Union([Name, t.Null()])),
    description: t.Optional(t.Union([Description, t.Null()])),
  },
  strict,
);
export const TeamMemberBody = t.Object({ user_id: Id, manager: t.Optional(t.Boolean()) }, strict);
export const TeamMemberUpdateBody = t.Object({ manager: t.Boolean() }, strict);
export const PermissionBody = t.Object({ permission: OrgPermissionSchema }, strict);

export const AuditQuerySchema = t.Object({
  action: t.Optional(t.String({ maxLength: INPUT_MAX_CHARS.filter })),
  actor: t.Optional(Id),
  resource_type: t.Optional(t.String({ maxLength: INPUT_MAX_CHARS.filter })),
  start_date: t.Optional(t.String({ maxLength: INPUT_MAX_CHARS.date })),
  end_date: t.Optional(t.String({ maxLength: INPUT_MAX_CHARS.date })),
  limit: t.Optional(t.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
  cursor: t.Optional(t.String({ maxLength: INPUT_MAX_CHARS.cursor })),
});

/** The options of a write: where it came from, and its Idempotency-Key if any. */
export function callOptions(request: Request, meta: RequestMeta): CallOptions {
  const key = request.headers.get("idempotency-key");
  return key === null ? { meta } : { meta, idempotencyKey: key };
}

export const noContent = () => new Response(null, { status: 204 });

/** A create's answer: 201 with the created resource (A4). */
export async function created<T>(set: { status?: unknown }, result: Promise<T>): Promise<T> {
  const out = await result;
  set.status = 201;
  return out;
}
