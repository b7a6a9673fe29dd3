import { createHash, randomBytes } from 'node:crypto';
import { Md5 } from '../../src/index.js';

// RFC 1321 test suite vectors.
const VECTORS: [string, string][] = [
  ['', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['abc', '900150983cd24fb0d6963f7d28e17f72'],
  ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
];

describe.each([
  ['native (Node)', false],
  ['portable (browsers)', true],
])('Md5, %s', (_name, portable) => {
  test.each(VECTORS)('md5(%j)', (input, hex) => {
    expect(new Md5(portable).update(new TextEncoder().encode(input)).hex()).toBe(hex);
  });

  test('chunked input gives the digest of the whole', () => {
    const data = randomBytes(3 * 65_536 + 17);
    const hash = new Md5(portable);
    for (let i = 0; i < data.length; i += 10_000) hash.update(data.subarray(i, i + 10_000));
    expect(hash.hex()).toBe(createHash('md5').update(data).digest('hex'));
  });
});
