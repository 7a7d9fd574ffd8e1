// Original file: proto/inferadb/management/v1/user.proto


export interface DeletePasskeyRequest {
  'passkey_id'?: (string);
}

export interface DeletePasskeyRequest__Output {
  'passkey_id': (string);
}
