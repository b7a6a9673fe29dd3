import { spawn } from 'node:child_process';
import { note } from './print.js';

/** Opens `url` with `$BROWSER`, else the desktop's opener; says so when none starts. */
export function openInBrowser(url: string): void {
  const command = process.env.BROWSER || (process.platform === 'darwin' ? 'open' : 'xdg-open');
  const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => note(`vobridge: could not start ${command}; open the URL yourself`));
  child.unref();
}
