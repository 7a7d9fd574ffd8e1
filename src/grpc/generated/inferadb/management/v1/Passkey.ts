// Original file: proto/inferadb/management/v1/user.proto


export interface Passkey {
  'id'?: (string);
  'name'?: (string);
  'created_at'?: (string);
  'last_used_at'?: (string);
  'transports'?: (string)[];
  'backed_up'?: (boolean);
  'device_type'?: (string);
  '_last_used_at'?: "last_used_at";
}

export interface Passkey__Output {
  'id': (string);
  'name': (string);
  'created_at': (string);
  'last_used_at'?: (string);
  'transports': (string)[];
  'backed_up': (boolean);
  'device_type': (string);
  '_last_used_at'?: "last_used_at";
}
