/**
 * Sets and maps for millions of members in a few bytes each, where a Set of strings or numbers would
 * take 50 to 80 (a 10,000,000-row import holds one entry per document) and a Map of numbers ~100.
 */

/**
 * Strings by a 32-bit hash: `has` is true for every member and, rarely, for a string that is not one
 * (about size / 2³² of the time). For a question whose "yes" is then checked elsewhere.
 */
export class StringHashSet {
  private table = new Uint32Array(1 << 10)
  private count = 0

  get size(): number {
    return this.count
  }

  /** the memory its table takes */
  get byteLength(): number {
    return this.table.byteLength
  }

  add(value: string): void {
    // up to three quarters full (probes stay short): 10,000,000 documents' keys fit in 64 MB, not 128
    if ((this.count + 1) * 4 > this.table.length * 3) this.grow()
    if (this.insert(this.table, hashOf(value))) this.count++
  }

  has(value: string): boolean {
    const hash = hashOf(value)
    const mask = this.table.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.table[slot]!
      if (stored === 0) return false
      if (stored === hash) return true
    }
  }

  /** False when the hash was there already. */
  private insert(table: Uint32Array, hash: number): boolean {
    const mask = table.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = table[slot]!
      if (stored === hash) return false
      if (stored === 0) {
        table[slot] = hash
        return true
      }
    }
  }

  private grow(): void {
    const table = new Uint32Array(this.table.length * 2)
    for (const hash of this.table) if (hash !== 0) this.insert(table, hash)
    this.table = table
  }
}

/**
 * Strings numbered in the order they were added (0, 1, 2 …), found again by value: what a
 * Map<string, number> beside an array of the strings does, in an open-addressing table of 8 bytes a
 * slot instead of the Map's 40 or more a member (an import numbers a million customers, in each of
 * two threads).
 */
export class StringIndex {
  /** the strings by their number */
  readonly keys: string[] = []
  /** number + 1 per slot (0: empty) */
  private slots = new Int32Array(1 << 10)
  /** the hash of the string in each slot: most probes that miss end without comparing strings */
  private hashes = new Uint32Array(1 << 10)

  get size(): number {
    return this.keys.length
  }

  /** The string's number, or undefined if it was never added. */
  get(key: string): number | undefined {
    const hash = hashOf(key)
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!
      if (entry === 0) return undefined
      if (this.hashes[slot] === hash && this.keys[entry - 1] === key) return entry - 1
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined
  }

  /** Numbers a string not added before (the caller knows it is new) and returns its number. */
  add(key: string): number {
    if ((this.keys.length + 1) * 4 > this.slots.length * 3) this.grow()
    const index = this.keys.length
    this.keys.push(key)
    this.place(hashOf(key), index + 1)
    return index
  }

  private place(hash: number, entry: number): void {
    const mask = this.slots.length - 1
    let slot = hash & mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask
    this.slots[slot] = entry
    this.hashes[slot] = hash
  }

  private grow(): void {
    const slots = this.slots
    const hashes = this.hashes
    this.slots = new Int32Array(slots.length * 2)
    this.hashes = new Uint32Array(slots.length * 2)
    for (let slot = 0; slot < slots.length; slot++)
      if (slots[slot] !== 0) this.place(hashes[slot]!, slots[slot]!)
  }
}

/** FNV-1a over the UTF-16 code units, never 0 (0 marks an empty slot). */
export function hashOf(value: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0 || 1
}

/** Non-negative integers (row ids) as bits: exact, one bit per id up to the largest. */
export class IdBitSet {
  private bits = new Uint8Array(1 << 10)

  add(id: number): void {
    const byte = id >>> 3
    if (byte >= this.bits.length) {
      let size = this.bits.length * 2
      while (size <= byte) size *= 2
      const bits = new Uint8Array(size)
      bits.set(this.bits)
      this.bits = bits
    }
    this.bits[byte] = this.bits[byte]! | (1 << (id & 7))
  }

  has(id: number): boolean {
    const byte = id >>> 3
    return byte < this.bits.length && (this.bits[byte]! & (1 << (id & 7))) !== 0
  }
}

/**
 * A number for each of many ids (database ids: small, dense integers), in an array indexed by the id:
 * 8 bytes per id up to the largest. `get` is null for an id never set.
 */
export class NumbersById {
  private values = new Float64Array(1 << 10).fill(Number.NaN)

  set(id: number, value: number): void {
    if (!Number.isInteger(id) || id < 0) throw new RangeError(`not an id: ${id}`)
    if (Number.isNaN(value)) throw new RangeError('NaN cannot be stored: it marks an id never set')
    if (id >= this.values.length) {
      let size = this.values.length * 2
      while (size <= id) size *= 2
      const values = new Float64Array(size).fill(Number.NaN)
      values.set(this.values)
      this.values = values
    }
    this.values[id] = value
  }

  get(id: number): number | null {
    const value = this.values[id]
    return value === undefined || Number.isNaN(value) ? null : value
  }
}
