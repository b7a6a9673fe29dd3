// Using @vobridge/sdk directly, without the broker: log in with the OIDC
// device flow (headless: approve on any device with a browser), list your
// sessions, and download a VOSpace file with a progress line and MD5 check.
//
//   npx tsc -p examples/ts && node examples/ts/dist/device-login-download.js \
//     http://127.0.0.1:8765 alice/data/image.fits ./image.fits

import {
  CredentialStore,
  SessionsClient,
  VoSpaceClient,
  createAuthFetch,
  discoverOidc,
  loginWithDeviceCode,
  oidcCredential,
  resolvePlatform,
} from '@vobridge/sdk';
import { downloadFile } from '@vobridge/sdk/node';

const [platformUrl, vosPath, destination] = process.argv.slice(2);
if (!platformUrl || !vosPath || !destination) {
  console.error('usage: device-login-download.js <platform-url> <vospace-path> <local-file>');
  process.exit(1);
}
// 1. Where the services live: the platform's registry (/reg/resource-caps), as cadcutils reads it.
const found = await resolvePlatform(platformUrl);
const platform = found.origin;
const service = (name: 'sessions' | 'vospace'): string => {
  const endpoint = found.services[name];
  if (!endpoint) throw new Error(`${platform} lists no ${name} service in its registry`);
  return endpoint.url;
};

// 2. Device flow: the platform's OIDC metadata, then a code for the user to approve.
const metadata = await discoverOidc(platform);
const client = { clientId: 'vobridge' };
const tokens = await loginWithDeviceCode({
  ...client,
  metadata,
  scope: 'openid offline_access',
  onVerification: (v) => {
    console.error(`Open ${v.verificationUri} and enter ${v.userCode}`);
    if (v.verificationUriComplete) console.error(`(or open ${v.verificationUriComplete})`);
  },
});

// 3. One authenticating fetch for every client: the credential goes only to
//    the origins the platform's registry declares, and refreshes itself with the refresh token.
const store = new CredentialStore();
const credential = oidcCredential(tokens, { ...client, metadata });
for (const origin of found.origins) store.set(origin, credential);
const fetch = createAuthFetch({ store });

// 4. Sessions.
const sessions = await new SessionsClient({ baseUrl: service('sessions'), fetch }).list();
console.log(`${sessions.length} session(s)`);
for (const s of sessions) console.log(`  ${s.id} ${s.type} ${s.status} ${s.connectURL ?? ''}`);

// 5. Download with progress; the MD5 is checked before the file appears.
const vospace = new VoSpaceClient({ baseUrl: service('vospace'), fetch });
let shown = -1;
const result = await downloadFile(vospace, vosPath, destination, {
  onProgress: ({ bytes, total }) => {
    const percent = total ? Math.floor((bytes / total) * 100) : 0;
    if (percent >= shown + 10 || (percent === 100 && shown !== 100)) {
      shown = percent;
      console.error(`downloading ${vosPath}: ${percent}%`);
    }
  },
});
console.log(`downloaded ${result.bytes} bytes to ${result.path} (MD5 ${result.md5 ?? 'not given'})`);
