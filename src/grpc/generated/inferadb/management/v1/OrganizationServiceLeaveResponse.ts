// Original file: proto/inferadb/management/v1/organization.proto


export interface OrganizationServiceLeaveResponse {
}

export interface OrganizationServiceLeaveResponse__Output {
}
