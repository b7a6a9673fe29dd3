// Group membership read from a validated access token, for issuers that put
// groups in their tokens (WLCG, EGI Check-in, Keycloak-style `groups`), so a
// membership check needs no GMS round trip. Which claims count is decided
// per issuer by the caller: a claim is only as trustworthy as its issuer.

/** Group claims the SDK knows how to read. */
export type GroupClaim = 'wlcg.groups' | 'groups' | 'eduperson_entitlement';

/** Per issuer (`iss`), the claims trusted to carry group membership. */
export type TrustedGroupClaims = Readonly<Record<string, readonly GroupClaim[]>>;

const EGI_MEMBER = /^urn:mace:egi\.eu:group:([^#]+):role=member#aai\.egi\.eu$/;

/**
 * Normalizes a group name for comparison: `/vo/sub` and `vo/sub` are the
 * same group, and a GMS identifier `ivo://authority/gms?name` means `name`.
 */
export function normalizeGroup(group: string): string {
  const q = group.startsWith('ivo://') ? group.indexOf('?') : -1;
  const name = q >= 0 ? group.slice(q + 1) : group;
  return name.replace(/^\/+/, '').replace(/\/+$/, '');
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The groups a validated token's claims assert, or `undefined` when its
 * issuer is not trusted for groups or the token carries no trusted group
 * claim (then ask the GMS). An empty array means the token positively lists
 * no groups.
 *
 * EGI entitlements count only with `role=member`; `<vo>:<sub>` becomes `vo/sub`.
 */
export function groupsFromClaims(
  claims: Readonly<Record<string, unknown>>,
  trusted: TrustedGroupClaims,
): string[] | undefined {
  const iss = typeof claims.iss === 'string' ? claims.iss : undefined;
  const allowed = iss === undefined ? undefined : trusted[iss];
  if (!allowed) return undefined;
  let found = false;
  const groups = new Set<string>();
  for (const claim of allowed) {
    if (!(claim in claims)) continue;
    found = true;
    for (const v of strings(claims[claim])) {
      if (claim === 'eduperson_entitlement') {
        const m = EGI_MEMBER.exec(v);
        if (m?.[1]) groups.add(normalizeGroup(m[1].split(':').map(decodeURIComponent).join('/')));
      } else {
        groups.add(normalizeGroup(v));
      }
    }
  }
  return found ? [...groups] : undefined;
}
