/** One text for one value: JSON with object keys in a fixed order, for hashes that must not depend on layout. */

/** Code-unit order: unlike localeCompare it does not depend on the machine's locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted (code-unit order) at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const source = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort(compareCodeUnits)
        .map((k) => [k, source[k]]),
    );
  });
}
