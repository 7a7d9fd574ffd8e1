// Original file: proto/inferadb/management/v1/client.proto


export interface DeleteCertificateResponse {
}

export interface DeleteCertificateResponse__Output {
}
