/** The `host[:port]` of a URL, for showing where something runs; the input itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
