/**
 * Small integer ids for join key tuples: the sequence engine's hot path on a first run, where
 * every candidate event's tuple is looked up once. Nested Maps (TupleMap) cost a Map per first
 * value and, per lookup, reads of the stored key strings of a bucket (cold: they belong to
 * events read long before); here the tuples live in one open-addressing table of typed arrays
 * with each tuple's hash beside its id, so a stored key is read only when the hashes agree.
 *
 * Equality is TupleMap's: SameValueZero per position (strings by content, NaN equal to NaN, 0
 * to -0), undefined taken as null. Tuples holding anything but strings, numbers, booleans and
 * null (objects from odd events) are kept in a TupleMap beside the table, under the same ids.
 */
import { TupleMap } from './keys.ts';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Characters hashed from each end of a long string (equality still compares all of it). */
const HASHED_ENDS = 32;

function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  const n = s.length;
  if (n <= 2 * HASHED_ENDS) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < HASHED_ENDS; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    for (let i = n - HASHED_ENDS; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return h;
}

function hashNumber(v: number): number {
  if (v === 0) return 0; // 0 and -0 are one key
  if (Number.isNaN(v)) return 0x7ff80000; // so is every NaN
  if ((v | 0) === v) return Math.imul(v, 0x9e3779b1);
  f64[0] = v;
  return Math.imul(u32[0] ^ Math.imul(u32[1], 0x85ebca6b), 0x9e3779b1);
}

/** Finalizer of MurmurHash3: spreads the bits, so the low ones can index the table. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class TupleIds {
  /** Flat tuple values: tuple `id` at [id * arity, (id + 1) * arity), undefined stored as null. */
  readonly values: unknown[] = [];
  /** Tuples given an id so far. */
  size = 0;
  /** Per slot: id + 1, or 0 when empty. */
  private slots = new Int32Array(64);
  /** Per id: its tuple's hash (unused for tuples kept in `others`). */
  private hashes = new Int32Array(32);
  private others: TupleMap<number> | undefined;
  /** Set by `hash` when the tuple holds a value it cannot hash. */
  private unhashable = false;

  constructor(private readonly arity: number) {}

  /** The id of `tuple`, given the next one when it has none yet. The caller may reuse its array. */
  idOf(tuple: readonly unknown[]): number {
    const h = this.hash(tuple);
    if (this.unhashable) {
      const others = (this.others ??= new TupleMap<number>(this.arity));
      const id = others.getOrSet(tuple, this.size);
      if (id === this.size) this.add(tuple, 0);
      return id;
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = slots[i];
      if (s === 0) {
        const id = this.add(tuple, h);
        slots[i] = id + 1;
        if (this.size * 2 > slots.length) this.grow();
        return id;
      }
      if (this.hashes[s - 1] === h && this.holds(s - 1, tuple)) return s - 1;
    }
  }

  /** The id of `tuple`, or -1 when it has none. */
  find(tuple: readonly unknown[]): number {
    const h = this.hash(tuple);
    if (this.unhashable) return this.others?.get(tuple) ?? -1;
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = slots[i];
      if (s === 0) return -1;
      if (this.hashes[s - 1] === h && this.holds(s - 1, tuple)) return s - 1;
    }
  }

  /** A new array holding the values of tuple `id`. */
  tupleAt(id: number): unknown[] {
    return this.values.slice(id * this.arity, (id + 1) * this.arity);
  }

  private hash(tuple: readonly unknown[]): number {
    this.unhashable = false;
    let h = 0x2545f491;
    for (let k = 0; k < this.arity; k++) {
      const v = tuple[k];
      let x: number;
      if (typeof v === 'string') x = hashString(v);
      else if (typeof v === 'number') x = hashNumber(v);
      else if (v === null || v === undefined) x = 0x51ed270b;
      else if (v === true) x = 0x3c6ef372;
      else if (v === false) x = 0x1b873593;
      else {
        this.unhashable = true;
        return 0;
      }
      h = Math.imul(h ^ x, 0x01000193) + k;
    }
    return mix(h);
  }

  private holds(id: number, tuple: readonly unknown[]): boolean {
    const at = id * this.arity;
    for (let k = 0; k < this.arity; k++) {
      const a = this.values[at + k];
      const b = tuple[k] ?? null;
      if (a !== b && !(typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b))) return false;
    }
    return true;
  }

  private add(tuple: readonly unknown[], h: number): number {
    const id = this.size++;
    if (id === this.hashes.length) {
      const bigger = new Int32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[id] = h;
    for (let k = 0; k < this.arity; k++) this.values.push(tuple[k] ?? null);
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let j = 0; j < this.slots.length; j++) {
      const s = this.slots[j];
      if (s === 0) continue;
      let i = this.hashes[s - 1] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = s;
    }
    this.slots = slots;
  }
}
