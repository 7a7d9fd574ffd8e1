// Original file: proto/inferadb/management/v1/user.proto


export interface ListPasskeysRequest {
}

export interface ListPasskeysRequest__Output {
}
