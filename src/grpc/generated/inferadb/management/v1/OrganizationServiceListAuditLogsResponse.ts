// Original file: proto/inferadb/management/v1/organization.proto

import type { AuditLog as _inferadb_management_v1_AuditLog, AuditLog__Output as _inferadb_management_v1_AuditLog__Output } from '../../../inferadb/management/v1/AuditLog';

export interface OrganizationServiceListAuditLogsResponse {
  'audit_logs'?: (_inferadb_management_v1_AuditLog)[];
  'next_cursor'?: (string);
  '_next_cursor'?: "next_cursor";
}

export interface OrganizationServiceListAuditLogsResponse__Output {
  'audit_logs': (_inferadb_management_v1_AuditLog__Output)[];
  'next_cursor'?: (string);
  '_next_cursor'?: "next_cursor";
}
