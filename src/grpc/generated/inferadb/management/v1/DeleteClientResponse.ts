// Original file: proto/inferadb/management/v1/client.proto


export interface DeleteClientResponse {
}

export interface DeleteClientResponse__Output {
}
