// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceAcceptInvitationRequest {
  'token'?: (string);
}

export interface OrganizationServiceAcceptInvitationRequest__Output {
  'token': (string);
}
