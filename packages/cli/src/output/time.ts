/**
 * An expiry in epoch seconds as a short relative phrase ("in 59m", "expired
 * 3h ago"); `-` when unknown (0 or absent, as the broker reports opaque tokens).
 */
export function formatExpiry(epochSeconds: number | undefined, nowMs: number = Date.now()): string {
  if (!epochSeconds) return '-';
  const delta = Math.round(epochSeconds - nowMs / 1000);
  return delta >= 0 ? `in ${formatDuration(delta)}` : `expired ${formatDuration(-delta)} ago`;
}

/** Seconds as the two largest units: `45s`, `12m 5s`, `3h 20m`, `2d 4h`. */
export function formatDuration(seconds: number): string {
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${name}`);
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? '0s' : parts.join(' ');
}
