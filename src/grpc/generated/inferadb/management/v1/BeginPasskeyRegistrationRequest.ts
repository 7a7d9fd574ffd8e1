// Original file: proto/inferadb/management/v1/user.proto


export interface BeginPasskeyRegistrationRequest {
}

export interface BeginPasskeyRegistrationRequest__Output {
}
