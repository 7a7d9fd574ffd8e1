// Original file: proto/inferadb/management/v1/user.proto


export interface RevokeSessionResponse {
}

export interface RevokeSessionResponse__Output {
}
