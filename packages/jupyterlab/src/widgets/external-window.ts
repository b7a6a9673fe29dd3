/**
 * The address, if it is an absolute http(s) URL: anything else (`javascript:`,
 * `data:`, a relative path that would resolve inside JupyterLab) must never
 * reach `window.open` or a link. The SDK already refuses such URLs where it
 * parses a platform's answer; this keeps the page safe on its own.
 */
export function externalUrl(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/**
 * Opens a platform page in a new window that cannot reach back into
 * JupyterLab (`noopener,noreferrer`: no `window.opener`, no Referer with the
 * Jupyter URL). Returns `false` when the address is not an http(s) URL.
 */
export function openExternal(value: string | undefined, features = ''): boolean {
  const url = externalUrl(value);
  if (url === undefined) return false;
  window.open(url, '_blank', [features, 'noopener', 'noreferrer'].filter(Boolean).join(','));
  return true;
}
