/**
 * A small promise wrapper over one IndexedDB object store of string-keyed records. Every call
 * either resolves or rejects with the browser's error (quota, blocked, private mode…), so the
 * caller can show a warning and carry on.
 */

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export class RecordStore {
  private constructor(
    private readonly db: IDBDatabase,
    private readonly storeName: string,
  ) {}

  static open(dbName: string, storeName: string): Promise<RecordStore> {
    if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available in this browser'));
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
    };
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(new RecordStore(request.result, storeName));
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
  }

  async getAll<T>(): Promise<Map<string, T>> {
    const store = this.db.transaction(this.storeName, 'readonly').objectStore(this.storeName);
    const [keys, values] = await Promise.all([requestResult(store.getAllKeys()), requestResult(store.getAll())]);
    return new Map(keys.map((key, i) => [String(key), values[i] as T]));
  }

  /** Writes and deletes in one transaction: either all land or none. */
  write(puts: ReadonlyMap<string, unknown>, deletes: Iterable<string> = []): Promise<void> {
    // Relaxed durability: a draft store does not need an fsync per keystroke; the OS still flushes.
    const tx = this.db.transaction(this.storeName, 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore(this.storeName);
    for (const [key, value] of puts) store.put(value, key);
    for (const key of deletes) store.delete(key);
    return transactionDone(tx);
  }
}
