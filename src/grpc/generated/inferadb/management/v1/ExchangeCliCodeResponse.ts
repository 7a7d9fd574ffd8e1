// Original file: proto/inferadb/management/v1/auth.proto


export interface ExchangeCliCodeResponse {
  'session_token'?: (string);
  'expires_in'?: (number);
}

export interface ExchangeCliCodeResponse__Output {
  'session_token': (string);
  'expires_in': (number);
}
