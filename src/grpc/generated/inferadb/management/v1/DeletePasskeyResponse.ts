// Original file: proto/inferadb/management/v1/user.proto


export interface DeletePasskeyResponse {
}

export interface DeletePasskeyResponse__Output {
}
