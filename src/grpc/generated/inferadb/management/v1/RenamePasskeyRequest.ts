// Original file: proto/inferadb/management/v1/user.proto


export interface RenamePasskeyRequest {
  'passkey_id'?: (string);
  'name'?: (string);
}

export interface RenamePasskeyRequest__Output {
  'passkey_id': (string);
  'name': (string);
}
