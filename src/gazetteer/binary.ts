// The embedded gazetteer's file format: one little-endian binary file whose sections are typed arrays, used in place
// (no parsing at load: a process maps the columns over the file's bytes and materialises a place only when a lookup
// returns it). Name lookups go through open-addressing hash tables of UTF-8 keys (FNV-1a), stored in the file too.
//
// Layout: "SRGZ", format version (u32), the 40-character build stamp (ASCII), the number of places, the longest key
// in words, the section count, then per section (offset, byte length) as u32 pairs; every section starts on an
// 8-byte boundary. Sections, in order (see SECTIONS): the place columns (id, lat and lon ×1e5, population, capital
// id, indices into a string table for "class.code", country, admin1, admin2), the names (offsets + UTF-8 blob), the
// string table, the name-key index and the skeleton index (each: key offsets, key blob, posting offsets, postings
// of place indices, hash table of entry+1), and the demonyms (key offsets, key blob, place indices).
import type { GazPlace } from './gazetteer.js';

export const BINARY_MAGIC = 'SRGZ';
export const BINARY_VERSION = 1;

export const SECTIONS = [
  'id', 'lat', 'lon', 'pop', 'capital', 'code', 'cc', 'a1', 'a2', 'nameOff', 'names', 'strOff', 'strs',
  'keyOff', 'keys', 'keyPostOff', 'keyPost', 'keyTable',
  'skelOff', 'skels', 'skelPostOff', 'skelPost', 'skelTable',
  'demOff', 'dems', 'demPlace', 'idSorted', 'idSortedIdx',
] as const;
type Section = (typeof SECTIONS)[number];

/** A place with the name keys and skeletons it is found under. */
export interface EncodablePlace extends GazPlace {
  keys: string[];
  skeletons: string[];
}

const enc = new TextEncoder();

/** FNV-1a over bytes [0, n). */
export function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function blob(strings: string[]): { off: Uint32Array; bytes: Uint8Array } {
  const parts = strings.map((s) => enc.encode(s));
  const off = new Uint32Array(strings.length + 1);
  let n = 0;
  parts.forEach((p, i) => {
    off[i] = n;
    n += p.length;
  });
  off[strings.length] = n;
  const bytes = new Uint8Array(n);
  parts.forEach((p, i) => bytes.set(p, off[i]!));
  return { off, bytes };
}

function index(map: Map<string, number[]>): Record<'off' | 'keys' | 'postOff' | 'post' | 'table', Uint8Array> {
  const keys = [...map.keys()];
  const b = blob(keys);
  const postOff = new Uint32Array(keys.length + 1);
  let n = 0;
  keys.forEach((k, i) => {
    postOff[i] = n;
    n += map.get(k)!.length;
  });
  postOff[keys.length] = n;
  const post = new Int32Array(n);
  keys.forEach((k, i) => post.set(map.get(k)!, postOff[i]!));
  let size = 1;
  while (size < keys.length * 2) size <<= 1;
  const table = new Uint32Array(size);
  keys.forEach((_, i) => {
    let h = fnv1a(b.bytes, b.off[i]!, b.off[i + 1]!) & (size - 1);
    while (table[h] !== 0) h = (h + 1) & (size - 1);
    table[h] = i + 1;
  });
  return { off: u8(b.off), keys: b.bytes, postOff: u8(postOff), post: u8(post), table: u8(table) };
}

const u8 = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Encodes places and demonyms (key -> place index) into the binary format. */
export function encodeGazetteer(places: EncodablePlace[], demonyms: [string, number][], stamp: string, maxKeyWords: number): Uint8Array {
  const n = places.length;
  const strs: string[] = [];
  const strIdx = new Map<string, number>();
  const str = (s: string): number => {
    let i = strIdx.get(s);
    if (i === undefined) {
      i = strs.length;
      strs.push(s);
      strIdx.set(s, i);
    }
    return i;
  };
  const col = {
    id: new Int32Array(n),
    lat: new Int32Array(n),
    lon: new Int32Array(n),
    pop: new Float64Array(n),
    capital: new Int32Array(n),
    code: new Uint32Array(n),
    cc: new Uint32Array(n),
    a1: new Uint32Array(n),
    a2: new Uint32Array(n),
  };
  const keyMap = new Map<string, number[]>();
  const skelMap = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number): void => {
    const l = m.get(k);
    if (!l) m.set(k, [i]);
    else if (l[l.length - 1] !== i) l.push(i);
  };
  places.forEach((p, i) => {
    col.id[i] = p.id;
    col.lat[i] = Math.round(p.lat * 1e5);
    col.lon[i] = Math.round(p.lon * 1e5);
    col.pop[i] = p.pop;
    col.capital[i] = p.capital ?? 0;
    col.code[i] = str(`${p.fclass}.${p.fcode}`);
    col.cc[i] = str(p.cc);
    col.a1[i] = str(p.a1);
    col.a2[i] = str(p.a2);
    for (const k of p.keys) push(keyMap, k, i);
    for (const k of p.skeletons) push(skelMap, k, i);
  });
  const names = blob(places.map((p) => p.name));
  // Place indices ordered by id (then index): binary search finds a place by GeoNames id, the first entry on ties.
  const byId = places.map((_, i) => i).sort((a, b) => places[a]!.id - places[b]!.id || a - b);
  const st = blob(strs);
  const ki = index(keyMap);
  const si = index(skelMap);
  const dem = blob(demonyms.map((d) => d[0]));
  const sections: Record<Section, Uint8Array> = {
    id: u8(col.id), lat: u8(col.lat), lon: u8(col.lon), pop: u8(col.pop), capital: u8(col.capital), code: u8(col.code), cc: u8(col.cc), a1: u8(col.a1), a2: u8(col.a2),
    nameOff: u8(names.off), names: names.bytes, strOff: u8(st.off), strs: st.bytes,
    keyOff: ki.off, keys: ki.keys, keyPostOff: ki.postOff, keyPost: ki.post, keyTable: ki.table,
    skelOff: si.off, skels: si.keys, skelPostOff: si.postOff, skelPost: si.post, skelTable: si.table,
    demOff: u8(dem.off), dems: dem.bytes, demPlace: u8(Int32Array.from(demonyms.map((d) => d[1]))),
    idSorted: u8(Int32Array.from(byId.map((i) => places[i]!.id))), idSortedIdx: u8(Int32Array.from(byId)),
  };
  const headerLen = align(4 + 4 + 40 + 4 * 3 + SECTIONS.length * 8);
  let total = headerLen;
  const offsets: number[] = [];
  for (const s of SECTIONS) {
    offsets.push(total);
    total = align(total + sections[s].byteLength);
  }
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set(enc.encode(BINARY_MAGIC), 0);
  dv.setUint32(4, BINARY_VERSION, true);
  out.set(enc.encode(stamp.padEnd(40).slice(0, 40)), 8);
  dv.setUint32(48, n, true);
  dv.setUint32(52, maxKeyWords, true);
  dv.setUint32(56, SECTIONS.length, true);
  SECTIONS.forEach((s, i) => {
    dv.setUint32(60 + i * 8, offsets[i]!, true);
    dv.setUint32(64 + i * 8, sections[s].byteLength, true);
    out.set(sections[s], offsets[i]!);
  });
  return out;
}

function align(x: number): number {
  return (x + 7) & ~7;
}

/** The build stamp of an encoded file ("" when the bytes are not one). */
export function binaryStamp(head: Uint8Array): string {
  if (head.byteLength < 48 || new TextDecoder().decode(head.subarray(0, 4)) !== BINARY_MAGIC) return '';
  if (new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(4, true) !== BINARY_VERSION) return '';
  return new TextDecoder().decode(head.subarray(8, 48)).trim();
}

/** Typed-array views over an encoded file (copied once if its bytes are not 8-byte aligned). */
export class BinaryGazetteer {
  readonly n: number;
  readonly maxKeyWords: number;
  readonly id: Int32Array;
  readonly lat: Int32Array;
  readonly lon: Int32Array;
  readonly pop: Float64Array;
  readonly capital: Int32Array;
  readonly code: Uint32Array;
  readonly cc: Uint32Array;
  readonly a1: Uint32Array;
  readonly a2: Uint32Array;
  private readonly nameOff: Uint32Array;
  private readonly names: Uint8Array;
  private readonly strTable: string[];
  private readonly key: HashIndex;
  private readonly skel: HashIndex;
  readonly demonyms: Map<string, number>;
  private readonly idSorted: Int32Array;
  private readonly idSortedIdx: Int32Array;
  private readonly dec = new TextDecoder();

  constructor(bytes: Uint8Array) {
    if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
    if (bytes.byteLength < 60 || new TextDecoder().decode(bytes.subarray(0, 4)) !== BINARY_MAGIC) throw new Error('not a sitrep gazetteer file: rebuild it with "npm run build"');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = dv.getUint32(4, true);
    if (version !== BINARY_VERSION) throw new Error(`gazetteer file format ${version}, expected ${BINARY_VERSION}: rebuild it with "npm run build"`);
    this.n = dv.getUint32(48, true);
    this.maxKeyWords = dv.getUint32(52, true);
    const count = dv.getUint32(56, true);
    if (count !== SECTIONS.length) throw new Error('gazetteer file has an unexpected section count: rebuild it with "npm run build"');
    const sec = {} as Record<Section, [number, number]>;
    SECTIONS.forEach((s, i) => {
      sec[s] = [dv.getUint32(60 + i * 8, true), dv.getUint32(64 + i * 8, true)];
    });
    const buf = bytes.buffer;
    const base = bytes.byteOffset;
    const i32 = (s: Section): Int32Array => new Int32Array(buf, base + sec[s][0], sec[s][1] / 4);
    const u32 = (s: Section): Uint32Array => new Uint32Array(buf, base + sec[s][0], sec[s][1] / 4);
    const raw = (s: Section): Uint8Array => new Uint8Array(buf, base + sec[s][0], sec[s][1]);
    this.id = i32('id');
    this.lat = i32('lat');
    this.lon = i32('lon');
    this.pop = new Float64Array(buf, base + sec.pop[0], sec.pop[1] / 8);
    this.capital = i32('capital');
    this.code = u32('code');
    this.cc = u32('cc');
    this.a1 = u32('a1');
    this.a2 = u32('a2');
    this.nameOff = u32('nameOff');
    this.names = raw('names');
    const strOff = u32('strOff');
    const strs = raw('strs');
    this.strTable = [];
    for (let i = 0; i + 1 < strOff.length; i++) this.strTable.push(this.dec.decode(strs.subarray(strOff[i]!, strOff[i + 1]!)));
    this.key = new HashIndex(u32('keyOff'), raw('keys'), u32('keyPostOff'), i32('keyPost'), u32('keyTable'));
    this.skel = new HashIndex(u32('skelOff'), raw('skels'), u32('skelPostOff'), i32('skelPost'), u32('skelTable'));
    this.idSorted = i32('idSorted');
    this.idSortedIdx = i32('idSortedIdx');
    const demOff = u32('demOff');
    const dems = raw('dems');
    const demPlace = i32('demPlace');
    this.demonyms = new Map();
    for (let i = 0; i < demPlace.length; i++) this.demonyms.set(this.dec.decode(dems.subarray(demOff[i]!, demOff[i + 1]!)), demPlace[i]!);
  }

  /** The index of the (first) place with this id, or -1. */
  indexOfId(id: number): number {
    let lo = 0;
    let hi = this.idSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.idSorted[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.idSorted.length && this.idSorted[lo] === id ? this.idSortedIdx[lo]! : -1;
  }

  str(i: number): string {
    return this.strTable[i]!;
  }

  name(i: number): string {
    return this.dec.decode(this.names.subarray(this.nameOff[i]!, this.nameOff[i + 1]!));
  }

  /** Place indices under a name key. */
  byKey(key: string): Int32Array | null {
    return this.key.get(key);
  }

  bySkeleton(s: string): Int32Array | null {
    return this.skel.get(s);
  }

  /** Every key and skeleton entry (for tests and statistics). */
  get keyCount(): number {
    return this.key.size;
  }
}

const scratch = new Uint8Array(4096);

class HashIndex {
  private readonly mask: number;
  constructor(
    private readonly off: Uint32Array,
    private readonly keys: Uint8Array,
    private readonly postOff: Uint32Array,
    private readonly post: Int32Array,
    private readonly table: Uint32Array,
  ) {
    this.mask = table.length - 1;
  }

  get size(): number {
    return this.off.length - 1;
  }

  get(key: string): Int32Array | null {
    if (this.table.length === 0) return null;
    const r = enc.encodeInto(key, scratch);
    if (r.read !== key.length) return null;
    const len = r.written;
    let h = fnv1a(scratch, 0, len) & this.mask;
    for (;;) {
      const e = this.table[h]!;
      if (e === 0) return null;
      const i = e - 1;
      const s = this.off[i]!;
      if (this.off[i + 1]! - s === len) {
        let j = 0;
        while (j < len && this.keys[s + j] === scratch[j]) j++;
        if (j === len) return this.post.subarray(this.postOff[i]!, this.postOff[i + 1]!);
      }
      h = (h + 1) & this.mask;
    }
  }
}
