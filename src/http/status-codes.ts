/**
 * Reason phrases for the status codes RestMachine produces (RFC 9110 §15).
 *
 * @example
 * reasonPhrase(404) // 'Not Found'
 */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
}

/**
 * Returns the RFC 9110 reason phrase of a status code, or a generic class phrase for unknown codes.
 *
 * @example
 * reasonPhrase(422) // 'Unprocessable Content'
 */
export function reasonPhrase(status: number): string {
  const known = REASON_PHRASES[status]
  if (known !== undefined) return known
  if (status >= 500) return 'Server Error'
  if (status >= 400) return 'Client Error'
  return 'Unknown Status'
}

/**
 * Whether a response with this status never carries content (RFC 9110 §6.4.1: 1xx, 204, 304).
 *
 * @example
 * isBodylessStatus(204) // true
 */
export function isBodylessStatus(status: number): boolean {
  return status === 204 || status === 304 || (status >= 100 && status < 200)
}
