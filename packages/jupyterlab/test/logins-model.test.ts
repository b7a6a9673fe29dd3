import type { BrokerLogin } from '@vobridge/sdk/broker';
import { LoginsModel } from '../src/models/logins-model.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const nowS = NOW / 1000;

function login(id: string, patch: Partial<BrokerLogin> = {}): BrokerLogin {
  return {
    id,
    platform: 'http://127.0.0.1:9000',
    user: 'alice',
    method: 'password',
    scopes: [],
    state: 'active',
    expires_at: nowS + 3600,
    ...patch,
  };
}

describe('LoginsModel', () => {
  it('has no health without logins', () => {
    expect(new LoginsModel().health(NOW)).toBe('none');
  });

  it('lists logins sorted by platform and emits on change', () => {
    const model = new LoginsModel();
    let changes = 0;
    model.changed.connect(() => changes++);
    model.reset([login('b', { platform: 'https://z.example' }), login('a', { platform: 'https://a.example' })]);
    expect(model.logins.map((l) => l.id)).toEqual(['a', 'b']);
    expect(changes).toBe(1);
    expect(model.health(NOW)).toBe('ok');
  });

  it('warns inside the refresh margin and turns red on a refresh failure', () => {
    const model = new LoginsModel(300);
    model.reset([login('a', { expires_at: nowS + 120 })]);
    expect(model.health(NOW)).toBe('warning');
    expect(
      model.apply({ type: 'refresh_failed', id: 'a', error: 'login_required', message: 'refresh token rejected' }),
    ).toBe(true);
    expect(model.health(NOW)).toBe('failed');
    expect(model.views(NOW)[0]?.problem).toBe('refresh token rejected');
    // A later successful refresh clears the problem.
    model.apply({ type: 'login', id: 'a', login: login('a', { expires_at: nowS + 3600 }) });
    expect(model.health(NOW)).toBe('ok');
  });

  it('applies expiring, login and logout events', () => {
    const model = new LoginsModel();
    model.apply({ type: 'login', id: 'a', login: login('a') });
    model.apply({ type: 'expiring', id: 'a', expires_at: nowS + 10 });
    expect(model.views(NOW)[0]?.remaining.seconds).toBe(10);
    model.apply({ type: 'login', id: 'a' });
    expect(model.logins).toEqual([]);
  });

  it('ignores events that do not concern it', () => {
    const model = new LoginsModel();
    expect(model.apply({ type: 'sessions', platform: 'x' })).toBe(false);
    expect(model.apply({ type: 'expiring', id: 'unknown', expires_at: 1 })).toBe(false);
    expect(model.apply({ type: 'login' })).toBe(false);
  });

  it('does not count pending logins, and treats expired or failed logins as failed', () => {
    const model = new LoginsModel();
    model.reset([login('p', { state: 'pending', expires_at: 0 })]);
    expect(model.health(NOW)).toBe('none');
    model.reset([login('e', { state: 'expired' })]);
    expect(model.health(NOW)).toBe('failed');
  });
});
