import type { Socket } from 'node:net'

const STATUS_FOR_CODE: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'Request header fields are too large'],
  HPE_INVALID_METHOD: [501, 'Not Implemented', 'Method not implemented by this server'],
  HPE_URI_TOO_LONG: [414, 'URI Too Long', 'Request URI is too long'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive'],
}

/**
 * Answers a request Node's HTTP parser rejected before any handler could see it, with the right
 * status (431 for oversized headers, 501 for unknown methods, 408 on timeouts, else 400) and a JSON
 * body, then closes the connection. The parser's own message is never sent.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, reason, message] = STATUS_FOR_CODE[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'Malformed HTTP request',
  ]
  endWithJson(socket, status, reason, message)
}

/**
 * Answers CONNECT, which Node hands to a separate event (and would otherwise answer by dropping
 * the connection): this server is not a proxy, so 501 (RFC 9110 §9.3.6, §15.6.2).
 */
export function answerConnect(_request: unknown, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  endWithJson(socket, 501, 'Not Implemented', 'Method CONNECT is not implemented by this server')
}

function endWithJson(socket: Socket, status: number, reason: string, message: string): void {
  const body = JSON.stringify({ error: reason, message })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
