// Original file: proto/inferadb/management/v1/token.proto


export interface GetJwksRequest {
  'organization_id'?: (string);
  '_organization_id'?: "organization_id";
}

export interface GetJwksRequest__Output {
  'organization_id'?: (string);
  '_organization_id'?: "organization_id";
}
