import { formAction, formFields, TestBrowser } from './browser.js';

/**
 * Approves a device login the way a person would: opens
 * `verification_uri_complete`, confirms the code and signs in as `username`.
 * Resolves with the final page's text.
 */
export async function approveDeviceCode(
  platformUrl: string,
  verificationUriComplete: string,
  username: string,
  password: string,
): Promise<string> {
  const browser = new TestBrowser();
  const input = await browser.follow(verificationUriComplete, platformUrl);
  const inputHtml = await input.res.text();
  const confirm = await browser.follow(new URL(formAction(inputHtml), input.url).href, platformUrl, {
    method: 'POST',
    body: new URLSearchParams(formFields(inputHtml)),
  });
  const confirmHtml = await confirm.res.text();
  const login = await browser.follow(new URL(formAction(confirmHtml), confirm.url).href, platformUrl, {
    method: 'POST',
    body: new URLSearchParams(formFields(confirmHtml)),
  });
  const loginHtml = await login.res.text();
  const done = await browser.follow(new URL(formAction(loginHtml), login.url).href, platformUrl, {
    method: 'POST',
    body: new URLSearchParams({ username, password }),
  });
  return done.res.text();
}
