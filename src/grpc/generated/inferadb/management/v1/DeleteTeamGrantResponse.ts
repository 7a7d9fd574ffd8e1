// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteTeamGrantResponse {
}

export interface DeleteTeamGrantResponse__Output {
}
