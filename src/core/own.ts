// Sites choose every string Cookie Lens looks up: a cookie named "constructor", a JWT whose "alg" is
// "__proto__", a SameSite value of "toString". A plain `table[key]` or `key in table` finds
// Object.prototype's members for those, so every table keyed by site data is read through `own`.

/** `table[key]` when the table itself has that key; undefined for anything inherited. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
