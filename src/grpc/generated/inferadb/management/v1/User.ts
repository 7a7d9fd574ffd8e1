// Original file: proto/inferadb/management/v1/user.proto


export interface User {
  'id'?: (string);
  'name'?: (string);
  'created_at'?: (string);
  'tos_accepted_at'?: (string);
  '_tos_accepted_at'?: "tos_accepted_at";
}

export interface User__Output {
  'id': (string);
  'name': (string);
  'created_at': (string);
  'tos_accepted_at'?: (string);
  '_tos_accepted_at'?: "tos_accepted_at";
}
