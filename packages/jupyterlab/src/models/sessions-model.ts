import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { PlatformSession, PlatformStatus, SessionsAcrossPlatforms } from '@vobridge/sdk/broker';
import { SESSION_GROUP_ORDER } from './session-order.js';

/** One row of the sidebar's flat (virtualised) list. */
export type SessionRow =
  | { kind: 'platform-down'; key: string; platform: string; error: string }
  | { kind: 'group'; key: string; type: string; count: number }
  | { kind: 'session'; key: string; session: PlatformSession };

/** Group order: the known types in a fixed order, then anything else alphabetically. */
function typeRank(type: string): number {
  const index = (SESSION_GROUP_ORDER as readonly string[]).indexOf(type);
  return index === -1 ? SESSION_GROUP_ORDER.length : index;
}

/**
 * Every session of every logged-in platform, grouped by type, plus which
 * platforms could not be listed. A platform that is down is reported as a
 * row of its own and does not hide the sessions of the others.
 */
export class SessionsModel {
  private _sessions: PlatformSession[] = [];
  private _platforms: PlatformStatus[] = [];
  private _rows: SessionRow[] = [];
  private _error: string | undefined;
  private readonly _changed = new Signal<this, void>(this);

  /** Emitted when the listing (or the error) changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** All sessions, in display order. */
  get sessions(): readonly PlatformSession[] {
    return this._sessions;
  }

  /** Per-platform listing status from the broker. */
  get platforms(): readonly PlatformStatus[] {
    return this._platforms;
  }

  /** Why the last listing failed as a whole (e.g. the broker is unreachable). */
  get error(): string | undefined {
    return this._error;
  }

  /** The flat list the sidebar renders: platform problems first, then each type's header and sessions. */
  get rows(): readonly SessionRow[] {
    return this._rows;
  }

  /** Find a session by platform and id. */
  find(platform: string, id: string): PlatformSession | undefined {
    return this._sessions.find((s) => s.platform === platform && s.id === id);
  }

  /** Replace the listing with a broker answer. */
  reset(answer: SessionsAcrossPlatforms): void {
    this._error = undefined;
    this._platforms = [...answer.platforms];
    this._setSessions(answer.sessions);
  }

  /**
   * Replace one platform's sessions with the listing a broker `sessions`
   * event carries (the platform answered, so it is no longer shown as down).
   */
  applyPlatform(platform: string, sessions: readonly PlatformSession[]): void {
    this._platforms = [...this._platforms.filter((p) => p.platform !== platform), { platform, ok: true }];
    this._setSessions([...this._sessions.filter((s) => s.platform !== platform), ...sessions]);
  }

  private _setSessions(sessions: readonly PlatformSession[]): void {
    this._sessions = [...sessions].sort(
      (a, b) =>
        typeRank(a.type) - typeRank(b.type) ||
        a.type.localeCompare(b.type) ||
        (a.name ?? '').localeCompare(b.name ?? '') ||
        a.id.localeCompare(b.id),
    );
    this._rows = this._buildRows();
    this._changed.emit();
  }

  /** Record that the listing failed as a whole, keeping the last known sessions. */
  fail(message: string): void {
    this._error = message;
    this._changed.emit();
  }

  /** Drop a session locally (after a successful delete, before the next listing). */
  remove(platform: string, id: string): void {
    const before = this._sessions.length;
    this._sessions = this._sessions.filter((s) => !(s.platform === platform && s.id === id));
    if (this._sessions.length === before) return;
    this._rows = this._buildRows();
    this._changed.emit();
  }

  private _buildRows(): SessionRow[] {
    const rows: SessionRow[] = [];
    for (const status of this._platforms) {
      if (!status.ok) {
        rows.push({
          kind: 'platform-down',
          key: `down:${status.platform}`,
          platform: status.platform,
          error: status.error ?? 'unreachable',
        });
      }
    }
    // Sessions are sorted by type, so each group is one contiguous run.
    let start = 0;
    while (start < this._sessions.length) {
      const type = this._sessions[start]!.type;
      let end = start;
      while (end < this._sessions.length && this._sessions[end]!.type === type) end++;
      rows.push({ kind: 'group', key: `group:${type}`, type, count: end - start });
      for (let i = start; i < end; i++) {
        const session = this._sessions[i]!;
        rows.push({ kind: 'session', key: `session:${session.platform}:${session.id}`, session });
      }
      start = end;
    }
    return rows;
  }
}
