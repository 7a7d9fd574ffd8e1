// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceRemoveMemberRequest {
  'organization_id'?: (string);
  'member_id'?: (string);
}

export interface OrganizationServiceRemoveMemberRequest__Output {
  'organization_id': (string);
  'member_id': (string);
}
