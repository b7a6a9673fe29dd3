/**
 * A request to the vobridge server extension (or, through it, the broker or
 * a platform) failed. `code` is the broker's stable error code when there is
 * one (`invalid_credentials`, `platform_unreachable`, ...), else `http_<status>`
 * or `network`; `message` is fit to show the user as is.
 */
export class VobridgeRequestError extends Error {
  override readonly name = 'VobridgeRequestError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

// Plain words for the broker's error codes; the broker's own message is kept as detail.
const PLAIN_WORDS: Readonly<Record<string, string>> = {
  invalid_credentials: 'The user name or password was not accepted.',
  platform_unreachable: 'The platform could not be reached.',
  method_unsupported: 'The platform does not offer this way of logging in.',
  login_required: 'The login has expired; please log in again.',
  login_pending: 'The login is still waiting for you to confirm it.',
  unsafe_url: 'The platform sent an address vobridge will not open; nothing was opened or sent.',
  broker_unavailable: 'The vobridge broker is not running; it is being restarted.',
  bad_request: 'The request was not valid.',
  network: 'The Jupyter server could not be reached.',
};

/** A sentence for the user: plain words for the code, then the server's detail if it adds anything. */
export function describeError(error: unknown): string {
  if (error instanceof VobridgeRequestError) {
    const words = PLAIN_WORDS[error.code];
    if (!words) return error.message;
    return error.message && error.message !== words ? `${words} (${error.message})` : words;
  }
  return error instanceof Error ? error.message : String(error);
}
