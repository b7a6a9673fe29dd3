// Query strings and form bodies from objects typed by the generated spec
// types, so a parameter's name and value type come from the spec, not from a
// string typed again by hand.

/** What a query or form field may hold: one value, several (repeated), or nothing. */
type Field = string | number | boolean | readonly (string | number)[] | undefined;

/** `fields` as URL search parameters (arrays repeat the name; `undefined` is left out). */
export function searchParams(fields: Readonly<Record<string, Field>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  return params;
}

/** Adds `fields` to `url`'s query (repeated for arrays); returns `url`. */
export function withQuery(url: URL, fields: Readonly<Record<string, Field>>): URL {
  for (const [name, value] of searchParams(fields)) url.searchParams.append(name, value);
  return url;
}
