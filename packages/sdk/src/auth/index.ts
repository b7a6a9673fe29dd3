export type { Challenge } from './challenges/challenge.js';
export { parseChallenges } from './challenges/parse.js';
export { serializeChallenges } from './challenges/serialize.js';
