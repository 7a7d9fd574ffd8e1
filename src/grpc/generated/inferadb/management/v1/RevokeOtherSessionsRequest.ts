// Original file: proto/inferadb/management/v1/user.proto


export interface RevokeOtherSessionsRequest {
}

export interface RevokeOtherSessionsRequest__Output {
}
