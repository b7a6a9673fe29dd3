// One SDK transfer in its own process, so its peak memory can be measured
// like curl's and vcp's: `node vos-transfer.js upload|download <vospace base> <node path> <local file>`,
// token in BENCH_TOKEN. Credentials go the way the SDK's README shows: a
// bearer credential for the service's origin in an AuthFetch.
import { CredentialStore, VoSpaceClient, bearerCredential, createAuthFetch } from '@vobridge/sdk';
import { downloadFile, uploadFile } from '@vobridge/sdk/node';

const [mode, base, path, file] = process.argv.slice(2);
if (!mode || !base || !path || !file) throw new Error('usage: vos-transfer upload|download <base> <path> <file>');
const store = new CredentialStore();
store.set(new URL(base).origin, bearerCredential(process.env.BENCH_TOKEN ?? ''));
const client = new VoSpaceClient({ baseUrl: base, fetch: createAuthFetch({ store }) });
if (mode === 'upload') await uploadFile(client, path, file);
else await downloadFile(client, path, file, { resume: false });
