import type { Socket } from 'node:net'

type Answer = [status: number, reason: string, message: string]

const STATUS_FOR_CODE: Record<string, Answer> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'Request header fields are too large'],
  HPE_URI_TOO_LONG: [414, 'URI Too Long', 'Request URI is too long'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive'],
}
const MALFORMED: Answer = [400, 'Bad Request', 'Malformed HTTP request']
const UNKNOWN_METHOD: Answer = [501, 'Not Implemented', 'Method not implemented by this server']

// RFC 9112 §3: request-line = method SP request-target SP HTTP-version CRLF; method = token
// (RFC 9110 §9.1), a request-target of visible ASCII (RFC 3986 §2), HTTP-version = "HTTP/" DIGIT
// "." DIGIT (§2.3); a bare LF may end a line too (§2.2).
const REQUEST_LINE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+ [!-~]+ HTTP\/[0-9]\.[0-9]\r?\n/

/**
 * Answers a request Node's HTTP parser rejected before any handler could see it, with the right
 * status (431 for oversized headers, 414 for a long target, 408 on timeouts, 501 for a well-formed
 * request line with a method the parser does not know, else 400) and a JSON body, then closes the
 * connection. The parser's own message is never sent.
 */
export function answerClientError(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const code = error.code ?? ''
  const answer =
    code === 'HPE_INVALID_METHOD'
      ? invalidMethodAnswer(error.rawPacket)
      : (STATUS_FOR_CODE[code] ?? MALFORMED)
  endWithJson(socket, ...answer)
}

/**
 * Node's parser knows a fixed list of methods and calls everything else an "invalid method": both a
 * well-formed request for a method this server does not implement (`FOO / HTTP/1.1` → 501, RFC 9110
 * §15.6.2) and a line that is no request line at all (`GARBAGE`, `GE T / HTTP/1.1` → 400, RFC 9112
 * §3). The bytes received so far tell them apart; a request line split across packets is judged
 * as far as it arrived, so it gets 400.
 */
function invalidMethodAnswer(received: Buffer | undefined): Answer {
  const lineEnd = received?.indexOf(0x0a) ?? -1
  if (received === undefined || lineEnd === -1) return MALFORMED
  return REQUEST_LINE.test(received.toString('latin1', 0, lineEnd + 1)) ? UNKNOWN_METHOD : MALFORMED
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
