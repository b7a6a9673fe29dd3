export { GmsClient, type Group, type GmsClientOptions } from './client.js';
export { groupsFromClaims, normalizeGroup, type GroupClaim, type TrustedGroupClaims } from './token-groups.js';
