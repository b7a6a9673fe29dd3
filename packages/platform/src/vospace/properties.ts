// Core VOSpace 2.1 property URIs. `vls` needs `date` on every node, `vcp`
// compares `MD5` and `length` to skip identical transfers.

/** Property URIs the platform computes for every node. */
export const PROPERTY = {
  length: 'ivo://ivoa.net/vospace/core#length',
  md5: 'ivo://ivoa.net/vospace/core#MD5',
  date: 'ivo://ivoa.net/vospace/core#date',
  creator: 'ivo://ivoa.net/vospace/core#creator',
  type: 'ivo://ivoa.net/vospace/core#type',
} as const;

/** Properties clients may read but never set: the store derives them from the bytes. */
export const READ_ONLY_PROPERTIES: ReadonlySet<string> = new Set([
  PROPERTY.length,
  PROPERTY.md5,
  PROPERTY.date,
  PROPERTY.creator,
]);
