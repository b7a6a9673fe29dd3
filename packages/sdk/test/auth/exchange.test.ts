import express from 'express';
import { ConfigurationError, OAuthError, exchangeToken, type OidcMetadata } from '../../src/index.js';
import { start, type Running } from './support/servers.js';

describe('exchangeToken (RFC 8693)', () => {
  let server: Running;
  let seen: Record<string, string> = {};
  beforeAll(async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/token', (req, res) => {
      seen = req.body as Record<string, string>;
      if (seen.subject_token !== 'subject')
        return void res.status(400).json({ error: 'invalid_grant', error_description: 'bad subject token' });
      res.json({
        access_token: 'exchanged',
        token_type: 'Bearer',
        expires_in: 60,
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      });
    });
    server = await start(app);
  });
  afterAll(() => server.close());

  const metadata = (): OidcMetadata => ({
    issuer: server.origin,
    token_endpoint: `${server.origin}/token`,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:token-exchange'],
  });

  it('sends the RFC 8693 parameters and returns the new token', async () => {
    const tokens = await exchangeToken({
      metadata: metadata(),
      clientId: 'broker',
      subjectToken: 'subject',
      audience: 'vospace',
      scope: 'vospace',
    });
    expect(tokens.access_token).toBe('exchanged');
    expect(seen).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'vospace',
      client_id: 'broker',
    });
  });

  it('maps refusals to OAuthError without echoing the token', async () => {
    const error = await exchangeToken({ metadata: metadata(), clientId: 'broker', subjectToken: 'wrong-secret' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as Error).message).not.toContain('wrong-secret');
  });

  it('refuses providers that do not announce the grant', async () => {
    await expect(
      exchangeToken({
        metadata: { ...metadata(), grant_types_supported: ['refresh_token'] },
        clientId: 'b',
        subjectToken: 's',
      }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });
});
