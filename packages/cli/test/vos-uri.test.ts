import { isVosUri, parseVosUri, VosUriError } from '../src/vos/uri.js';

describe('parseVosUri', () => {
  test('vault-style short form names a path under the root', () => {
    expect(parseVosUri('vos:alice/data/x.fits')).toEqual({ path: '/alice/data/x.fits' });
    expect(parseVosUri('vos:alice/data/')).toEqual({ path: '/alice/data' });
    expect(parseVosUri('vos:')).toEqual({ path: '/' });
  });

  test('explicit authority is kept apart from the path', () => {
    expect(parseVosUri('vos://cadc.nrc.ca!vault/alice/x')).toEqual({
      authority: 'cadc.nrc.ca!vault',
      path: '/alice/x',
    });
  });

  test('rejects non-vos input and parent segments', () => {
    expect(() => parseVosUri('/tmp/x')).toThrow(VosUriError);
    expect(() => parseVosUri('vos:alice/../bob')).toThrow(/'\.\.' is not allowed/);
  });

  test('isVosUri tells VOSpace locations from local paths', () => {
    expect(isVosUri('VOS:alice')).toBe(true);
    expect(isVosUri('./vos:alice')).toBe(false);
  });
});
