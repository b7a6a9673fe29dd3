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
} from '@vobridge/sdk';
import { downloadFile } from '@vobridge/sdk/node';

const [platformUrl, vosPath, destination] = process.argv.slice(2);
if (!platformUrl || !vosPath || !destination) {
  console.error('usage: device-login-download.js <platform-url> <vospace-path> <local-file>');
  process.exit(1);
}
const platform = new URL(platformUrl).origin;

// 1. Device flow: the platform's OIDC metadata, then a code for the user to approve.
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

// 2. One authenticating fetch for every client: the credential goes only to
//    the platform's origin and refreshes itself with the refresh token.
const store = new CredentialStore();
store.set(platform, oidcCredential(tokens, { ...client, metadata }));
const fetch = createAuthFetch({ store });

// 3. Where the services live: the platform's index of services.
const index = (await (await globalThis.fetch(`${platform}/`)).json()) as {
  services: { name: string; baseUrl: string }[];
};
const service = (name: string): string => {
  const found = index.services.find((s) => s.name === name);
  if (!found) throw new Error(`${platform} has no ${name} service`);
  return found.baseUrl;
};

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
