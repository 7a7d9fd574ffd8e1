/**
 * Current-user use cases (docs/identity.md#flows; docs/http-api.md (A4, A9, A11)): read and update the profile, delete
 * the account. Deletion removes the user's sessions, addresses (which become reusable), one-time
 * tokens and, through `OrgMembershipPort`, every organization membership with its team
 * memberships, vault grants and refresh tokens; it is refused while the user is the last owner of
 * an organization, naming those organizations.
 */

import { deleteSessionWrites, listUserSessions } from "../../domain/sessions/records.ts";
import { deleteTokenWrites, listSubjectTokens } from "../../domain/tokens/records.ts";
import { UserErrors } from "../../domain/users/errors.ts";
import { idItem, UserKeys } from "../../domain/users/keys.ts";
import {
  deleteUserWrites,
  getUser,
  putUserWrites,
  type UserRecord,
} from "../../domain/users/records.ts";
import { normaliseName } from "../../domain/users/validate.ts";
import { applyMutations } from "../../kv/types.ts";
import { auditWrites, iso, isoOrNull, type Principal, type RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import type { EmailService } from "../emails/service.ts";
import { deleteUserPasskeysWrites } from "../passkeys/service.ts";
import type { UpdateProfileInput } from "./inputs.ts";

/**
 * What account deletion needs from organizations; implemented by the organizations feature
 * (src/services/organizations.ts) and handed to `UserService` in src/main.ts.
 */
export interface OrgMembershipPort {
  /**
   * Organizations (not deleted) in which `userId` is the only OWNER, as `{id, name}`. A read; may
   * be stale by the time the caller acts, which is why `removeUserEverywhere` re-checks.
   */
  ownedSoleOrganizations(userId: string): Promise<{ id: string; name: string }[]>;
  /**
   * Removes `userId` from every organization: memberships, team memberships, vault grants, and
   * revokes the user's vault refresh tokens (docs/http-api.md#a9--referential-integrity), each organization atomically in its own actor
   * turn. Idempotent (a second call finds nothing to remove). Throws the `AppError` of
   * `USER_IS_LAST_OWNER` (src/domain/users/errors.ts) when the user has meanwhile become the last
   * OWNER of an organization; nothing of that organization is removed then.
   */
  removeUserEverywhere(userId: string): Promise<void>;
}

/** docs/identity.md#flows (addresses are listed by `GET /v1/users/emails`). */
export interface UserDto {
  id: string;
  name: string;
  created_at: string;
  tos_accepted_at: string | null;
}

export function userDto(user: UserRecord): UserDto {
  return {
    id: user.id,
    name: user.name,
    created_at: iso(user.created_at),
    tos_accepted_at: isoOrNull(user.tos_accepted_at),
  };
}

export class UserService {
  readonly #d: ServiceDeps;
  readonly #emails: EmailService;
  readonly #orgs: OrgMembershipPort;

  constructor(deps: ServiceDeps, emails: EmailService, orgs: OrgMembershipPort) {
    this.#d = deps;
    this.#emails = emails;
    this.#orgs = orgs;
  }

  /** Renames and/or accepts the terms of service (`accept_tos: false` changes nothing). */
  async update(p: Principal, input: UpdateProfileInput, meta: RequestMeta): Promise<UserDto> {
    const d = this.#d;
    const name = input.name == null ? undefined : normaliseName(input.name);
    return d.kv.transact(
      async (tx) => {
        const user = await getUser(tx, p.userId);
        if (!user) throw UserErrors.USER_NOT_FOUND();
        const next: UserRecord = {
          ...user,
          name: name ?? user.name,
          tos_accepted_at:
            input.accept_tos === true && user.tos_accepted_at === null
              ? d.clock.now()
              : user.tos_accepted_at,
        };
        applyMutations(tx, putUserWrites(next));
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_updated",
            user_id: p.userId,
            resource_type: "user",
            resource_id: p.userId,
            event_data: { name_changed: name !== undefined && name !== user.name },
          }),
        );
        return userDto(next);
      },
      { name: "user.update" },
    );
  }

  /** Deletes the caller's account (see the header). */
  async remove(p: Principal, meta: RequestMeta): Promise<void> {
    const d = this.#d;
    const sole = await this.#orgs.ownedSoleOrganizations(p.userId);
    if (sole.length > 0) {
      const names = sole.map((o) => `'${o.name}'`).join(", ");
      throw UserErrors.USER_IS_LAST_OWNER(
        `Cannot delete account while being the only owner of organization ${names}. Transfer ownership or delete the organization first.`,
        { details: sole.map((o) => ({ field: "organization", message: `${o.id}: ${o.name}` })) },
      );
    }
    await this.#orgs.removeUserEverywhere(p.userId);
    await d.kv.transact(
      async (tx) => {
        const user = await getUser(tx, p.userId);
        if (!user) throw UserErrors.USER_NOT_FOUND();
        for (const s of await listUserSessions(tx, p.userId, "all"))
          applyMutations(tx, deleteSessionWrites(s));
        for (const { email, tokens } of await this.#emails.allWithTokensIn(tx, p.userId)) {
          applyMutations(tx, this.#emails.deleteWithTokensWrites(email, tokens));
        }
        for (const t of await listSubjectTokens(tx, "password_reset", p.userId)) {
          applyMutations(tx, deleteTokenWrites(t));
        }
        applyMutations(tx, await this.#emails.detachedSignInWritesOf(tx, p.userId));
        applyMutations(tx, await deleteUserPasskeysWrites(tx, p.userId));
        tx.clear(UserKeys.pendingDefaultOrg.key(idItem(p.userId)));
        applyMutations(tx, deleteUserWrites(p.userId));
        applyMutations(
          tx,
          auditWrites(d, meta, {
            event_type: "user_deleted",
            user_id: p.userId,
            resource_type: "user",
            resource_id: p.userId,
          }),
        );
      },
      { name: "user.delete" },
    );
  }
}
