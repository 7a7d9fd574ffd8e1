// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceUpdateMemberRoleRequest {
  'organization_id'?: (string);
  'member_id'?: (string);
  'role'?: (string);
}

export interface OrganizationServiceUpdateMemberRoleRequest__Output {
  'organization_id': (string);
  'member_id': (string);
  'role': (string);
}
