// Importing Character Cards: a PNG or JSON file from the file picker or dropped anywhere on the
// page goes to POST /api/characters/import as it is (the server reads the card). Refusals are
// put as sentences that name the file and say nothing was imported.
import { errorOf, getToken } from './api.js';

/** The route's own limit (docs/characters.md); checked here too so a huge file is not uploaded. */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Which media type the file is sent as: by its type, its name, then its first bytes (a dragged
 * file may come with no type at all).
 * @param {File} file
 * @returns {Promise<'image/png' | 'application/json' | null>}
 */
async function cardType(file) {
  if (file.type === 'image/png' || /\.png$/i.test(file.name)) return 'image/png';
  if (file.type === 'application/json' || /\.json$/i.test(file.name)) return 'application/json';
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (
    String.fromCharCode(...head)
      .trimStart()
      .startsWith('{')
  )
    return 'application/json';
  return null;
}

/** The server's words as the end of our sentence: "The card's …" reads "the card's …" after a colon. @param {string} text */
const sentence = (text) =>
  text
    .trim()
    .replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())
    .replace(/[.\s]*$/, '.');

/**
 * Sends one card file to the server and returns the character it made.
 * @param {File} file
 * @returns {Promise<any>} the character
 * @throws {Error} with a sentence for the person
 */
export async function importCardFile(file) {
  const name = `"${file.name}"`;
  const type = await cardType(file);
  if (!type) {
    throw new Error(`${name} is not a character card: pick a PNG card image or a JSON card file.`);
  }
  if (file.size > MAX_BYTES) {
    throw new Error(`${name} is larger than 20 MB, the most a card may be. Nothing was imported.`);
  }
  const token = getToken();
  let res;
  try {
    res = await fetch('/api/characters/import', {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  } catch {
    throw new Error('The server cannot be reached. Check that Hearth is running and your network is up.');
  }
  if (res.ok) return res.json();
  const err = await errorOf(res);
  if (err.status === 413) {
    throw new Error(`${name} is larger than 20 MB, the most a card may be. Nothing was imported.`);
  }
  if (err.status === 400 || err.status === 415) {
    throw new Error(`${name} could not be read as a character card: ${sentence(err.message)} Nothing was imported.`);
  }
  throw new Error(`${name} was not imported: ${sentence(err.message)}`);
}

/** Whether a drag carries files (not text or a link being dragged within the page). @param {DragEvent} e */
const carriesFiles = (e) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

/**
 * Lets cards be dropped anywhere on the page (the characters dialog's drop zone included, as
 * drops inside it reach the document too). While a file is dragged over the page, <body> gets the
 * class `dropping`, which shows where to let go.
 * @param {(files: File[]) => void} onFiles
 */
export function wireCardDrop(onFiles) {
  let depth = 0;
  const done = () => {
    depth = 0;
    document.body.classList.remove('dropping');
  };
  document.addEventListener('dragenter', (e) => {
    if (!carriesFiles(e)) return;
    depth += 1;
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', (e) => {
    if (!carriesFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) done();
  });
  document.addEventListener('dragover', (e) => {
    if (!carriesFiles(e)) return;
    // Without this the browser would open the file in place of the page.
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    done();
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0) onFiles(files);
  });
}
