import { pythonString } from './python-literal.js';

interface Connector {
  /** Function of `vobridge.sessions` that connects to the session. */
  call: string;
  /** Variable the snippet binds the connection to. */
  variable: string;
  /** Last line, shown as the cell's output. */
  show: string;
}

// Types with a dedicated client; every other type gets the generic opener,
// an authenticated HTTP session to the session's URL.
const CONNECTORS: Readonly<Record<string, Connector>> = {
  firefly: { call: 'firefly', variable: 'fc', show: 'fc.get_firefly_url()' },
};
const GENERIC: Connector = { call: 'open', variable: 'session', show: 'session' };

/**
 * Python code that connects the notebook's kernel to a session through the
 * kernel bridge (`vobridge.sessions`, which finds the session on whichever
 * logged-in platform runs it). The id is encoded as a Python literal.
 */
/** `type` is whatever the platform sent: any string, escaped like the id. */
export function connectSnippet(session: { id: string; type: string }): string {
  const connector = CONNECTORS[session.type] ?? GENERIC;
  return [
    'import vobridge',
    '',
    `${connector.variable} = vobridge.sessions.${connector.call}(${pythonString(session.id)})`,
    connector.show,
  ].join('\n');
}
