// A compact, read-only index of a bundle's valid people (person_id → people.csv line and family name), shared
// with worker threads through one SharedArrayBuffer. With it, a large first import resolves the people of
// exposures and bookings while checking them, so exposures are copied straight into their table and passenger
// lookup indexes are computed on the workers, instead of staging everything and joining in the database.
//
// About 35 bytes a person (hashes, line, offsets, person_id and family name as UTF-8), and about three times
// that while it is built; the importer only builds it up to MAX_INDEXED_PEOPLE (2 million: some 70 MB shared,
// 200 MB at the peak) and otherwise uses the staging path, so memory stays bounded whatever the size.
// Lookups compare the person_id itself after the hash, so a match is exact.

export const MAX_INDEXED_PEOPLE = 2_000_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** FNV-1a over UTF-16 code units, then a final avalanche: a well-spread 32-bit hash of a person_id. */
export function hashId(id: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * What a worker sends back for the valid people of one chunk. `rewards` holds two 32-bit hashes of each
 * rewards blind index (0, 0 for none), only to tell whether the duplicate check has anything to find.
 */
export type PeopleKeys = {
  hashes: Uint32Array;
  lines: Uint32Array;
  text: Uint8Array;
  idLengths: Uint16Array;
  familyLengths: Uint16Array;
  rewards: Uint32Array;
};

/** The length of `s` in UTF-8 as TextEncoder writes it (a lone surrogate becomes U+FFFD, three bytes). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: two code units, four bytes
      i++;
    } else n += 2;
  }
  return n;
}

// Texts are kept as strings and encoded once per chunk: a small Uint8Array per person_id and family name was a
// quarter of the people check's time.
export class PeopleKeysWriter {
  private hashes: number[] = [];
  private lines: number[] = [];
  private idLengths: number[] = [];
  private familyLengths: number[] = [];
  private rewards: number[] = [];
  private parts: string[] = [];

  add(id: string, line: number, family: string, rewardsBidx: string | null): void {
    const idBytes = utf8Length(id);
    const familyBytes = utf8Length(family);
    if (idBytes > 0xffff || familyBytes > 0xffff) return;
    this.hashes.push(hashId(id));
    this.lines.push(line);
    this.idLengths.push(idBytes);
    this.familyLengths.push(familyBytes);
    if (rewardsBidx) this.rewards.push(hashId(rewardsBidx) || 1, hashId(rewardsBidx, 0x9747b28c));
    else this.rewards.push(0, 0);
    this.parts.push(id, family);
  }

  finish(): PeopleKeys {
    // new TypedArray(array) copies directly; TypedArray.from(array) goes through the iterator protocol.
    return {
      hashes: new Uint32Array(this.hashes),
      lines: new Uint32Array(this.lines),
      text: encoder.encode(this.parts.join("")),
      idLengths: new Uint16Array(this.idLengths),
      familyLengths: new Uint16Array(this.familyLengths),
      rewards: new Uint32Array(this.rewards),
    };
  }
}

/** Collects the chunks' keys on the main thread, then lays the index out sorted by hash. */
export class PersonIndexBuilder {
  private chunks: PeopleKeys[] = [];
  count = 0;
  private textBytes = 0;

  add(keys: PeopleKeys): void {
    this.chunks.push(keys);
    this.count += keys.hashes.length;
    this.textBytes += keys.text.length;
  }

  /**
   * Whether the bundle-wide duplicate rules could find anything: false when no two valid people share a hash
   * of their person_id (or of their rewards index), which proves there is no duplicate to report.
   */
  mayHaveDuplicates(): { ids: boolean; rewards: boolean } {
    // person_ids: equal hashes are compared byte for byte, so only real duplicates count.
    const hashes = new Uint32Array(this.count);
    const chunkOf = new Uint32Array(this.count);
    const offsetOf = new Uint32Array(this.count);
    let i = 0;
    this.chunks.forEach((c, ci) => {
      let off = 0;
      for (let k = 0; k < c.hashes.length; k++, i++) {
        hashes[i] = c.hashes[k]!;
        chunkOf[i] = ci;
        offsetOf[i] = off;
        off += c.idLengths[k]! + c.familyLengths[k]!;
      }
    });
    const local = (e: number) => {
      // The entry's position in its chunk: entries are numbered chunk by chunk.
      let before = 0;
      for (let ci = 0; ci < chunkOf[e]!; ci++) before += this.chunks[ci]!.hashes.length;
      return e - before;
    };
    const sameId = (a: number, b: number) => {
      const ca = this.chunks[chunkOf[a]!]!;
      const cb = this.chunks[chunkOf[b]!]!;
      const la = ca.idLengths[local(a)]!;
      if (la !== cb.idLengths[local(b)]) return false;
      const [oa, ob] = [offsetOf[a]!, offsetOf[b]!];
      for (let j = 0; j < la; j++) if (ca.text[oa + j] !== cb.text[ob + j]) return false;
      return true;
    };
    const ids = anyPairInRuns(sortByHash(hashes), hashes, sameId);
    // Rewards: 64 bits of hash; two equal pairs are treated as a possible duplicate (the rule then decides).
    const first: number[] = [];
    const second: number[] = [];
    for (const c of this.chunks) {
      for (let k = 0; k < c.rewards.length; k += 2) {
        if (c.rewards[k] === 0) continue;
        first.push(c.rewards[k]!);
        second.push(c.rewards[k + 1]!);
      }
    }
    const h1 = Uint32Array.from(first);
    const rewards = anyPairInRuns(sortByHash(h1), h1, (a, b) => second[a] === second[b]);
    return { ids, rewards };
  }

  /**
   * Builds the shared index, leaving out `excluded` lines (people the bundle-wide rules rejected) and every
   * person_id that occurs more than once. Returns null when there are too many people to index.
   */
  build(excluded: { has(line: number): boolean }): SharedArrayBuffer | null {
    if (this.count > MAX_INDEXED_PEOPLE) return null;
    const n = this.count;
    const hashes = new Uint32Array(n);
    const lines = new Uint32Array(n);
    const offsets = new Uint32Array(n);
    const idLengths = new Uint16Array(n);
    const familyLengths = new Uint16Array(n);
    const text = new Uint8Array(this.textBytes);
    let i = 0;
    let t = 0;
    for (const c of this.chunks) {
      let local = 0;
      for (let k = 0; k < c.hashes.length; k++, i++) {
        hashes[i] = c.hashes[k]!;
        lines[i] = c.lines[k]!;
        offsets[i] = t + local;
        idLengths[i] = c.idLengths[k]!;
        familyLengths[i] = c.familyLengths[k]!;
        local += c.idLengths[k]! + c.familyLengths[k]!;
      }
      text.set(c.text, t);
      t += c.text.length;
    }
    this.chunks = [];
    const order = sortByHash(hashes);
    // Drop excluded lines and duplicated person_ids (equal hash and equal bytes).
    const keep: number[] = [];
    for (let a = 0; a < n; ) {
      let b = a + 1;
      while (b < n && hashes[order[b]!] === hashes[order[a]!]) b++;
      for (let x = a; x < b; x++) {
        const p = order[x]!;
        if (excluded.has(lines[p]!)) continue;
        let dup = false;
        for (let y = a; y < b && !dup; y++) {
          const q = order[y]!;
          dup = q !== p && sameBytes(text, offsets[p]!, idLengths[p]!, offsets[q]!, idLengths[q]!);
        }
        if (!dup) keep.push(p);
      }
      a = b;
    }
    return layout(keep, hashes, lines, offsets, idLengths, familyLengths, text);
  }
}

/** Whether, among entries with equal hashes (runs in `order`), some pair satisfies `same`. */
function anyPairInRuns(order: Uint32Array, hashes: Uint32Array, same: (a: number, b: number) => boolean): boolean {
  for (let a = 0; a < order.length; ) {
    let b = a + 1;
    while (b < order.length && hashes[order[b]!] === hashes[order[a]!]) b++;
    for (let x = a; x < b; x++) for (let y = x + 1; y < b; y++) if (same(order[x]!, order[y]!)) return true;
    a = b;
  }
  return false;
}

/** Entry numbers ordered by hash (then by entry, i.e. file order): a two-pass LSD radix sort, O(n). */
function sortByHash(hashes: Uint32Array): Uint32Array {
  const n = hashes.length;
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let i = 0; i < n; i++) counts[((hashes[order[i]!]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 0; b < 65536; b++) counts[b + 1]! += counts[b]!;
    for (let i = 0; i < n; i++) {
      const e = order[i]!;
      next[counts[(hashes[e]! >>> shift) & 0xffff]!++] = e;
    }
    [order, next] = [next, order];
  }
  return order;
}

function sameBytes(text: Uint8Array, a: number, alen: number, b: number, blen: number): boolean {
  if (alen !== blen) return false;
  for (let i = 0; i < alen; i++) if (text[a + i] !== text[b + i]) return false;
  return true;
}

// Layout: [count][hashes][lines][offsets][idLengths + familyLengths as uint32 pairs][text]
function layout(
  keep: number[],
  hashes: Uint32Array,
  lines: Uint32Array,
  offsets: Uint32Array,
  idLengths: Uint16Array,
  familyLengths: Uint16Array,
  text: Uint8Array,
): SharedArrayBuffer {
  const n = keep.length;
  let textBytes = 0;
  for (const p of keep) textBytes += idLengths[p]! + familyLengths[p]!;
  const sab = new SharedArrayBuffer(4 + n * 4 * 5 + textBytes);
  const head = new Uint32Array(sab, 0, 1 + n * 5);
  head[0] = n;
  const out = new Uint8Array(sab, 4 + n * 20);
  let t = 0;
  keep.forEach((p, k) => {
    head[1 + k] = hashes[p]!;
    head[1 + n + k] = lines[p]!;
    head[1 + 2 * n + k] = t;
    head[1 + 3 * n + k] = idLengths[p]!;
    head[1 + 4 * n + k] = familyLengths[p]!;
    const len = idLengths[p]! + familyLengths[p]!;
    out.set(text.subarray(offsets[p]!, offsets[p]! + len), t);
    t += len;
  });
  return sab;
}

/** The worker-side view: person_id → people.csv line and family name. */
export class PersonIndex {
  private readonly n: number;
  private readonly head: Uint32Array;
  private readonly text: Uint8Array;
  private readonly scratch = new Uint8Array(256);
  private lastId = "";
  private lastAt = -1;
  // Where each run of hashes sharing their top `bits` bits starts (a directory over the sorted hashes), so a
  // lookup reads a couple of neighbouring entries instead of binary-searching megabytes of random memory.
  private readonly shift: number;
  private readonly starts: Uint32Array;

  constructor(sab: SharedArrayBuffer) {
    this.n = new Uint32Array(sab, 0, 1)[0]!;
    this.head = new Uint32Array(sab, 4, this.n * 5);
    this.text = new Uint8Array(sab, 4 + this.n * 20);
    const bits = Math.min(22, Math.max(1, Math.floor(Math.log2(Math.max(this.n, 1)))));
    this.shift = 32 - bits;
    this.starts = new Uint32Array((1 << bits) + 1);
    let k = 0;
    for (let b = 0; b <= 1 << bits; b++) {
      // First entry whose top bits are >= b (the hashes are sorted ascending).
      while (k < this.n && this.head[k]! >>> this.shift < b) k++;
      this.starts[b] = k;
    }
  }

  /** The entry of a person_id, or -1. Consecutive lookups of the same id (exposures) are free. */
  find(id: string): number {
    if (id === this.lastId) return this.lastAt;
    const h = hashId(id);
    const { head, n } = this;
    const bucket = h >>> this.shift;
    let lo = this.starts[bucket]!;
    const end = this.starts[bucket + 1]!;
    while (lo < end && head[lo]! < h) lo++;
    let found = -1;
    if (lo < n && head[lo] === h) {
      const { written } = encoder.encodeInto(id, this.scratch);
      for (let k = lo; k < n && head[k] === h && found < 0; k++) {
        if (head[3 * n + k] === written && sameBytes2(this.text, head[2 * n + k]!, this.scratch, written)) found = k;
      }
    }
    this.lastId = id;
    this.lastAt = found;
    return found;
  }

  line(entry: number): number {
    return this.head[this.n + entry]!;
  }

  family(entry: number): string {
    const { head, n } = this;
    const start = head[2 * n + entry]! + head[3 * n + entry]!;
    // slice(): TextDecoder does not read shared memory.
    return decoder.decode(this.text.slice(start, start + head[4 * n + entry]!));
  }
}

function sameBytes2(text: Uint8Array, at: number, bytes: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (text[at + i] !== bytes[i]) return false;
  return true;
}
