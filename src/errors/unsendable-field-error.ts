// Field names can come from client input too: shown escaped (JSON.stringify) and cut to this length.
const MAX_NAME_SHOWN = 100

/**
 * A response carried a header field that cannot be sent: a name that is no token or a value with
 * CR, LF, NUL or another character outside field-value (RFC 9110 §5.1, §5.5). A server bug, most
 * often a handler copying client input into a field: the request is answered 500 (the client never
 * sees this text) and the error is logged. Its message names the field, never the value, which may
 * be an attacker's.
 *
 * @example
 * new UnsendableFieldError('x-echo').message // 'response header field "x-echo" cannot be sent: …'
 */
export class UnsendableFieldError extends Error {
  /** The field's name, as the response had it. */
  readonly field: string

  constructor(field: string) {
    const shown = JSON.stringify(field.length > MAX_NAME_SHOWN ? `${field.slice(0, MAX_NAME_SHOWN)}…` : field)
    super(
      `response header field ${shown} cannot be sent: its name is no token or its value holds CR, LF, NUL ` +
        'or another character outside field-value (RFC 9110 §5.1, §5.5); the value is not logged',
    )
    this.name = 'UnsendableFieldError'
    this.field = field
  }
}
