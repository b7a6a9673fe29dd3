// Screenshots of the UI for the README and docs/, taken by the browser tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '@vobridge/testing';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * A screenshot of `selector` for docs/screenshots: loopback URLs read as a
 * platform's, the session ids given as a fixed one, no notifications.
 */
export async function shoot(page: Page, selector: string, name: string, ids: readonly string[] = []): Promise<void> {
  await page.evaluate(
    ({ ids, selector }) => {
      // Only inside what is photographed: text elsewhere (a notebook's code, say) is the user's.
      const root = document.querySelector(selector) ?? document.body;
      const rewrite = (text: string) =>
        ids
          .reduce((t, id) => t.replaceAll(id, 'a1b2c3d4'), text)
          .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'https://platform.example.org')
          .replace(/127\.0\.0\.1:\d+/g, 'platform.example.org')
          // Firefly's channel name is derived from the date.
          .replace(/__wsch=[A-Za-z0-9_-]+/g, '__wsch=bm90ZWJvb2s');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const changed = rewrite(text);
        if (changed !== text) node.textContent = changed;
      }
      for (const input of root.querySelectorAll('input')) input.value = rewrite(input.value);
    },
    { ids: [...ids], selector },
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Notifications come and go with timing: never in the picture.
  await page.locator(selector).screenshot({
    path: join(SCREENSHOTS, name),
    animations: 'disabled',
    caret: 'hide',
    style: '.jp-toastContainer { display: none !important; }',
  });
}
