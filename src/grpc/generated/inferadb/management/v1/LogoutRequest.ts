// Original file: proto/inferadb/management/v1/auth.proto


export interface LogoutRequest {
}

export interface LogoutRequest__Output {
}
