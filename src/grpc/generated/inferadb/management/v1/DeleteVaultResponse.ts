// Original file: proto/inferadb/management/v1/vault.proto


export interface DeleteVaultResponse {
}

export interface DeleteVaultResponse__Output {
}
