// The catalogue the `cone` job searches: the brightest stars in the sky with
// approximate J2000 positions (degrees) and V magnitudes. Small on purpose:
// it ships with the platform and makes results easy to check by hand.

/** One catalogue row. */
export interface Star {
  name: string;
  ra: number;
  dec: number;
  vmag: number;
}

/** Bright stars, brightest first. */
export const BRIGHT_STARS: readonly Star[] = [
  { name: 'Sirius', ra: 101.287, dec: -16.716, vmag: -1.46 },
  { name: 'Canopus', ra: 95.988, dec: -52.696, vmag: -0.74 },
  { name: 'Arcturus', ra: 213.915, dec: 19.182, vmag: -0.05 },
  { name: 'Vega', ra: 279.235, dec: 38.784, vmag: 0.03 },
  { name: 'Capella', ra: 79.172, dec: 45.998, vmag: 0.08 },
  { name: 'Rigel', ra: 78.634, dec: -8.202, vmag: 0.13 },
  { name: 'Procyon', ra: 114.826, dec: 5.225, vmag: 0.34 },
  { name: 'Betelgeuse', ra: 88.793, dec: 7.407, vmag: 0.42 },
  { name: 'Achernar', ra: 24.429, dec: -57.237, vmag: 0.46 },
  { name: 'Hadar', ra: 210.956, dec: -60.373, vmag: 0.61 },
  { name: 'Altair', ra: 297.696, dec: 8.868, vmag: 0.76 },
  { name: 'Acrux', ra: 186.65, dec: -63.099, vmag: 0.76 },
  { name: 'Aldebaran', ra: 68.98, dec: 16.509, vmag: 0.86 },
  { name: 'Antares', ra: 247.352, dec: -26.432, vmag: 0.96 },
  { name: 'Spica', ra: 201.298, dec: -11.161, vmag: 0.97 },
  { name: 'Pollux', ra: 116.329, dec: 28.026, vmag: 1.14 },
  { name: 'Fomalhaut', ra: 344.413, dec: -29.622, vmag: 1.16 },
  { name: 'Deneb', ra: 310.358, dec: 45.28, vmag: 1.25 },
  { name: 'Mimosa', ra: 191.93, dec: -59.689, vmag: 1.25 },
  { name: 'Regulus', ra: 152.093, dec: 11.967, vmag: 1.35 },
  { name: 'Adhara', ra: 104.656, dec: -28.972, vmag: 1.5 },
  { name: 'Castor', ra: 113.65, dec: 31.888, vmag: 1.58 },
  { name: 'Shaula', ra: 263.402, dec: -37.104, vmag: 1.62 },
  { name: 'Gacrux', ra: 187.791, dec: -57.113, vmag: 1.63 },
  { name: 'Bellatrix', ra: 81.283, dec: 6.35, vmag: 1.64 },
  { name: 'Elnath', ra: 81.573, dec: 28.608, vmag: 1.65 },
  { name: 'Miaplacidus', ra: 138.3, dec: -69.717, vmag: 1.67 },
  { name: 'Alnilam', ra: 84.053, dec: -1.202, vmag: 1.69 },
  { name: 'Alnair', ra: 332.058, dec: -46.961, vmag: 1.74 },
  { name: 'Alnitak', ra: 85.19, dec: -1.943, vmag: 1.77 },
  { name: 'Alioth', ra: 193.507, dec: 55.96, vmag: 1.77 },
  { name: 'Dubhe', ra: 165.932, dec: 61.751, vmag: 1.79 },
  { name: 'Mirfak', ra: 51.081, dec: 49.861, vmag: 1.79 },
  { name: 'Polaris', ra: 37.955, dec: 89.264, vmag: 1.98 },
  { name: 'Mintaka', ra: 83.002, dec: -0.299, vmag: 2.23 },
];
