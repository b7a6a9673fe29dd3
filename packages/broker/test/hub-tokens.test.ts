// The pure parts of the broker's JupyterHub login; the login itself runs against a real
// JupyterHub in packages/jupyterhub/tests (test_broker_through_hub.py) and test/browser.
import { hubEndpointFrom, outliving } from '../src/platform/hub-tokens.js';

describe('hubEndpointFrom', () => {
  test('is the hub API’s vobridge endpoint when the server runs under JupyterHub', () => {
    expect(hubEndpointFrom({ JUPYTERHUB_API_URL: 'http://hub:8081/hub/api', JUPYTERHUB_API_TOKEN: 'secret' })).toEqual({
      tokenUrl: 'http://hub:8081/hub/api/vobridge/token',
      apiToken: 'secret',
    });
    expect(
      hubEndpointFrom({ JUPYTERHUB_API_URL: 'https://example.org/prefix/hub/api/', JUPYTERHUB_API_TOKEN: 't' })
        ?.tokenUrl,
    ).toBe('https://example.org/prefix/hub/api/vobridge/token');
  });

  test('is nothing outside JupyterHub or for an API URL that is not http(s)', () => {
    expect(hubEndpointFrom({})).toBeUndefined();
    expect(hubEndpointFrom({ JUPYTERHUB_API_URL: 'http://hub:8081/hub/api' })).toBeUndefined();
    expect(hubEndpointFrom({ JUPYTERHUB_API_TOKEN: 't' })).toBeUndefined();
    expect(hubEndpointFrom({ JUPYTERHUB_API_URL: 'file:///etc', JUPYTERHUB_API_TOKEN: 't' })).toBeUndefined();
    expect(hubEndpointFrom({ JUPYTERHUB_API_URL: 'not a url', JUPYTERHUB_API_TOKEN: 't' })).toBeUndefined();
  });
});

describe('outliving', () => {
  test('asks the hub for a token that outlives the one held', () => {
    const now = 1_000_000;
    expect(outliving(now + 3_000, now)).toBe(4);
    expect(outliving(now - 5_000, now)).toBe(1);
    expect(outliving(undefined, now)).toBe(0);
  });
});
