/**
 * Sets a key the user wrote on a table: always an own, enumerable data property. Plain
 * assignment of `__proto__` would change the table's prototype instead (the key and everything
 * under it vanish from Object.keys, JSON and every writer); keys such as `constructor` or
 * `toString` are fine to assign, but go through here too so every copy loop reads the same.
 */
export function setOwn<T>(table: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(table, key, { value, enumerable: true, writable: true, configurable: true });
  } else table[key] = value;
}

/** The own value of `key`, never one inherited from Object.prototype (`constructor`, `toString`). */
export function getOwn<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
