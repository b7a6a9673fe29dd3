import type { PlatformSession } from '@vobridge/sdk/broker';
import { SessionsModel } from '../src/models/sessions-model.js';

const P1 = 'http://127.0.0.1:9001';
const P2 = 'http://127.0.0.1:9002';

function session(id: string, type: string, platform = P1): PlatformSession {
  return {
    id,
    type: type as PlatformSession['type'],
    platform,
    name: id,
    status: 'Running',
    userid: 'alice',
    image: `images.example.org/${type}:1`,
    startTime: '2026-12-01T00:00:00Z',
    expiryTime: '2026-12-05T00:00:00Z',
    connectURL: `${platform}/session/${type}/${id}/`,
  };
}

describe('SessionsModel', () => {
  it('groups sessions by type in a fixed type order', () => {
    const model = new SessionsModel();
    model.reset({
      platforms: [{ platform: P1, ok: true }],
      sessions: [
        session('n1', 'notebook'),
        session('f2', 'firefly'),
        session('z', 'weird'),
        session('c1', 'carta'),
        session('f1', 'firefly'),
      ],
    });
    expect(
      model.rows.map((r) =>
        r.kind === 'group' ? `[${r.type}:${r.count}]` : r.kind === 'session' ? r.session.id : r.kind,
      ),
    ).toEqual(['[firefly:2]', 'f1', 'f2', '[carta:1]', 'c1', '[notebook:1]', 'n1', '[weird:1]', 'z']);
  });

  it('shows a platform that is down without hiding the others', () => {
    const model = new SessionsModel();
    model.reset({
      platforms: [
        { platform: P1, ok: true },
        { platform: P2, ok: false, error: 'platform_unreachable' },
      ],
      sessions: [session('f1', 'firefly')],
    });
    expect(model.rows[0]).toEqual({
      kind: 'platform-down',
      key: `down:${P2}`,
      platform: P2,
      error: 'platform_unreachable',
    });
    expect(model.rows.filter((r) => r.kind === 'session')).toHaveLength(1);
  });

  it('keeps the last listing when a refresh fails as a whole', () => {
    const model = new SessionsModel();
    model.reset({ platforms: [], sessions: [session('f1', 'firefly')] });
    model.fail('broker unreachable');
    expect(model.error).toBe('broker unreachable');
    expect(model.sessions).toHaveLength(1);
    model.reset({ platforms: [], sessions: [] });
    expect(model.error).toBeUndefined();
  });

  it('removes one session by platform and id only', () => {
    const model = new SessionsModel();
    model.reset({ platforms: [], sessions: [session('same', 'firefly', P1), session('same', 'firefly', P2)] });
    model.remove(P1, 'same');
    expect(model.sessions.map((s) => s.platform)).toEqual([P2]);
    expect(model.find(P2, 'same')?.platform).toBe(P2);
    expect(model.find(P1, 'same')).toBeUndefined();
  });

  it('builds rows for 1 000 sessions with unique keys', () => {
    const model = new SessionsModel();
    const types = ['firefly', 'carta', 'notebook', 'desktop', 'headless'];
    const sessions = Array.from({ length: 1000 }, (_, i) =>
      session(`s${i}`, types[i % types.length]!, i % 2 ? P1 : P2),
    );
    model.reset({
      platforms: [
        { platform: P1, ok: true },
        { platform: P2, ok: true },
      ],
      sessions,
    });
    expect(model.rows).toHaveLength(1005);
    expect(new Set(model.rows.map((r) => r.key)).size).toBe(1005);
  });

  it("takes one platform's new listing from a broker event, leaving the others", () => {
    const model = new SessionsModel();
    model.reset({
      platforms: [
        { platform: P1, ok: true },
        { platform: P2, ok: false, error: 'platform_unreachable' },
      ],
      sessions: [session('a', 'carta', P1), session('b', 'firefly', P1)],
    });
    model.applyPlatform(P2, [session('c', 'carta', P2)]);
    expect(model.sessions.map((s) => s.id).sort()).toEqual(['a', 'b', 'c']);
    expect(model.rows.some((r) => r.kind === 'platform-down')).toBe(false);
    model.applyPlatform(P1, [session('b', 'firefly', P1)]);
    expect(model.sessions.map((s) => s.id).sort()).toEqual(['b', 'c']);
  });
});
