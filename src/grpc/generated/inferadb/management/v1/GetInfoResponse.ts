// Original file: proto/inferadb/management/v1/system.proto


export interface GetInfoResponse {
  'version'?: (string);
  'node_id'?: (string);
  'environment'?: (string);
  'storage_backend'?: (string);
  'engine'?: (string);
}

export interface GetInfoResponse__Output {
  'version': (string);
  'node_id': (string);
  'environment': (string);
  'storage_backend': (string);
  'engine': (string);
}
