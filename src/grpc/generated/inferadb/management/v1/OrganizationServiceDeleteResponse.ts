// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceDeleteResponse {
}

export interface OrganizationServiceDeleteResponse__Output {
}
