// Original file: proto/inferadb/management/v1/auth.proto


export interface ExchangeCliCodeRequest {
  'code'?: (string);
  'code_verifier'?: (string);
}

export interface ExchangeCliCodeRequest__Output {
  'code': (string);
  'code_verifier': (string);
}
