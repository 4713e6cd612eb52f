import { crc32, deflateSync } from 'node:zlib';

/*
 * The little of PNG a Character Card needs: split a file into chunks (checking every length and
 * CRC against the bytes actually present, since a card is untrusted upload), read and replace
 * tEXt chunks, and write chunks back. Pixel data is never decoded.
 */

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  /** Four ASCII letters, e.g. "IHDR", "tEXt". */
  type: string;
  data: Buffer;
}

/** Why the bytes are not a PNG this reader accepts; the message is shown to the client. */
export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

export function isPng(bytes: Buffer): boolean {
  return bytes.length >= PNG_SIGNATURE.length && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
}

function chunkCrc(type: Buffer, data: Buffer): number {
  return crc32(data, crc32(type));
}

/**
 * Every chunk up to and including IEND. A declared length is only believed once the bytes it
 * claims are there; a CRC mismatch, a chunk type that is not four letters, a missing IHDR/IEND
 * are all refused rather than repaired. Bytes after IEND are ignored, as image viewers do.
 */
export function readPngChunks(bytes: Buffer): PngChunk[] {
  if (!isPng(bytes)) throw new PngError('The file is not a PNG (its first bytes are not the PNG signature)');
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  for (;;) {
    if (bytes.length - offset < 12) throw new PngError(`The PNG is truncated at byte ${offset} (no IEND chunk)`);
    const length = bytes.readUInt32BE(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const type = typeBytes.toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError(`The PNG has a malformed chunk type at byte ${offset}`);
    // Compared with what is left, so a huge declared length never allocates or reads past the end.
    if (length > bytes.length - offset - 12) {
      throw new PngError(`The PNG's ${type} chunk declares ${length} bytes but the file ends first`);
    }
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const storedCrc = bytes.readUInt32BE(offset + 8 + length);
    if (storedCrc !== chunkCrc(typeBytes, data)) throw new PngError(`The PNG's ${type} chunk fails its CRC check`);
    if (chunks.length === 0 && type !== 'IHDR') throw new PngError('The PNG does not start with an IHDR chunk');
    chunks.push({ type, data });
    offset += 12 + length;
    if (type === 'IEND') return chunks;
  }
}

export function encodePng(chunks: PngChunk[]): Buffer {
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const { type, data } of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(chunkCrc(head.subarray(4), data), 0);
    parts.push(head, data, crc);
  }
  return Buffer.concat(parts);
}

/** A tEXt chunk: Latin-1 keyword, NUL, Latin-1 text (cards put base64 there, which is ASCII). */
export function textChunk(keyword: string, text: string): PngChunk {
  return {
    type: 'tEXt',
    data: Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]),
  };
}

/** The tEXt chunks by keyword (the first of each keyword wins); a chunk without its NUL is skipped. */
export function readTextChunks(chunks: PngChunk[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { type, data } of chunks) {
    if (type !== 'tEXt') continue;
    const nul = data.indexOf(0);
    if (nul < 1) continue;
    const keyword = data.subarray(0, nul).toString('latin1');
    if (!texts.has(keyword)) texts.set(keyword, data.subarray(nul + 1).toString('latin1'));
  }
  return texts;
}

/** The keywords of a card's tEXt chunks (lower-case: SillyTavern compares them so). */
const CARD_KEYWORDS = new Set(['chara', 'ccv3']);

function isCardText({ type, data }: PngChunk): boolean {
  if (type !== 'tEXt') return false;
  const nul = data.indexOf(0);
  return nul > 0 && CARD_KEYWORDS.has(data.subarray(0, nul).toString('latin1').toLowerCase());
}

/** The image without its card chunks: what is kept as the avatar. */
export function withoutCardChunks(chunks: PngChunk[]): PngChunk[] {
  return chunks.filter((c) => !isCardText(c));
}

/** The image with `texts` as its only card chunks, placed just before IEND. */
export function withCardChunks(png: Buffer, texts: Array<[keyword: string, text: string]>): Buffer {
  const chunks = withoutCardChunks(readPngChunks(png));
  const end = chunks.length - 1; // readPngChunks guarantees IEND is last
  return encodePng([...chunks.slice(0, end), ...texts.map(([k, t]) => textChunk(k, t)), chunks[end]]);
}

/** A 64×64 warm grey square: the image of an exported character that has no avatar. */
export function placeholderPng(): Buffer {
  const size = 64;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression, filter, interlace: 0
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([0x8a, 0x7f, 0x74], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return encodePng([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: deflateSync(raw) },
    { type: 'IEND', data: Buffer.alloc(0) },
  ]);
}
