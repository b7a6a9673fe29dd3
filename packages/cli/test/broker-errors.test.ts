import { BROKER_ERROR_CODES } from '@vobridge/sdk/broker';
import { BROKER_ERRORS } from '../src/broker/client.js';

// The broker's error codes come from openapi/broker.yaml; the CLI maps exactly those
// (the Record type already refuses a missing or an unknown one at compile time).
test('the CLI maps every broker error code of the spec, and no other', () => {
  expect(Object.keys(BROKER_ERRORS).sort()).toEqual([...BROKER_ERROR_CODES].sort());
});
