// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceTransferOwnershipResponse {
  'message'?: (string);
}

export interface OrganizationServiceTransferOwnershipResponse__Output {
  'message': (string);
}
