import { expect } from '@jest/globals';
import { api, startTestApp, TestApp, TEST_DB } from './support/test-app';
import { rawRequest } from './support/raw-http';
import { base64Json, cardPng, pngWithTexts, V1_CARD, V2_CARD, V3_CARD } from './support/card-fixtures';
import { placeholderPng, readPngChunks, readTextChunks } from '../src/characters/card/png';

type Character = Record<string, unknown> & { id: number; name: string; hasAvatar: boolean };

describe(`characters and cards (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  const importBody = (body: Buffer | string, contentType: string) =>
    rawRequest(t.url, 'POST', '/api/characters/import', { 'content-type': contentType, host: '127.0.0.1' }, body);
  const importPng = (png: Buffer) => importBody(png, 'image/png');
  const importJson = (card: unknown) => importBody(JSON.stringify(card), 'application/json');
  const count = async () => (await api<Character[]>(t.url, 'GET', '/api/characters?limit=500')).body.length;
  const getBytes = async (path: string) => {
    const res = await fetch(t.url + path);
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('a new character has every card field with its default', async () => {
    const created = await api<Character>(t.url, 'POST', '/api/characters', { name: 'Plain' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      personality: '',
      scenario: '',
      firstMessage: '',
      alternateGreetings: [],
      exampleMessages: '',
      systemPrompt: '',
      postHistoryInstructions: '',
      creatorNotes: '',
      tags: [],
      creator: '',
      characterVersion: '',
      extensions: {},
      hasAvatar: false,
      lorebook: null,
    });
  });

  it('imports a V2 card PNG (201) with its lorebook and the image as avatar', async () => {
    const res = await importPng(cardPng({ chara: V2_CARD }));
    expect(res.status).toBe(201);
    const c = res.body as Character;
    expect(c).toMatchObject({
      name: 'Mira',
      firstMessage: 'Welcome aboard, {{user}}.',
      alternateGreetings: ['Ahoy, {{user}}!', 'Back again?'],
      hasAvatar: true,
      lorebook: { name: 'Kestrel lore', scanDepth: 3 },
    });
    expect((c.lorebook as { entries: unknown[] }).entries).toHaveLength(2);
    expect(await api(t.url, 'GET', `/api/characters/${c.id}`)).toMatchObject({ status: 200, body: c });

    const avatar = await getBytes(`/api/characters/${c.id}/avatar`);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/png');
    expect(avatar.bytes.equals(placeholderPng())).toBe(true); // the card chunks are not kept in the image
  });

  it('prefers ccv3 over chara in a PNG', async () => {
    const res = await importPng(cardPng({ chara: V2_CARD, ccv3: V3_CARD }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Vex' });
  });

  it.each([
    ['V1', V1_CARD, 'Old Tom'],
    ['V2', V2_CARD, 'Mira'],
    ['V3', V3_CARD, 'Vex'],
  ])('imports a %s card as JSON, with no avatar (404)', async (_v, card, name) => {
    const res = await importJson(card);
    expect(res.status).toBe(201);
    const c = res.body as Character;
    expect(c).toMatchObject({ name, hasAvatar: false });
    const avatar = await api(t.url, 'GET', `/api/characters/${c.id}/avatar`);
    expect(avatar.status).toBe(404);
    expect(avatar.body).toMatchObject({ message: `Character ${c.id} has no avatar` });
  });

  it.each([
    ['JSON that is not a card', () => importJson({ hello: 'world' }), 'not a character card'],
    ['a PNG without a card', () => importPng(placeholderPng()), 'no character card'],
    ['a PNG with a wrong CRC', () => importPng(corruptCrc(cardPng({ chara: V2_CARD }))), 'CRC'],
    ['a truncated PNG', () => importPng(cardPng({ chara: V2_CARD }).subarray(0, 120)), 'PNG'],
    [
      'base64 that is not JSON',
      () => importPng(pngWithTexts([['chara', base64Json('x').slice(0, 2) + '==']])),
      'not JSON',
    ],
    ['bytes that are not a PNG', () => importBody('GIF89a', 'image/png'), 'not a PNG'],
  ])('refuses %s with 400 saying why, and creates nothing', async (_what, send, why) => {
    const before = await count();
    const res = await send();
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toContain(why);
    expect(await count()).toBe(before);
  });

  it('refuses another media type with 415 and a body over 20 MB with 413, creating nothing', async () => {
    const before = await count();
    const text = await importBody('name: x', 'text/plain');
    expect(text.status).toBe(415);
    expect((text.body as { message: string }).message).toContain('image/png');
    const big = Buffer.concat([cardPng({ chara: V2_CARD }), Buffer.alloc(20 * 1024 * 1024)]);
    expect((await importPng(big)).status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('accepts a card PNG of several MB (over the JSON routes’ limit) on the import route only', async () => {
    const padded = Buffer.concat([cardPng({ chara: V1_CARD }), Buffer.alloc(3 * 1024 * 1024)]); // after IEND: ignored
    expect((await importPng(padded)).status).toBe(201);
    const elsewhere = await rawRequest(
      t.url,
      'POST',
      '/api/characters',
      { 'content-type': 'image/png' },
      placeholderPng(),
    );
    expect(elsewhere.status).toBe(415);
  });

  it('accepts a JSON card over BODY_LIMIT_BYTES on the import route, while other JSON routes keep the limit', async () => {
    const blob = 'x'.repeat(2 * 1024 * 1024);
    const big = { ...V2_CARD, data: { ...V2_CARD.data, extensions: { blob } } };
    const res = await importJson(big);
    expect(res.status).toBe(201);
    expect((res.body as Character).extensions).toEqual({ blob });
    const elsewhere = await api(t.url, 'POST', '/api/characters', { name: 'Big', extensions: { blob } });
    expect(elsewhere.status).toBe(413);
  });

  it('exports V3 JSON and a PNG with ccv3 and chara chunks, both importing back to the same character', async () => {
    const original = (await importPng(cardPng({ chara: V2_CARD }))).body as Character;
    const { id: _id, createdAt: _c, ...fields } = original;

    const json = await getBytes(`/api/characters/${original.id}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('content-disposition')).toContain('filename="Mira.json"');
    const v3 = JSON.parse(json.bytes.toString('utf8')) as { spec: string };
    expect(v3.spec).toBe('chara_card_v3');
    const fromJson = (await importJson(v3)).body as Character;
    expect(fromJson).toMatchObject({ ...fields, hasAvatar: false });

    const png = await getBytes(`/api/characters/${original.id}/export?format=png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toContain('filename="Mira.png"');
    const texts = readTextChunks(readPngChunks(png.bytes));
    expect([...texts.keys()].sort()).toEqual(['ccv3', 'chara']);
    const fromPng = (await importPng(png.bytes)).body as Character;
    expect(fromPng).toMatchObject(fields);
    const avatar = await getBytes(`/api/characters/${fromPng.id}/avatar`);
    expect(avatar.bytes.equals(placeholderPng())).toBe(true);
  });

  it('exports a character without an avatar as a placeholder PNG card; bad format is a 400, unknown id a 404', async () => {
    const c = (await api<Character>(t.url, 'POST', '/api/characters', { name: 'Ünïcode "quoted"' })).body;
    const png = await getBytes(`/api/characters/${c.id}/export`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-disposition')).toBe(
      `attachment; filename="Unicode quoted.png"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22quoted%22.png`,
    );
    expect((await importPng(png.bytes)).body).toMatchObject({ name: 'Ünïcode "quoted"', hasAvatar: true });
    expect((await api(t.url, 'GET', `/api/characters/${c.id}/export?format=gif`)).status).toBe(400);
    expect((await api(t.url, 'GET', '/api/characters/999999/export')).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/characters/999999/avatar')).status).toBe(404);
  });

  it('PATCHes the new fields and the lorebook (defaults filled in), clears it with null, and names a bad path', async () => {
    const c = (await api<Character>(t.url, 'POST', '/api/characters', { name: 'Editable' })).body;
    const patched = await api<Character>(t.url, 'PATCH', `/api/characters/${c.id}`, {
      personality: 'calm',
      alternateGreetings: ['Hi', 'Hello'],
      tags: ['x'],
      extensions: { a: 1 },
      lorebook: { entries: [{ keys: ['moon'], content: 'The moon is red.' }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Editable',
      personality: 'calm',
      alternateGreetings: ['Hi', 'Hello'],
      tags: ['x'],
      extensions: { a: 1 },
      lorebook: {
        extensions: {},
        entries: [
          {
            keys: ['moon'],
            secondaryKeys: [],
            content: 'The moon is red.',
            enabled: true,
            insertionOrder: 100,
            constant: false,
            selective: false,
            position: 'after_char',
            useRegex: false,
            extensions: {},
          },
        ],
      },
    });
    // What GET gives can be sent back as it is.
    const again = await api<Character>(t.url, 'PATCH', `/api/characters/${c.id}`, { lorebook: patched.body.lorebook });
    expect(again.body.lorebook).toEqual(patched.body.lorebook);

    const bad = await api<{ message: string }>(t.url, 'PATCH', `/api/characters/${c.id}`, {
      lorebook: { entries: [{ keys: ['a'], content: 'x', position: 'middle' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('lorebook.entries[0].position must be before_char or after_char');
    const unknown = await api<{ message: string }>(t.url, 'PATCH', `/api/characters/${c.id}`, {
      lorebook: { entries: [{ keys: ['a'], content: 'x', colour: 'red' }] },
    });
    expect(unknown.body.message).toBe('lorebook.entries[0].colour is not a lorebook field');
    for (const body of [{ tags: 'x' }, { alternateGreetings: [1] }, { personality: null }, { hasAvatar: true }]) {
      expect((await api(t.url, 'PATCH', `/api/characters/${c.id}`, body)).status).toBe(400);
    }

    const cleared = await api<Character>(t.url, 'PATCH', `/api/characters/${c.id}`, { lorebook: null });
    expect(cleared.body.lorebook).toBeNull();
    expect(cleared.body.personality).toBe('calm');
  });

  it('deletes a character with its avatar', async () => {
    const c = (await importPng(cardPng({ chara: V1_CARD }))).body as Character;
    expect((await api(t.url, 'DELETE', `/api/characters/${c.id}`)).status).toBe(204);
    expect((await api(t.url, 'GET', `/api/characters/${c.id}/avatar`)).status).toBe(404);
  });
});

/** Flips one byte of the first tEXt chunk's data, leaving its CRC as it was. */
function corruptCrc(png: Buffer): Buffer {
  const copy = Buffer.from(png);
  copy[copy.indexOf(Buffer.from('tEXt')) + 6] ^= 0x01;
  return copy;
}
