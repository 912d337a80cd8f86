/**
 * The http-features example's cases as plain requests (shared/specs/http-features.md), in the order
 * they run: writes use ids of their own, and each case expects the state the earlier ones left on a
 * freshly started server. One list, used by test/examples/http-features.integration.test.ts (Node, expected
 * statuses) and test/runtimes/ (every runtime compared with Node).
 */
export interface HttpFeaturesCase {
  /** What the case shows, as a sentence fragment. */
  name: string
  method: string
  path: string
  /** Sent exactly as written. */
  headers?: Record<string, string>
  body?: string
  /** The status the spec gives. */
  status: number
}

const json = { 'content-type': 'application/json' }
const origin = 'https://example.com'
/** Just over the 1 MiB body limit (spec §4: 413 before parsing). */
const OVERSIZED = JSON.stringify({ title: 'x', body: 'y'.repeat(1_048_600) })

export const HTTP_FEATURES_CASES: readonly HttpFeaturesCase[] = [
  { name: 'lists the seed, ignoring the query', method: 'GET', path: '/documents?sort=desc', status: 200 },
  { name: 'serves a document with its validators', method: 'GET', path: '/documents/2', status: 200 },
  { name: 'answers HEAD like GET', method: 'HEAD', path: '/documents/1', status: 200 },
  { name: 'answers an unknown document with 404', method: 'GET', path: '/documents/9999', status: 404 },
  { name: 'answers an unknown path with 404', method: 'GET', path: '/nowhere', status: 404 },
  { name: 'lists the methods of /documents', method: 'OPTIONS', path: '/documents', status: 204 },
  { name: 'lists the methods of a document', method: 'OPTIONS', path: '/documents/1', status: 204 },
  {
    name: 'refuses PATCH with 405 and Allow',
    method: 'PATCH',
    path: '/documents/1',
    headers: json,
    body: '{"title":"x"}',
    status: 405,
  },
  { name: 'answers PROPFIND with 501', method: 'PROPFIND', path: '/documents', status: 501 },
  { name: 'hides a failing handler behind a 500', method: 'GET', path: '/boom', status: 500 },
  {
    name: 'creates with POST',
    method: 'POST',
    path: '/documents',
    headers: json,
    body: '{"title":"New","id":"99","version":7}',
    status: 201,
  },
  {
    name: 'accepts JSON with a charset',
    method: 'POST',
    path: '/documents',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: '{"title":"cs"}',
    status: 201,
  },
  {
    name: 'refuses an oversized body with 413',
    method: 'POST',
    path: '/documents',
    headers: { 'content-type': 'text/plain' },
    body: OVERSIZED,
    status: 413,
  },
  {
    name: 'refuses text/plain with 415',
    method: 'POST',
    path: '/documents',
    headers: { 'content-type': 'text/plain' },
    body: '{"title":"x"}',
    status: 415,
  },
  {
    name: 'refuses a body without Content-Type with 415',
    method: 'POST',
    path: '/documents',
    body: '{"title":"x"}',
    status: 415,
  },
  {
    name: 'refuses broken JSON with 400',
    method: 'POST',
    path: '/documents',
    headers: json,
    body: '{"title":',
    status: 400,
  },
  {
    name: 'refuses an empty JSON body with 400',
    method: 'POST',
    path: '/documents',
    headers: json,
    body: '',
    status: 400,
  },
  {
    name: 'refuses invalid fields with 422',
    method: 'POST',
    path: '/documents',
    headers: json,
    body: '{"title":"","body":5}',
    status: 422,
  },
  {
    name: 'creates a missing id with PUT',
    method: 'PUT',
    path: '/documents/500',
    headers: json,
    body: '{"title":"Five hundred"}',
    status: 201,
  },
  {
    name: 'replaces with PUT',
    method: 'PUT',
    path: '/documents/500',
    headers: json,
    body: '{"title":"Again","body":"b"}',
    status: 200,
  },
  {
    name: 'refuses a stale If-Match with 412',
    method: 'PUT',
    path: '/documents/500',
    headers: { ...json, 'if-match': '"500-v9"' },
    body: '{"title":"x"}',
    status: 412,
  },
  {
    name: 'refuses a weak If-Match with 412',
    method: 'PUT',
    path: '/documents/500',
    headers: { ...json, 'if-match': 'W/"500-v2"' },
    body: '{"title":"x"}',
    status: 412,
  },
  {
    name: 'proceeds on a matching If-Match',
    method: 'PUT',
    path: '/documents/500',
    headers: { ...json, 'if-match': '"other", "500-v2"' },
    body: '{"title":"y"}',
    status: 200,
  },
  {
    name: 'creates with If-None-Match: * when absent',
    method: 'PUT',
    path: '/documents/800',
    headers: { ...json, 'if-none-match': '*' },
    body: '{"title":"x"}',
    status: 201,
  },
  {
    name: 'refuses If-None-Match: * when present',
    method: 'PUT',
    path: '/documents/800',
    headers: { ...json, 'if-none-match': '*' },
    body: '{"title":"x"}',
    status: 412,
  },
  {
    name: 'refuses a stale If-Unmodified-Since',
    method: 'DELETE',
    path: '/documents/800',
    headers: { 'if-unmodified-since': 'Fri May 31 23:59:59 2024' },
    status: 412,
  },
  { name: 'deletes with 204', method: 'DELETE', path: '/documents/800', status: 204 },
  { name: 'answers a deleted document with 404', method: 'DELETE', path: '/documents/800', status: 404 },
  {
    name: 'answers a matching If-None-Match with 304',
    method: 'GET',
    path: '/documents/1',
    headers: { 'if-none-match': 'W/"1-v1"' },
    status: 304,
  },
  {
    name: 'answers an older If-Modified-Since with 304',
    method: 'GET',
    path: '/documents/1',
    headers: { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' },
    status: 304,
  },
  {
    name: 'ignores an invalid If-Modified-Since',
    method: 'GET',
    path: '/documents/1',
    headers: { 'if-modified-since': 'garbage' },
    status: 200,
  },
  { name: 'negotiates JSON by default', method: 'GET', path: '/report', status: 200 },
  {
    name: 'negotiates HTML for text/*',
    method: 'GET',
    path: '/report',
    headers: { accept: 'text/*' },
    status: 200,
  },
  {
    name: 'negotiates CSV by q-value',
    method: 'GET',
    path: '/report',
    headers: { accept: 'text/csv;q=0.9, text/html;q=0.1' },
    status: 200,
  },
  {
    name: 'answers an unoffered type with 406',
    method: 'GET',
    path: '/report',
    headers: { accept: 'image/png' },
    status: 406,
  },
  { name: 'serves the whole file', method: 'GET', path: '/files/sample.txt', status: 200 },
  {
    name: 'serves a byte range with 206',
    method: 'GET',
    path: '/files/sample.txt',
    headers: { range: 'bytes=0-9' },
    status: 206,
  },
  {
    name: 'serves a suffix range with 206',
    method: 'GET',
    path: '/files/sample.txt',
    headers: { range: 'bytes=-10' },
    status: 206,
  },
  {
    name: 'serves several ranges as multipart/byteranges',
    method: 'GET',
    path: '/files/sample.txt',
    headers: { range: 'bytes=0-9, 20-29' },
    status: 206,
  },
  {
    name: 'answers an unsatisfiable range with 416',
    method: 'GET',
    path: '/files/sample.txt',
    headers: { range: 'bytes=1000-' },
    status: 416,
  },
  {
    name: 'ignores a range under a weak If-Range',
    method: 'GET',
    path: '/files/sample.txt',
    headers: { range: 'bytes=0-9', 'if-range': 'W/"sample-v1"' },
    status: 200,
  },
  { name: 'answers HEAD on a file like GET', method: 'HEAD', path: '/files/sample.txt', status: 200 },
  {
    name: 'answers a CORS preflight from the allowed origin',
    method: 'OPTIONS',
    path: '/documents/1',
    headers: {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type, if-match',
    },
    status: 204,
  },
  {
    name: 'adds CORS headers to a 404 for the allowed origin',
    method: 'GET',
    path: '/documents/12345',
    headers: { origin },
    status: 404,
  },
  {
    name: 'gives nothing to another origin',
    method: 'GET',
    path: '/documents/1',
    headers: { origin: 'https://evil.example' },
    status: 200,
  },
]
