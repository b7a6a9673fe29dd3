import { IVobridge } from '../src/tokens.js';
import { VobridgeService } from '../src/service.js';

describe('IVobridge', () => {
  it('names what other extensions require, and the service the plugin provides is one', () => {
    expect(IVobridge.name).toBe('@vobridge/jupyterlab:IVobridge');
    // Compile-time as much as run-time: the plugin's VobridgeService is an IVobridge.
    const shared: IVobridge = new VobridgeService();
    expect(shared.logins.logins).toEqual([]);
    expect(shared.sessions.sessions).toEqual([]);
    (shared as VobridgeService).dispose();
  });
});
