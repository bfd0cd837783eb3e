import type { FieldPath } from '../types.ts';

/**
 * W3C / proxy log fields (Sigma `category: proxy` and `webserver`) on HTTP events from network sensors (Zeek http.log,
 * Suricata http): `url` is the full URL, `attributes.httpUri` the request target (path and query), as the sensors log them.
 */
export const WEB_FIELDS: Readonly<Record<string, readonly FieldPath[]>> = {
  'c-uri': ['url', 'attributes.httpUri'],
  'cs-uri': ['url', 'attributes.httpUri'],
  'c-uri-query': ['attributes.httpUri'],
  'cs-uri-query': ['attributes.httpUri'],
  'c-uri-stem': ['attributes.httpUri'],
  'cs-uri-stem': ['attributes.httpUri'],
  'cs-method': ['attributes.httpMethod'],
  'c-useragent': ['attributes.httpUserAgent'],
  'cs-user-agent': ['attributes.httpUserAgent'],
  'cs-host': ['attributes.httpHost'],
  'r-dns': ['attributes.httpHost'],
  'cs-referer': ['attributes.httpReferrer'],
  'cs-referrer': ['attributes.httpReferrer'],
  'sc-status': ['attributes.httpStatus'],
  'cs-content-type': ['attributes.httpContentType'],
  'c-ip': ['srcIp'],
  src_ip: ['srcIp'],
  dst_ip: ['dstIp'],
  'cs-username': ['userName'],
};
