// The binary gazetteer format round-trips places, keys, skeletons, demonyms and ids (no ../shared needed).
import { describe, expect, it } from 'vitest';
import { binaryStamp, BinaryGazetteer, encodeGazetteer, type EncodablePlace } from './binary.js';
import { Gazetteer } from './gazetteer.js';

const place = (over: Partial<EncodablePlace>): EncodablePlace => ({
  id: 1, name: 'X', lat: 0, lon: 0, fclass: 'P', fcode: 'PPL', cc: 'SY', a1: '04', a2: '', pop: 0, capital: null, keys: [], skeletons: [], ...over,
});

const places: EncodablePlace[] = [
  place({ id: 163843, name: 'Syria', lat: 35, lon: 38, fclass: 'A', fcode: 'PCLI', a1: '', pop: 22198110, capital: 170654, keys: ['syria', 'syrian arab republic'] }),
  place({ id: 170654, name: 'Damascus', lat: 33.5102, lon: 36.29128, fcode: 'PPLC', a1: '13', pop: 1569394, keys: ['damascus', 'dimashq'], skeletons: ['dimashk'] }),
  place({ id: 11048349, name: 'Al Bāghūz Fawqānī', lat: 34.46123, lon: 40.93667, pop: 500, keys: ['al baghuz fawqani', 'baghouz'], skeletons: ['baghuz'] }),
  place({ id: -3, name: 'Euphrates', lat: 35.9, lon: 39.2, fclass: 'H', fcode: 'STM', cc: '', a1: '', keys: ['euphrates'] }),
  place({ id: 999, name: 'Baghuz', lat: -10.5, lon: -70.25, cc: 'PE', a1: '01', keys: ['baghuz'] }),
];

describe('binary gazetteer', () => {
  const bytes = encodeGazetteer(places, [['syrian', 0]], 'abc123', 3);

  it('stores the build stamp in the header', () => {
    expect(binaryStamp(bytes.subarray(0, 64))).toBe('abc123');
    expect(binaryStamp(new TextEncoder().encode('#sitrep-gazetteer v=3'))).toBe('');
  });

  it('round-trips every column and finds places by key, skeleton and id', () => {
    const b = new BinaryGazetteer(bytes);
    expect(b.n).toBe(5);
    expect(b.maxKeyWords).toBe(3);
    expect([...(b.byKey('baghuz') ?? [])]).toEqual([4]);
    expect([...(b.byKey('baghouz') ?? [])]).toEqual([2]);
    expect([...(b.bySkeleton('baghuz') ?? [])]).toEqual([2]);
    expect(b.byKey('nowhere')).toBeNull();
    expect(b.byKey('x'.repeat(5000))).toBeNull();
    expect(b.indexOfId(-3)).toBe(3);
    expect(b.indexOfId(4)).toBe(-1);
    expect(b.demonyms.get('syrian')).toBe(0);
    const g = new Gazetteer(bytes);
    expect(g.byId(11048349)).toEqual({ id: 11048349, name: 'Al Bāghūz Fawqānī', lat: 34.46123, lon: 40.93667, fclass: 'P', fcode: 'PPL', cc: 'SY', a1: '04', a2: '', pop: 500, capital: null });
    expect(g.byId(163843)?.capital).toBe(170654);
    expect(g.country('SY')?.name).toBe('Syria');
    expect(g.demonym('Syrians')).toBeUndefined();
    expect(g.demonym('Syrian')?.id).toBe(163843);
    expect(g.candidates('Baghuz').map((c) => [c.place.id, c.match])).toEqual([
      [999, 'name'],
      [11048349, 'skeleton'],
    ]);
    expect(g.byId(170654)).toBe(g.byId(170654));
  });

  it('reads a copy of bytes that are not 8-byte aligned', () => {
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    expect(new Gazetteer(shifted.subarray(3)).byId(170654)?.name).toBe('Damascus');
  });

  it('rejects a file of another format with a clear message', () => {
    expect(() => new Gazetteer(new TextEncoder().encode('P\t1\tX\n'.repeat(20)))).toThrow(/rebuild it with "npm run build"/);
  });
});
