// One SDK transfer in its own process, so its peak memory can be measured
// like curl's and vcp's: `node vos-transfer.js upload|download <vospace base> <node path> <local file>`,
// token in BENCH_TOKEN.
import { VoSpaceClient } from '@vobridge/sdk';
import { downloadFile, uploadFile } from '@vobridge/sdk/node';
import { bearerFetch } from './http.js';

const [mode, base, path, file] = process.argv.slice(2);
if (!mode || !base || !path || !file) throw new Error('usage: vos-transfer upload|download <base> <path> <file>');
const token = process.env.BENCH_TOKEN ?? '';
const client = new VoSpaceClient({ baseUrl: base, fetch: bearerFetch(token) });
if (mode === 'upload') await uploadFile(client, path, file);
else await downloadFile(client, path, file, { resume: false });
