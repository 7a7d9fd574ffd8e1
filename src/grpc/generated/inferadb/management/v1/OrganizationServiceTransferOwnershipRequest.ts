// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceTransferOwnershipRequest {
  'organization_id'?: (string);
  'new_owner_user_id'?: (string);
}

export interface OrganizationServiceTransferOwnershipRequest__Output {
  'organization_id': (string);
  'new_owner_user_id': (string);
}
