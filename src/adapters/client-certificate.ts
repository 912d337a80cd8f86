/**
 * A TLS client certificate as the application sees it, whichever adapter terminated TLS: the Node
 * server (`clientCertificateOf` in `restmachine/node`) or API Gateway's mutual TLS
 * (`lambdaInvocationOf(request)?.clientCertificate` in `restmachine/lambda`).
 *
 * @example
 * const cert = clientCertificateOf(request)
 * if (!cert?.authorized) throw new Forbidden('A client certificate signed by our CA is required')
 */
export interface ClientCertificate {
  /** Whether the chain verified against the configured certificate authorities. */
  authorized: boolean
  /** Why verification failed, when it did (e.g. `SELF_SIGNED_CERT_IN_CHAIN`). */
  authorizationError?: string
  /** The subject distinguished name, e.g. `CN=alice, O=Example`. */
  subject: string
  /** The issuer distinguished name. */
  issuer: string
  /** The serial number as hex (Node) or as AWS reports it. */
  serialNumber: string
  /** Start of validity, as reported by the TLS layer. */
  validFrom: string
  /** End of validity, as reported by the TLS layer. */
  validTo: string
  /** SHA-256 fingerprint, colon-separated hex (Node only). */
  fingerprint256?: string
  /** The certificate in PEM form. */
  pem?: string
}
