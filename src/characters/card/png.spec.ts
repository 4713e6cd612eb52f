import { describe, expect, it } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import {
  encodePng,
  isPng,
  placeholderPng,
  PNG_SIGNATURE,
  PngError,
  readPngChunks,
  readTextChunks,
  textChunk,
  withCardChunks,
  withoutCardChunks,
} from './png';

const png = placeholderPng();

/** Byte offset of the first chunk of `type` (its length field). */
function offsetOf(bytes: Buffer, type: string): number {
  return bytes.indexOf(Buffer.from(type, 'latin1')) - 4;
}

describe('readPngChunks', () => {
  it('reads the generated placeholder: IHDR first, IEND last, 64×64 RGB pixels', () => {
    const chunks = readPngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks[0].data.readUInt32BE(0)).toBe(64);
    expect(inflateSync(chunks[1].data).length).toBe(64 * (1 + 64 * 3));
  });

  it('round-trips chunks through encodePng byte for byte', () => {
    expect(encodePng(readPngChunks(png)).equals(png)).toBe(true);
  });

  it('refuses bytes without the PNG signature', () => {
    expect(isPng(Buffer.from('{"name":"x"}'))).toBe(false);
    expect(() => readPngChunks(Buffer.from('GIF89a....'))).toThrow('not a PNG');
  });

  it('refuses a chunk whose CRC does not match', () => {
    const bad = Buffer.from(png);
    bad[offsetOf(bad, 'IDAT') + 8] ^= 0xff; // first data byte of IDAT
    expect(() => readPngChunks(bad)).toThrow(new PngError("The PNG's IDAT chunk fails its CRC check"));
  });

  it('refuses a file truncated inside a chunk, and one that stops before IEND', () => {
    expect(() => readPngChunks(png.subarray(0, png.length - 20))).toThrow(PngError);
    const noEnd = png.subarray(0, offsetOf(png, 'IEND'));
    expect(() => readPngChunks(noEnd)).toThrow('truncated');
    expect(() => readPngChunks(PNG_SIGNATURE)).toThrow('truncated');
  });

  it('never trusts a declared length: a huge one is refused without reading past the end', () => {
    const lying = Buffer.from(png);
    lying.writeUInt32BE(0xfffffff0, offsetOf(lying, 'IDAT'));
    expect(() => readPngChunks(lying)).toThrow('IDAT chunk declares 4294967280 bytes but the file ends first');
    const off = Buffer.from(png);
    off.writeUInt32BE(13 + 1, PNG_SIGNATURE.length); // IHDR claims one byte more than it has
    expect(() => readPngChunks(off)).toThrow(PngError);
  });

  it('refuses a first chunk that is not IHDR and a chunk type that is not letters', () => {
    const chunks = readPngChunks(png);
    expect(() => readPngChunks(encodePng([chunks[1], chunks[0], chunks[2]]))).toThrow('IHDR');
    const bad = Buffer.from(png);
    bad.write('ID1T', offsetOf(bad, 'IDAT') + 4, 'latin1');
    expect(() => readPngChunks(bad)).toThrow('malformed chunk type');
  });

  it('ignores bytes after IEND', () => {
    expect(readPngChunks(Buffer.concat([png, Buffer.from('trailing')])).length).toBe(3);
  });
});

describe('tEXt chunks', () => {
  it('adds card chunks before IEND, replacing earlier ones, and reads them back', () => {
    const once = withCardChunks(png, [['chara', 'AAAA']]);
    const twice = withCardChunks(once, [
      ['chara', 'QkJC'],
      ['ccv3', 'Q0ND'],
    ]);
    const chunks = readPngChunks(twice);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'tEXt', 'IEND']);
    expect(Object.fromEntries(readTextChunks(chunks))).toEqual({ chara: 'QkJC', ccv3: 'Q0ND' });
  });

  it('keeps other tEXt chunks and drops only the card ones (any case)', () => {
    const chunks = readPngChunks(png);
    const withText = [chunks[0], textChunk('Title', 'Mira'), textChunk('Chara', 'x'), ...chunks.slice(1)];
    expect(withoutCardChunks(withText).map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    expect(readTextChunks(withText).get('Title')).toBe('Mira');
  });

  it('skips a tEXt chunk with no keyword separator', () => {
    const chunks = readPngChunks(png);
    const odd = [chunks[0], { type: 'tEXt', data: Buffer.from('nokeyword') }, ...chunks.slice(1)];
    expect(readTextChunks(readPngChunks(encodePng(odd))).size).toBe(0);
  });
});
