import type { PlatformSession } from '../api/types.js';
import { pythonString } from './python-literal.js';

/**
 * Kernel-side helper that connects to each session type; types without a
 * dedicated client get the generic `open`, which returns the session's info.
 */
const CONNECTORS: Readonly<Record<string, string>> = {
  firefly: 'firefly',
};

/**
 * Python code that connects the notebook's kernel to a session through the
 * kernel bridge. Every value from the platform is encoded as a literal.
 */
export function connectSnippet(session: Pick<PlatformSession, 'id' | 'type' | 'platform'>): string {
  const connector = CONNECTORS[session.type] ?? 'open';
  const variable = connector === 'firefly' ? 'fc' : 'session';
  return [
    'import vobridge',
    '',
    `${variable} = vobridge.sessions.${connector}(${pythonString(session.id)}, platform=${pythonString(session.platform)})`,
    variable,
  ].join('\n');
}
