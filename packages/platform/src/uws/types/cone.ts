// A useful job: a cone search over a small bundled catalogue of bright stars.
// Parameters follow IVOA Simple Cone Search (RA, DEC, SR in degrees, MAXREC);
// the result is a VOTable, which pyvo and astropy read directly.

import { escapeXml } from '../../vosi/xml.js';
import { JobParameterError, numberParameter, type JobType } from '../job-type.js';
import { BRIGHT_STARS, type Star } from './bright-stars.js';

/** Default and largest MAXREC. */
const DEFAULT_MAXREC = 100;
const MAX_MAXREC = 10_000;

/** `cone` job list: `RA`, `DEC`, `SR` (degrees, required), `MAXREC`; result `result` (VOTable, nearest first). */
export const coneJob: JobType = {
  name: 'cone',
  validate(parameters) {
    readCone(parameters, false);
  },
  async run(job) {
    const cone = readCone(job.parameters, true);
    const matches = BRIGHT_STARS.map((star) => ({ star, distance: separation(cone.ra, cone.dec, star.ra, star.dec) }))
      .filter((m) => m.distance <= cone.sr)
      .sort((a, b) => a.distance - b.distance)
      .slice(0, cone.maxrec);
    await job.addResult('result', 'application/x-votable+xml', votable(matches));
  },
};

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
