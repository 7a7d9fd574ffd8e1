/**
 * The organization actor's protocol: every message it takes, with its input schema and its reply
 * (the reply type is the one the domain operation returns). Services ask through
 * `protocolClient(actors, organizationProtocol)`; the runtime checks each incoming message against
 * its schema before the turn (messages may have crossed threads or nodes). See
 * src/runtime/protocol.ts.
 */
import { type TProperties, Type } from "@sinclair/typebox";
import { ALL_ACTIONS, ORG_PERMISSIONS } from "../../src/domain/authz/permissions.ts";
import type * as clients from "../../src/domain/clients/ops.ts";
import type * as inv from "../../src/domain/invitations/ops.ts";
import type * as org from "../../src/domain/organizations/ops.ts";
import { ORG_ROLES, ORG_TIERS, type OrgRole } from "../../src/domain/organizations/types.ts";
import type * as teams from "../../src/domain/teams/ops.ts";
import type * as vaults from "../../src/domain/vaults/entries.ts";
import type { OutboxEntry } from "../../src/email/outbox.ts";
import { Count, Id, literalUnion } from "../../src/lib/schema.ts";
import {
  defineProtocol,
  type MessageName,
  type MessageOf,
  message,
  query,
} from "../../src/runtime/protocol.ts";

/** The reply of a domain operation. */
type Reply<F extends (...args: never[]) => unknown> =
  Awaited<ReturnType<F>> extends {
    reply: infer R;
  }
    ? R
    : never;

/** A message's input: its own fields, nothing else (the request origin travels as `origin`). */
function input<P extends TProperties>(props: P) {
  return Type.Object(props);
}

const PageSchema = Type.Object({ limit: Count, offset: Count }, { additionalProperties: false });
const Role = literalUnion(ORG_ROLES);
const Permission = literalUnion(ORG_PERMISSIONS);
const NullableString = Type.Optional(Type.Union([Type.String(), Type.Null()]));
/** A rate-limit rule (src/domain/ratelimit/counters.ts), or null when that limit is off. */
const RuleSchema = Type.Union([
  Type.Object(
    {
      category: Type.String({ minLength: 1, maxLength: 64 }),
      limit: Count,
      windowSec: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);
/** A mail entry built by the service (src/email/outbox.ts); the actor writes it as it is. */
const OutboxEntrySchema = Type.Unsafe<OutboxEntry>(Type.Object({}));

export const organizationProtocol = defineProtocol("organization", {
  create: message(input({ name: Type.String(), creatorVerified: Type.Boolean() })).returns<
    Reply<typeof org.createOrg>
  >(),
  get: query(input({})).returns<Reply<typeof org.getOrg>>(),
  check: query(input({ action: literalUnion(ALL_ACTIONS) })).returns<{ role: OrgRole }>(),
  "tier.set": message(input({ tier: literalUnion(ORG_TIERS) })).returns<
    Reply<typeof org.setTier>
  >(),
  update: message(input({ name: Type.String() })).returns<Reply<typeof org.updateOrg>>(),
  delete: message(input({})).returns<Reply<typeof org.deleteOrg>>(),
  suspend: message(input({})).returns<Reply<typeof org.suspendOrg>>(),
  resume: message(input({})).returns<Reply<typeof org.suspendOrg>>(),
  "members.list": query(input({ page: PageSchema })).returns<Reply<typeof org.listMembers>>(),
  "members.role": message(input({ memberId: Id, role: Role })).returns<
    Reply<typeof org.changeMemberRole>
  >(),
  "members.remove": message(input({ memberId: Id })).returns<Reply<typeof org.removeMember>>(),
  "members.leave": message(input({})).returns<Reply<typeof org.leaveOrg>>(),
  "members.purge": message(input({ userId: Id })).returns<Reply<typeof org.purgeUser>>(),
  transfer: message(input({ newOwnerUserId: Id })).returns<Reply<typeof org.transferOwnership>>(),
  "invitations.create": message(
    input({
      invitationId: Id,
      email: Type.String(),
      role: Role,
      token: Type.String(),
      secretHash: Type.String(),
      mail: OutboxEntrySchema,
      /** The invitation mail's budgets (src/domain/invitations/limits.ts), from config. */
      mailRules: Type.Object({
        perOrg: RuleSchema,
        perAddress: RuleSchema,
        perAddressAll: RuleSchema,
      }),
    }),
  ).returns<Reply<typeof inv.createInvitation>>(),
  "invitations.list": query(input({ page: PageSchema })).returns<
    Reply<typeof inv.listInvitations>
  >(),
  "invitations.delete": message(input({ invitationId: Id })).returns<
    Reply<typeof inv.deleteInvitation>
  >(),
  "invitations.accept": message(
    input({ invitationId: Id, secret: Type.String(), verifiedEmails: Type.Array(Type.String()) }),
  ).returns<Reply<typeof inv.acceptInvitation>>(),
  "invitations.decline": message(
    input({ invitationId: Id, verifiedEmails: Type.Array(Type.String()) }),
  ).returns<Reply<typeof inv.declineInvitation>>(),
  "invitations.expire": message(
    input({ invitationId: Id, at: Type.Integer({ minimum: 0 }) }),
  ).returns<Reply<typeof inv.expireInvitation>>(),
  "teams.create": message(input({ name: Type.String(), description: NullableString })).returns<
    Reply<typeof teams.createTeam>
  >(),
  "teams.list": query(input({ page: PageSchema })).returns<Reply<typeof teams.listTeams>>(),
  "teams.get": query(input({ teamId: Id })).returns<Reply<typeof teams.getTeam>>(),
  "teams.update": message(
    input({ teamId: Id, name: NullableString, description: NullableString }),
  ).returns<Reply<typeof teams.updateTeam>>(),
  "teams.delete": message(input({ teamId: Id })).returns<Reply<typeof teams.deleteTeam>>(),
  "teamMembers.add": message(input({ teamId: Id, userId: Id, manager: Type.Boolean() })).returns<
    Reply<typeof teams.addTeamMember>
  >(),
  "teamMembers.list": query(input({ teamId: Id, page: PageSchema })).returns<
    Reply<typeof teams.listTeamMembers>
  >(),
  "teamMembers.get": query(input({ teamId: Id, memberId: Id })).returns<
    Reply<typeof teams.getTeamMember>
  >(),
  "teamMembers.update": message(
    input({ teamId: Id, memberId: Id, manager: Type.Boolean() }),
  ).returns<Reply<typeof teams.updateTeamMember>>(),
  "teamMembers.remove": message(input({ teamId: Id, memberId: Id })).returns<
    Reply<typeof teams.removeTeamMember>
  >(),
  "permissions.grant": message(input({ teamId: Id, permission: Permission })).returns<
    Reply<typeof teams.grantTeamPermission>
  >(),
  "permissions.list": query(input({ teamId: Id })).returns<
    Reply<typeof teams.listTeamPermissions>
  >(),
  "permissions.revoke": message(input({ teamId: Id, permissionId: Id })).returns<
    Reply<typeof teams.revokeTeamPermission>
  >(),
  /** Vault entries (src/domain/vaults/entries.ts): reserve a name and a tier slot for a new vault. */
  "vaults.reserve": message(input({ name: Type.String() })).returns<
    Reply<typeof vaults.reserveVault>
  >(),
  "vaults.rename": message(input({ vaultId: Id, name: Type.String() })).returns<
    Reply<typeof vaults.beginRename>
  >(),
  /** Sent by the vault service after a vault change, and by the settle reminder (system). */
  "vaults.settle": message(input({ vaultId: Id, rollback: Type.Boolean() })).returns<
    Reply<typeof vaults.settleVault>
  >(),
  /** Service clients and their certificates (src/domain/clients, docs/clients.md). */
  "clients.create": message(
    input({ clientId: Id, name: Type.String(), description: NullableString }),
  ).returns<Reply<typeof clients.createClient>>(),
  "clients.list": query(input({ page: PageSchema })).returns<Reply<typeof clients.listClients>>(),
  "clients.get": query(input({ clientId: Id })).returns<Reply<typeof clients.getClient>>(),
  "clients.update": message(
    input({ clientId: Id, name: NullableString, description: NullableString }),
  ).returns<Reply<typeof clients.updateClient>>(),
  "clients.setActive": message(input({ clientId: Id, active: Type.Boolean() })).returns<
    Reply<typeof clients.setClientActive>
  >(),
  "clients.delete": message(input({ clientId: Id })).returns<Reply<typeof clients.deleteClient>>(),
  /** The key pair comes from the service: the public key in clear, the private seed sealed. */
  "certificates.create": message(
    input({
      clientId: Id,
      certId: Id,
      name: Type.String(),
      publicKey: Type.String({ minLength: 1, maxLength: 64 }),
      sealedPrivateKey: Type.String({ minLength: 1, maxLength: 512 }),
    }),
  ).returns<Reply<typeof clients.createCertificate>>(),
  "certificates.list": query(input({ clientId: Id })).returns<
    Reply<typeof clients.listCertificates>
  >(),
  "certificates.get": query(input({ clientId: Id, certId: Id })).returns<
    Reply<typeof clients.getCertificate>
  >(),
  "certificates.revoke": message(input({ clientId: Id, certId: Id })).returns<
    Reply<typeof clients.revokeCertificate>
  >(),
  "certificates.delete": message(input({ clientId: Id, certId: Id })).returns<
    Reply<typeof clients.deleteCertificate>
  >(),
});

export type OrganizationProtocol = typeof organizationProtocol;
export type OrgMessageName = MessageName<OrganizationProtocol>;
export type OrgMessage<T extends OrgMessageName = OrgMessageName> = MessageOf<
  OrganizationProtocol,
  T
>;
