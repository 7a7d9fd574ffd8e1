/**
 * The organization actor: serialises every mutation of one organization (members, roles,
 * invitations, teams, team permissions). On activation it loads the whole organization with one
 * range read of `("o", orgId)` under `Roots.org`; each turn runs a pure domain operation
 * (src/domain/{organizations,invitations,teams}) that checks `can()` against the in-memory state
 * and returns the write set, committed with the turn's audit events and outbox mail. Its messages
 * are declared once in ./protocol.ts.
 *
 * Reads (get, lists) are turns too: they see exactly the state writes are checked against, and a
 * turn with an empty write set costs no commit.
 */
import { OrgKeys } from "../../src/domain/organizations/keys.ts";
import { type OrgState, stateFromRows } from "../../src/domain/organizations/state.ts";
import { defineProtocolActor } from "../../src/runtime/define.ts";
import { handleOrgMessage } from "./handlers.ts";
import { organizationProtocol } from "./protocol.ts";

export const organizationActor = defineProtocolActor<OrgState, typeof organizationProtocol>({
  protocol: organizationProtocol,
  version: 1,
  async load(reader, id) {
    const [begin, end] = OrgKeys.orgRange(id);
    return stateFromRows(id, await reader.getRange(begin, end));
  },
  handle: handleOrgMessage,
});
