// Original file: proto/inferadb/management/v1/token.proto


export interface Jwk {
  'kty'?: (string);
  'crv'?: (string);
  'kid'?: (string);
  'x'?: (string);
  'use'?: (string);
  'alg'?: (string);
}

export interface Jwk__Output {
  'kty': (string);
  'crv': (string);
  'kid': (string);
  'x': (string);
  'use': (string);
  'alg': (string);
}
