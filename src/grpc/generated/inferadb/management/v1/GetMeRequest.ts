// Original file: proto/inferadb/management/v1/user.proto


export interface GetMeRequest {
}

export interface GetMeRequest__Output {
}
