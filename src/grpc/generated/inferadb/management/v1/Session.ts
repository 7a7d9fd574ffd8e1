// Original file: proto/inferadb/management/v1/user.proto


export interface Session {
  'session_id'?: (string);
  'session_type'?: (string);
  'created_at'?: (string);
  'expires_at'?: (string);
  'last_activity_at'?: (string);
  'ip_address'?: (string);
  'user_agent'?: (string);
  'current'?: (boolean);
  '_ip_address'?: "ip_address";
  '_user_agent'?: "user_agent";
}

export interface Session__Output {
  'session_id': (string);
  'session_type': (string);
  'created_at': (string);
  'expires_at': (string);
  'last_activity_at': (string);
  'ip_address'?: (string);
  'user_agent'?: (string);
  'current': (boolean);
  '_ip_address'?: "ip_address";
  '_user_agent'?: "user_agent";
}
