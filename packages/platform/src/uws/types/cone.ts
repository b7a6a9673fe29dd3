// A useful job: a cone search over a small bundled catalogue of bright stars.
// Parameters follow IVOA Simple Cone Search (RA, DEC, SR in degrees, MAXREC);
// the result is a VOTable, which pyvo and astropy read directly. With DEST
// (a `vos://` URI) the job also stores the table in the owner's VOSpace,
// over HTTP with a delegated token: the job acts as its owner, and the
// token's `act` claim says that it is the job runner doing so.

import { createHash } from 'node:crypto';
import type { OutboundRequest } from '../../tls/outbound.js';
import { escapeXml } from '../../vosi/xml.js';
import { InvalidPathError, formatNodePath } from '../../vospace/path.js';
import { parseNodeUri } from '../../vospace/uri.js';
import {
  JobFailure,
  JobParameterError,
  numberParameter,
  single,
  type JobParameters,
  type JobType,
} from '../job-type.js';
import { BRIGHT_STARS, type Star } from './bright-stars.js';

/** Where the cone job can store results. */
export interface ConeJobOptions {
  /** Base URL of the platform's VOSpace (`<platform>/vospace`). */
  vospaceUrl: string;
  /** How the job calls VOSpace (trusting the platform's own CA under `--tls`). */
  request: OutboundRequest;
}

/** Default and largest MAXREC. */
const DEFAULT_MAXREC = 100;
const MAX_MAXREC = 10_000;

/**
 * `cone` job list: `RA`, `DEC`, `SR` (degrees, required), `MAXREC`, and
 * optionally `DEST`, a `vos://` URI in the owner's space to store the table
 * at; result `result` (VOTable, nearest first).
 */
export function coneJob(options: ConeJobOptions): JobType {
  return {
    name: 'cone',
    delegation: { audience: options.vospaceUrl, actor: 'vobridge-uws/cone' },
    validate(parameters) {
      readCone(parameters, false);
      destination(parameters);
    },
    async run(job) {
      const cone = readCone(job.parameters, true);
      const matches = BRIGHT_STARS.map((star) => ({ star, distance: separation(cone.ra, cone.dec, star.ra, star.dec) }))
        .filter((m) => m.distance <= cone.sr)
        .sort((a, b) => a.distance - b.distance)
        .slice(0, cone.maxrec);
      const table = votable(matches);
      const dest = destination(job.parameters);
      if (dest !== undefined) {
        if (job.credential === undefined)
          throw new JobFailure(
            'no delegated credential to write DEST (the platform restarted since the job was created); create the job again',
          );
        await store(options.request, `${options.vospaceUrl}/data${dest}`, table, job.credential, job.signal);
      }
      await job.addResult('result', 'application/x-votable+xml', table);
    },
  };
}

/** The node path DEST names, if given. */
function destination(parameters: JobParameters): string | undefined {
  const raw = single(parameters, 'DEST');
  if (raw === undefined) return undefined;
  try {
    const path = parseNodeUri(raw);
    if (path.segments.length < 2) throw new JobParameterError('DEST must name a node inside your home container');
    return formatNodePath(path);
  } catch (err) {
    if (err instanceof InvalidPathError) throw new JobParameterError(`DEST is not a valid vos:// URI: ${err.message}`);
    throw err;
  }
}

/** PUTs the table to the VOSpace data endpoint as the owner, checked by its digest. */
async function store(
  request: OutboundRequest,
  url: string,
  content: string,
  token: string,
  signal: AbortSignal,
): Promise<void> {
  const digest = `md5=${createHash('md5').update(content).digest('base64')}`;
  const res = await request(url, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-votable+xml', digest },
    body: content,
    signal,
  });
  if (res.status !== 200 && res.status !== 201) {
    const detail = res.text.trim().slice(0, 200);
    throw new JobFailure(`storing the table at DEST failed: HTTP ${res.status} ${detail}`);
  }
}

interface Cone {
  ra: number;
  dec: number;
  sr: number;
  maxrec: number;
}

/** Reads the cone; at creation the position may still be missing (set later with POST parameters). */
function readCone(parameters: Parameters<JobType['validate']>[0], complete: boolean): Cone {
  const ra = numberParameter(parameters, 'RA', 0, 360);
  const dec = numberParameter(parameters, 'DEC', -90, 90);
  const sr = numberParameter(parameters, 'SR', 0, 180);
  const maxrec = numberParameter(parameters, 'MAXREC', 0, MAX_MAXREC) ?? DEFAULT_MAXREC;
  if (!Number.isInteger(maxrec)) throw new JobParameterError('MAXREC must be a whole number');
  if (complete && (ra === undefined || dec === undefined || sr === undefined)) {
    throw new JobParameterError('RA, DEC and SR (degrees) are required');
  }
  return { ra: ra ?? 0, dec: dec ?? 0, sr: sr ?? 0, maxrec };
}

/** Angular distance in degrees (haversine: stable for small separations). */
function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const rad = Math.PI / 180;
  const dDec = (dec2 - dec1) * rad;
  const dRa = (ra2 - ra1) * rad;
  const h = Math.sin(dDec / 2) ** 2 + Math.cos(dec1 * rad) * Math.cos(dec2 * rad) * Math.sin(dRa / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / rad;
}

function votable(rows: readonly { star: Star; distance: number }[]): string {
  const body = rows
    .map(
      ({ star, distance }) =>
        `        <TR><TD>${escapeXml(star.name)}</TD><TD>${star.ra}</TD><TD>${star.dec}</TD><TD>${star.vmag}</TD><TD>${distance.toFixed(6)}</TD></TR>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
  <RESOURCE type="results">
    <INFO name="QUERY_STATUS" value="OK"/>
    <TABLE name="bright_stars">
      <DESCRIPTION>Bright stars within the cone, nearest first (approximate J2000 positions)</DESCRIPTION>
      <FIELD name="name" datatype="char" arraysize="*" ucd="meta.id;meta.main"/>
      <FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/>
      <FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main"/>
      <FIELD name="vmag" datatype="double" unit="mag" ucd="phot.mag;em.opt.V"/>
      <FIELD name="distance" datatype="double" unit="deg" ucd="pos.angDistance"/>
      <DATA>
        <TABLEDATA>
${body}
        </TABLEDATA>
      </DATA>
    </TABLE>
  </RESOURCE>
</VOTABLE>
`;
}
