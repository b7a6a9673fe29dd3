import type { BrokerLogin, TokenResponse } from '@vobridge/sdk/broker';
import { out, outJson } from '../output/print.js';

/** How `vobridge token` prints what it got. */
export interface TokenOutput {
  json?: boolean;
  header?: boolean;
}

/** The users with an active login to `platform`, sorted: more than one means a script must say whose token it wants. */
export function usersOn(logins: readonly BrokerLogin[], platform: string): string[] {
  return [
    ...new Set(
      logins
        .filter((login) => login.state === 'active' && login.platform === platform)
        .map((login) => login.user ?? '?'),
    ),
  ].sort();
}

/** Print a token: bare, as the header line to send, or as JSON. */
export function printToken(token: TokenResponse, options: TokenOutput): void {
  if (options.json) outJson(token);
  else if (options.header)
    out(token.token_type === 'Cookie' ? `Cookie: ${token.token}` : `Authorization: ${token.token_type} ${token.token}`);
  else out(token.token);
}
