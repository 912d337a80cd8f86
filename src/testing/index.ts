export {
  createTestClient,
  type TestableApp,
  type TestClient,
  type TestRequestOptions,
  type TestResponse,
} from './test-client.js'
