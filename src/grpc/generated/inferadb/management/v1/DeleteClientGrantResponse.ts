// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteClientGrantResponse {
}

export interface DeleteClientGrantResponse__Output {
}
