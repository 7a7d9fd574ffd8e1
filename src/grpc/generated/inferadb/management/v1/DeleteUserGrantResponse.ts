// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteUserGrantResponse {
}

export interface DeleteUserGrantResponse__Output {
}
