// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceListAuditLogsRequest {
  'organization_id'?: (string);
  'action'?: (string);
  'actor'?: (string);
  'resource_type'?: (string);
  'start_date'?: (string);
  'end_date'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  '_action'?: "action";
  '_actor'?: "actor";
  '_resource_type'?: "resource_type";
  '_start_date'?: "start_date";
  '_end_date'?: "end_date";
  '_limit'?: "limit";
  '_cursor'?: "cursor";
}

export interface OrganizationServiceListAuditLogsRequest__Output {
  'organization_id': (string);
  'action'?: (string);
  'actor'?: (string);
  'resource_type'?: (string);
  'start_date'?: (string);
  'end_date'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  '_action'?: "action";
  '_actor'?: "actor";
  '_resource_type'?: "resource_type";
  '_start_date'?: "start_date";
  '_end_date'?: "end_date";
  '_limit'?: "limit";
  '_cursor'?: "cursor";
}
