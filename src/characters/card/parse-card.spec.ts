import { describe, expect, it } from '@jest/globals';
import { base64Json, cardPng, pngWithTexts, V1_CARD, V2_CARD, V3_CARD } from '../../../test/support/card-fixtures';
import { contentDisposition, cardFileName, toCardPng, toV2Card, toV3Card } from './export-card';
import { parseCardJson, parseCardPng } from './parse-card';
import { placeholderPng, readPngChunks, readTextChunks } from './png';

describe('parseCardJson', () => {
  it('reads a V1 card, keeping its unknown fields', () => {
    const c = parseCardJson(V1_CARD);
    expect(c).toMatchObject({
      name: 'Old Tom',
      description: 'A lighthouse keeper.',
      personality: 'gruff',
      scenario: 'A stormy night.',
      firstMessage: 'Who goes there?',
      exampleMessages: '<START>\n{{user}}: Hi\n{{char}}: Hmph.',
      alternateGreetings: [],
      systemPrompt: '',
      lorebook: null,
      cardExtras: { top: { avatar: 'none' }, data: {} },
    });
  });

  it('reads a V2 card: every field, the lorebook with defaults, and what it does not know', () => {
    const c = parseCardJson(V2_CARD);
    expect(c).toEqual({
      name: 'Mira',
      description: '{{char}} is a ship navigator.',
      personality: 'sharp-tongued',
      scenario: 'Aboard the Kestrel.',
      firstMessage: 'Welcome aboard, {{user}}.',
      exampleMessages: '{{user}}: Where to?\n{{char}}: North.',
      creatorNotes: 'Best with a small model.',
      systemPrompt: 'You are {{char}}. {{original}}',
      postHistoryInstructions: 'Stay in character.',
      alternateGreetings: ['Ahoy, {{user}}!', 'Back again?'],
      tags: ['sea', 'adventure'],
      creator: 'someone',
      characterVersion: '1.2',
      extensions: { talkativeness: '0.5', depth_prompt: { depth: 4, prompt: 'x' } },
      lorebook: {
        name: 'Kestrel lore',
        scanDepth: 3,
        extensions: {},
        entries: [
          {
            keys: ['kestrel'],
            secondaryKeys: [],
            content: 'The Kestrel is a two-masted brig.',
            enabled: true,
            insertionOrder: 10,
            constant: false,
            selective: false,
            position: 'before_char',
            useRegex: false,
            extensions: { probability: 100 },
            id: 1,
            comment: 'ship',
          },
          {
            keys: ['storm'],
            secondaryKeys: ['north'],
            content: 'Storms come from the north.',
            enabled: true,
            insertionOrder: 5,
            constant: false,
            selective: true,
            position: 'after_char',
            useRegex: false,
            extensions: {},
            caseSensitive: false,
            extras: { custom_field: 'kept' },
          },
        ],
      },
      // The top-level V1 copies are derived from data, so only the rest is kept.
      cardExtras: { top: { create_date: '2024-1-1' }, data: {} },
    });
  });

  it('reads a V3 card, keeping its V3-only fields', () => {
    const c = parseCardJson(V3_CARD);
    expect(c.name).toBe('Vex');
    expect(c.cardExtras.data).toEqual({ nickname: 'Vexy', assets: V3_CARD.data.assets, group_only_greetings: [] });
    expect(c.lorebook?.entries[0]).toMatchObject({ constant: true, position: 'after_char', insertionOrder: 1 });
  });

  it.each([
    ['an array', [1, 2], 'not a JSON object'],
    ['a string', 'hello', 'not a JSON object'],
    ['JSON that is not a card', { hello: 'world' }, 'not a character card'],
    ['an unknown spec', { spec: 'chara_card_v9', data: {} }, 'chara_card_v9'],
    ['V2 without data', { spec: 'chara_card_v2' }, 'no "data" object'],
    ['V2 without a name', { spec: 'chara_card_v2', data: { description: 'x' } }, 'data.name is required'],
    ['V2 with a blank name', { spec: 'chara_card_v2', data: { name: '  ' } }, 'data.name must not be empty'],
    [
      'a number for a text',
      { spec: 'chara_card_v2', data: { name: 'A', first_mes: 3 } },
      'data.first_mes must be a string',
    ],
    ['tags not an array', { spec: 'chara_card_v2', data: { name: 'A', tags: 'x' } }, 'data.tags must be an array'],
    [
      'an entry without keys',
      { spec: 'chara_card_v2', data: { name: 'A', character_book: { entries: [{ content: 'x' }] } } },
      'entries[0].keys is missing',
    ],
    [
      'entries not an array',
      { spec: 'chara_card_v3', data: { name: 'A', character_book: { entries: {} } } },
      'character_book.entries must be an array',
    ],
  ])('refuses %s, saying why', (_what, card, why) => {
    expect(() => parseCardJson(card)).toThrow(why);
  });
});

describe('parseCardPng', () => {
  it('prefers ccv3 over chara and keeps the image without its card chunks', () => {
    const { fields, avatar } = parseCardPng(cardPng({ chara: V2_CARD, ccv3: V3_CARD }));
    expect(fields.name).toBe('Vex');
    expect(avatar.equals(placeholderPng())).toBe(true);
  });

  it('reads chara when there is no ccv3, and falls back to it when ccv3 is unreadable', () => {
    expect(parseCardPng(cardPng({ chara: V2_CARD })).fields.name).toBe('Mira');
    const png = pngWithTexts([
      ['ccv3', 'not base64!'],
      ['chara', base64Json(V1_CARD)],
    ]);
    expect(parseCardPng(png).fields.name).toBe('Old Tom');
  });

  it.each([
    ['a PNG without card chunks', pngWithTexts([['Title', 'x']]), 'no character card'],
    ['base64 that is not JSON', pngWithTexts([['chara', Buffer.from('not json').toString('base64')]]), 'not JSON'],
    ['text that is not base64', pngWithTexts([['ccv3', '%%%']]), 'not base64'],
    ['JSON that is not a card', pngWithTexts([['chara', base64Json({ a: 1 })]]), 'not a character card'],
    ['a truncated PNG', cardPng({ chara: V2_CARD }).subarray(0, 200), 'PNG'],
    ['not a PNG at all', Buffer.from('GIF89a'), 'not a PNG'],
  ])('refuses %s', (_what, png, why) => {
    expect(() => parseCardPng(png)).toThrow(why);
  });
});

describe('export', () => {
  it.each([
    ['V1', V1_CARD],
    ['V2', V2_CARD],
    ['V3', V3_CARD],
  ])('a %s card round-trips through the V3 JSON, the V2 card and the PNG', (_v, card) => {
    const c = parseCardJson(card);
    expect(parseCardJson(JSON.parse(JSON.stringify(toV3Card(c))))).toEqual(c);
    expect(parseCardJson(JSON.parse(JSON.stringify(toV2Card(c))))).toEqual(c);
    expect(parseCardPng(toCardPng(c, null)).fields).toEqual(c);
  });

  it('writes both a ccv3 (V3) and a chara (V2 with top-level V1 fields) chunk', () => {
    const png = toCardPng(parseCardJson(V2_CARD), null);
    const texts = readTextChunks(readPngChunks(png));
    const v3 = JSON.parse(Buffer.from(texts.get('ccv3') ?? '', 'base64').toString('utf8')) as { spec: string };
    const v2 = JSON.parse(Buffer.from(texts.get('chara') ?? '', 'base64').toString('utf8')) as Record<string, unknown>;
    expect(v3.spec).toBe('chara_card_v3');
    expect(v2).toMatchObject({ spec: 'chara_card_v2', name: 'Mira', description: '{{char}} is a ship navigator.' });
  });

  it('keeps non-ASCII text through base64', () => {
    const c = parseCardJson({ ...V1_CARD, name: 'Émile 🦊', description: 'Ça va? 日本' });
    expect(parseCardPng(toCardPng(c, null)).fields).toEqual(c);
  });

  it('names the file safely', () => {
    expect(cardFileName('Mira', 'png')).toBe('Mira.png');
    expect(cardFileName('../../etc/"passwd"\r\n', 'json')).toBe('etcpasswd.json');
    expect(cardFileName('🦊', 'png')).toBe('character.png');
    expect(contentDisposition('Émile "x"', 'png')).toBe(
      `attachment; filename="Emile x.png"; filename*=UTF-8''%C3%89mile%20%22x%22.png`,
    );
  });
});
