// Original file: proto/inferadb/management/v1/user.proto


export interface DeleteMeResponse {
}

export interface DeleteMeResponse__Output {
}
