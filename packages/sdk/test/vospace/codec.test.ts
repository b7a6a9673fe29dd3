import {
  ProtocolError,
  VOS_PROPERTY,
  parseNode,
  parseTransfer,
  serializeNode,
  serializeTransfer,
  type ContainerNode,
  type Node,
  type Transfer,
} from '../../src/index.js';
import { fixture } from '../xml/fixtures.js';

describe('parseNode on real documents', () => {
  test('vos client test container (xs prefix, single quotes, children)', () => {
    const node = parseNode(fixture('vospace/vos-container.xml')) as ContainerNode;
    expect(node.type).toBe('ContainerNode');
    expect(node.uri).toBe('vos://foo.com!vospace/bar');
    expect(node.properties[VOS_PROPERTY.description]).toBe('Stuff');
    expect(node.accepts).toEqual([]);
    expect(node.nodes.map((n) => [n.type, n.uri, n.properties[VOS_PROPERTY.date]])).toEqual([
      ['DataNode', 'vos://cadc.nrc.ca!vospace/mydir/file123', '2016-05-10T09:52:13'],
      ['DataNode', 'vos://cadc.nrc.ca!vospace/mydir/file456', '2016-05-19T09:52:14'],
    ]);
  });

  test('cavern listing: readOnly, busy, nested empty container', () => {
    const node = parseNode(fixture('vospace/cavern-home.xml')) as ContainerNode;
    expect(node.readOnly).toEqual([VOS_PROPERTY.creator, VOS_PROPERTY.length]);
    expect(node.properties[VOS_PROPERTY.length]).toBe('49335707583');
    const [npm, nb] = node.nodes;
    expect(npm).toMatchObject({ type: 'ContainerNode', nodes: [] });
    expect(nb).toMatchObject({ type: 'DataNode' });
    expect(nb?.properties[VOS_PROPERTY.md5]).toBe('0f343b0931126a20f133d67c2b018a3b');
  });
});

describe('serializeNode', () => {
  const nodes: Node[] = [
    {
      type: 'ContainerNode',
      uri: 'vos://example.org~vault/alice',
      properties: { [VOS_PROPERTY.date]: '2026-01-01T00:00:00.000', [VOS_PROPERTY.groupRead]: null },
      readOnly: [VOS_PROPERTY.date],
      accepts: [],
      provides: [],
      nodes: [
        {
          type: 'DataNode',
          uri: 'vos://example.org~vault/alice/a & b.txt',
          properties: { [VOS_PROPERTY.length]: '3' },
          busy: true,
          accepts: [],
          provides: [],
        },
        {
          type: 'LinkNode',
          uri: 'vos://example.org~vault/alice/l',
          properties: {},
          target: 'vos://example.org~vault/alice/a',
          accepts: [],
          provides: [],
        },
      ],
    },
    {
      type: 'StructuredDataNode',
      uri: 'vos://x~y/s',
      properties: {},
      accepts: ['ivo://ivoa.net/vospace/core#defaultview'],
      provides: [],
    },
  ];

  test.each(nodes.map((n) => [n.type, n] as const))('%s round-trips', (_t, node) => {
    expect(parseNode(serializeNode(node))).toEqual(node);
  });

  test('uses the literal vos prefix and xsi:type the vos client compares', () => {
    const xml = serializeNode(nodes[0]!);
    expect(xml).toMatch(
      /^<\?xml version="1.0"\?>\n<vos:node xmlns:vos="http:\/\/www.ivoa.net\/xml\/VOSpace\/v2.0" xmlns:xsi="http:\/\/www.w3.org\/2001\/XMLSchema-instance" xsi:type="vos:ContainerNode"/,
    );
    expect(xml).toContain(
      '<vos:node xsi:type="vos:DataNode" uri="vos://example.org~vault/alice/a &amp; b.txt" busy="true">',
    );
    expect(xml).toContain('xsi:nil="true"');
  });
});

describe('transfers', () => {
  test('the exact request cadcutils sends', () => {
    expect(parseTransfer(fixture('vospace/cadcutils-transfer-request.xml'))).toEqual({
      target: 'vos://cadc.nrc.ca~vault/alice/f.fits',
      direction: 'pullFromVoSpace',
      version: '2.1',
      protocols: [
        {
          uri: 'ivo://ivoa.net/vospace/core#httpsget',
          securityMethods: ['vos://cadc.nrc.ca~vospace/CADC/std/Auth#token-1.0'],
        },
        { uri: 'ivo://ivoa.net/vospace/core#httpsget' },
      ],
    });
  });

  test('negotiated answer with endpoints', () => {
    const t = parseTransfer(fixture('vospace/transfer-response.xml'));
    expect(t.protocols.map((p) => p.endpoint)).toEqual([
      'https://ws-uv.canfar.net/minoc/files/preauth:abc/cadc:vault/f.fits',
      'https://mirror.example.org/minoc/files/cadc:vault/f.fits',
    ]);
    expect(t.keepBytes).toBe(true);
  });

  test('move round-trips', () => {
    const move: Transfer = {
      target: 'vos://x~y/a',
      direction: 'vos://x~y/b',
      keepBytes: false,
      protocols: [],
      view: { uri: 'ivo://ivoa.net/vospace/core#defaultview', params: [{ uri: 'p', value: 'v' }] },
      params: [{ uri: 'q', value: '1' }],
      version: '2.1',
    };
    expect(parseTransfer(serializeTransfer(move))).toEqual(move);
  });
});

describe('errors name the element', () => {
  const cases: [string, string, string][] = [
    ['no xsi:type', '<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" uri="vos://a~b/c"/>', 'vos:node'],
    [
      'unknown type',
      '<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="vos:Folder" uri="vos://a~b/c"/>',
      'vos:node',
    ],
    [
      'link without target',
      '<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="vos:LinkNode" uri="vos://a~b/c"/>',
      'vos:node',
    ],
    [
      'property without uri',
      '<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="vos:DataNode" uri="vos://a~b/c"><vos:properties><vos:property>1</vos:property></vos:properties></vos:node>',
      'vos:property',
    ],
    ['truncated', '<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"><vos:properties>', 'vos:properties'],
  ];
  test.each(cases)('%s', (_name, xml, element) => {
    let err: unknown;
    try {
      parseNode(xml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as ProtocolError).element).toBe(element);
  });

  test('transfer without direction', () => {
    expect(() =>
      parseTransfer(
        '<vos:transfer xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"><vos:target>x</vos:target></vos:transfer>',
      ),
    ).toThrow(/direction/);
  });
});
