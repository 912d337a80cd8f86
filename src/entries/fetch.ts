/** `restmachine/fetch`: Web Request/Response conversion for Fetch-API hosts. */
export * from '../adapters/fetch/index.js'
