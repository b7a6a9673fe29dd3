export { parseVosUri, isVosUri, VosUriError, type VosUri } from './vos/uri.js';
