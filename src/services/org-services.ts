/**
 * Builds the organization services (organizations, invitations, teams, audit) from their
 * dependencies. Called once by the composition root (src/main.ts).
 */
import type { LeaderJob } from "../cluster/jobs-types.ts";
import { MailOutbox } from "../email/outbox.ts";
import { AuditService } from "./audit.ts";
import { InvitationService } from "./invitations.ts";
import {
  createClaimCleanupJob,
  OrganizationService,
  type OrgServiceDeps,
} from "./organizations.ts";
import { TeamService } from "./teams.ts";

export interface OrgServices {
  organizations: OrganizationService;
  invitations: InvitationService;
  teams: TeamService;
  audit: AuditService;
  /** Leader jobs to register with the cluster's job runner. */
  jobs: LeaderJob[];
}

export type OrgBuildOptions = Omit<OrgServiceDeps, "outbox"> & { outbox?: MailOutbox };

export function buildOrgServices(o: OrgBuildOptions): OrgServices {
  const deps: OrgServiceDeps = {
    ...o,
    log: o.log.child({ subsystem: "orgs" }),
    outbox:
      o.outbox ??
      new MailOutbox({
        ids: o.ids,
        clock: o.clock,
        messageIdDomain: new URL(o.frontendBaseUrl).hostname || "inferadb.local",
      }),
  };
  const organizations = new OrganizationService(deps);
  return {
    organizations,
    invitations: new InvitationService(deps),
    teams: new TeamService(deps),
    audit: new AuditService(deps, organizations),
    jobs: [createClaimCleanupJob()],
  };
}
