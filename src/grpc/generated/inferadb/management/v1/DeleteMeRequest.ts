// Original file: proto/inferadb/management/v1/user.proto


export interface DeleteMeRequest {
}

export interface DeleteMeRequest__Output {
}
