import { BROKER_ERROR_CODES, BrokerRequestError } from '@vobridge/sdk/broker';
import { PLAIN_WORDS, describeError } from '../src/api/errors.js';

describe('error sentences', () => {
  it('has plain words for every broker error code of the spec, and no other', () => {
    expect(Object.keys(PLAIN_WORDS).sort()).toEqual([...BROKER_ERROR_CODES, 'network'].sort());
  });

  it('says the plain words, then the broker’s own sentence when it adds something', () => {
    const refused = new BrokerRequestError('platform_refused', 'alice already has a carta session', { status: 409 });
    expect(describeError(refused)).toBe('The platform refused: alice already has a carta session.');
    const down = new BrokerRequestError('platform_unreachable', 'No answer from https://p.example/skaha.');
    expect(describeError(down)).toBe('The platform could not be reached: No answer from https://p.example/skaha.');
    expect(describeError(new BrokerRequestError('http_502', 'Bad gateway'))).toBe('Bad gateway');
  });
});
