// Original file: proto/inferadb/management/v1/user.proto


export interface ListSessionsRequest {
}

export interface ListSessionsRequest__Output {
}
