import { BrokerRequestError, type BrokerErrorCode } from '@vobridge/sdk/broker';

/**
 * Plain words for every broker error code (the spec's list: a code added
 * there fails to compile here until it has words), and for a Jupyter server
 * that did not answer. The broker's own message is kept as the detail.
 */
export const PLAIN_WORDS: Readonly<Record<BrokerErrorCode | 'network', string>> = {
  bad_request: 'The request was not valid.',
  unauthorized: 'The Jupyter server could not authenticate to the vobridge broker.',
  origin_refused: 'The request was refused as coming from another site.',
  rate_limited: 'Too many requests; try again in a moment.',
  not_logged_in: 'You are not logged in to that platform.',
  out_of_scope: 'That is outside the platforms you are logged in to.',
  not_found: 'It no longer exists.',
  login_pending: 'The login is still waiting for you to confirm it.',
  login_required: 'The login has expired; please log in again.',
  invalid_credentials: 'The user name or password was not accepted.',
  method_unsupported: 'The platform does not offer this way of logging in.',
  platform_unreachable: 'The platform could not be reached.',
  platform_refused: 'The platform refused.',
  unsafe_url: 'The platform sent an address vobridge will not open; nothing was opened or sent.',
  already_running: 'Another vobridge broker is already running.',
  broker_unavailable: 'The vobridge broker is not running; it is being restarted.',
  internal: 'Something went wrong inside vobridge.',
  network: 'The Jupyter server could not be reached.',
};

/** A sentence for the user: plain words for the code, then the broker's own sentence if it adds anything. */
export function describeError(error: unknown): string {
  if (error instanceof BrokerRequestError) {
    const words = error.code.startsWith('http_') ? undefined : PLAIN_WORDS[error.code as BrokerErrorCode | 'network'];
    if (!words) return error.message;
    if (!error.message || error.message === words) return words;
    // One sentence: the plain words, then the broker's (or the platform's) own reason.
    return `${words.replace(/\.$/, '')}: ${error.message.replace(/\.?$/, '.')}`;
  }
  return error instanceof Error ? error.message : String(error);
}
