// Original file: proto/inferadb/management/v1/system.proto


export interface GetInfoRequest {
}

export interface GetInfoRequest__Output {
}
