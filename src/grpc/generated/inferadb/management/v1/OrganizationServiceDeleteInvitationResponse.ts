// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceDeleteInvitationResponse {
}

export interface OrganizationServiceDeleteInvitationResponse__Output {
}
