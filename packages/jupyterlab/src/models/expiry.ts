/** How close to expiry something is, for colouring and wording. */
export type ExpiryLevel = 'ok' | 'warning' | 'expired' | 'unknown';

/** A remaining lifetime, split for display. */
export interface Remaining {
  /** Seconds left (negative once expired); `undefined` when no expiry is known. */
  seconds: number | undefined;
  level: ExpiryLevel;
  /** Short human wording: "4 min", "1 h 5 min", "expired", "no expiry". */
  text: string;
}

/**
 * Remaining lifetime of something that expires at `expiresAt` (epoch
 * seconds; 0 or absent means unknown), seen at `nowMs`. It counts as a
 * warning once fewer than `marginSeconds` are left.
 */
export function remaining(expiresAt: number | undefined, nowMs: number, marginSeconds: number): Remaining {
  if (!expiresAt || !Number.isFinite(expiresAt)) {
    return { seconds: undefined, level: 'unknown', text: 'no expiry' };
  }
  const seconds = Math.floor(expiresAt - nowMs / 1000);
  if (seconds <= 0) return { seconds, level: 'expired', text: 'expired' };
  return { seconds, level: seconds < marginSeconds ? 'warning' : 'ok', text: formatDuration(seconds) };
}

/** Parse an ISO 8601 time (skaha `expiryTime`) to epoch seconds; `undefined` if absent or invalid. */
export function isoToEpoch(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** "45 s", "4 min", "1 h 5 min", "2 d 3 h": two units at most, rounded down. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
