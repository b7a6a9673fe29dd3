import { formatDuration, isoToEpoch, remaining } from '../src/models/expiry.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const nowS = NOW / 1000;

describe('remaining', () => {
  it('is unknown without an expiry', () => {
    expect(remaining(undefined, NOW, 300)).toEqual({ seconds: undefined, level: 'unknown', text: 'no expiry' });
    expect(remaining(0, NOW, 300).level).toBe('unknown');
  });

  it('counts down and warns inside the margin', () => {
    expect(remaining(nowS + 3600, NOW, 300)).toEqual({ seconds: 3600, level: 'ok', text: '1 h' });
    expect(remaining(nowS + 299, NOW, 300)).toEqual({ seconds: 299, level: 'warning', text: '4 min' });
    expect(remaining(nowS + 59, NOW, 300).text).toBe('59 s');
  });

  it('says expired at and after the deadline', () => {
    expect(remaining(nowS, NOW, 300).level).toBe('expired');
    expect(remaining(nowS - 10, NOW, 300)).toMatchObject({ level: 'expired', text: 'expired' });
  });
});

describe('formatDuration', () => {
  it('uses at most two units', () => {
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(2 * 86400 + 3 * 3600 + 59)).toBe('2 d 3 h');
    expect(formatDuration(86400)).toBe('1 d');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('isoToEpoch', () => {
  it('parses skaha times and rejects garbage', () => {
    expect(isoToEpoch('2026-03-18T02:24:06Z')).toBe(Date.UTC(2026, 2, 18, 2, 24, 6) / 1000);
    expect(isoToEpoch('not a date')).toBeUndefined();
    expect(isoToEpoch(undefined)).toBeUndefined();
  });
});
