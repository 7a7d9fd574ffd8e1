// Original file: proto/inferadb/management/v1/user.proto


export interface DeleteEmailResponse {
}

export interface DeleteEmailResponse__Output {
}
