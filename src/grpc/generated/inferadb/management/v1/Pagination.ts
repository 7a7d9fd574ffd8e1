// Original file: proto/inferadb/management/v1/common.proto


export interface Pagination {
  'total'?: (number);
  'count'?: (number);
  'offset'?: (number);
  'limit'?: (number);
  'has_more'?: (boolean);
}

export interface Pagination__Output {
  'total': (number);
  'count': (number);
  'offset': (number);
  'limit': (number);
  'has_more': (boolean);
}
