// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceRemoveMemberResponse {
}

export interface OrganizationServiceRemoveMemberResponse__Output {
}
