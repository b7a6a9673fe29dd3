import type { BrokerLogin } from '@vobridge/sdk/broker';
import { note, out, outJson } from '../output/print.js';
import { renderTable } from '../output/table.js';
import { formatExpiry } from '../output/time.js';

const RENEWS_WITH: Record<NonNullable<BrokerLogin['renews_with']>, string> = {
  refresh_token: 'refresh token',
  password_in_memory: 'password (in memory)',
  password_on_disk: 'password (encrypted on disk)',
  hub: 'JupyterHub (log in and out there)',
  none: 'nothing: log in again',
};

/** `vobridge status`: every login with its state and token expiry, as a table or JSON. */
export function printStatus(logins: readonly BrokerLogin[], options: { json?: boolean }): void {
  if (options.json) {
    outJson(logins);
    return;
  }
  if (logins.length === 0) {
    note('not logged in anywhere (vobridge login <platform-url>)');
    return;
  }
  out(
    renderTable(logins, [
      { header: 'PLATFORM', value: (l) => l.platform },
      { header: 'USER', value: (l) => l.user ?? '-' },
      { header: 'METHOD', value: (l) => l.method },
      { header: 'STATE', value: (l) => l.state },
      { header: 'EXPIRES', value: (l) => formatExpiry(l.expires_at) },
      { header: 'RENEWS WITH', value: (l) => RENEWS_WITH[l.renews_with ?? 'none'] },
      { header: 'ID', value: (l) => l.id },
    ]),
  );
}

/** `vobridge whoami`: the active logins (on `origin` only, when given); none is for the caller to report. */
export function activeLogins(logins: readonly BrokerLogin[], origin?: string): BrokerLogin[] {
  return logins.filter((login) => login.state === 'active' && (!origin || login.platform === origin));
}

/** `vobridge whoami`'s lines: the user name alone for one platform, else `user @ platform` per login. */
export function printWhoami(logins: readonly BrokerLogin[], origin?: string): void {
  for (const login of logins) out(origin ? (login.user ?? '') : `${login.user ?? '?'} @ ${login.platform}`);
}
