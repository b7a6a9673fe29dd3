import { ProtocolError, parseCapabilities, serializeCapabilities, type Capability } from '../../src/index.js';
import { fixture } from './fixtures.js';

test('real GAVO TAP capabilities', () => {
  const caps = parseCapabilities(fixture('vosi/gavo-tap-capabilities.xml'));
  const tables = caps.find((c) => c.standardID === 'ivo://ivoa.net/std/VOSI#tables');
  expect(tables?.interfaces[0]).toEqual({
    accessURL: 'http://dc.zah.uni-heidelberg.de/__system__/tap/run/tableMetadata',
    use: 'full',
    type: 'vs:ParamHTTP',
    role: 'std',
    securityMethods: ['http://www.w3.org/Protocols/HTTP/1.0/spec.html#BasicAA'],
  });
  expect(caps.find((c) => c.standardID === 'ivo://ivoa.net/std/TAP')?.interfaces[0]?.accessURL).toBe(
    'http://dc.zah.uni-heidelberg.de/tap',
  );
});

test('interfaces with security methods (pyvo SIA2 fixture)', () => {
  const caps = parseCapabilities(fixture('vosi/pyvo-sia2-capabilities-priv.xml'));
  const sia = caps.find((c) => c.standardID === 'ivo://ivoa.net/std/SIA#query-2.0');
  expect(sia?.interfaces.map((i) => i.securityMethods[0])).toEqual([
    'ivo://ivoa.net/sso#BasicAA',
    'ivo://ivoa.net/sso#cookie',
    'ivo://ivoa.net/sso#tls-with-certificate',
  ]);
});

test('round trip, unqualified children, xsi on the root', () => {
  const caps: Capability[] = [
    {
      standardID: 'ivo://ivoa.net/std/VOSpace#sync-2.1',
      interfaces: [
        {
          accessURL: 'http://127.0.0.1:1/vault/synctrans',
          use: 'base',
          type: 'vs:ParamHTTP',
          role: 'std',
          securityMethods: [],
        },
        {
          accessURL: 'http://127.0.0.1:1/vault/synctrans',
          use: 'base',
          type: 'vs:ParamHTTP',
          role: 'std',
          securityMethods: ['ivo://ivoa.net/sso#token', 'ivo://ivoa.net/sso#cookie'],
        },
      ],
    },
  ];
  const xml = serializeCapabilities(caps);
  expect(xml).toContain('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
  expect(xml).toContain(
    '<capability standardID="ivo://ivoa.net/std/VOSpace#sync-2.1"><interface xsi:type="vs:ParamHTTP" role="std"><accessURL use="base">',
  );
  expect(parseCapabilities(xml)).toEqual(caps);
});

test('capability without standardID is a typed error naming it', () => {
  expect(() => parseCapabilities('<capabilities><capability/></capabilities>')).toThrow(ProtocolError);
  expect(() =>
    parseCapabilities('<capabilities><capability standardID="x"><interface/></capability></capabilities>'),
  ).toThrow(expect.objectContaining({ element: 'interface' }));
});
