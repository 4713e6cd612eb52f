import { encodePng, placeholderPng, readPngChunks, textChunk } from '../../src/characters/card/png';

/*
 * Character Cards written by hand from the V1, V2 and V3 specifications, shared by the unit and
 * e2e tests. The V2 one looks like what SillyTavern exports (V1 fields repeated at the top).
 */

export const V1_CARD = {
  name: 'Old Tom',
  description: 'A lighthouse keeper.',
  personality: 'gruff',
  scenario: 'A stormy night.',
  first_mes: 'Who goes there?',
  mes_example: '<START>\n{{user}}: Hi\n{{char}}: Hmph.',
  avatar: 'none',
};

export const V2_CARD = {
  name: 'Mira',
  description: 'stale top-level copy',
  spec: 'chara_card_v2',
  spec_version: '2.0',
  create_date: '2024-1-1',
  data: {
    name: 'Mira',
    description: '{{char}} is a ship navigator.',
    personality: 'sharp-tongued',
    scenario: 'Aboard the Kestrel.',
    first_mes: 'Welcome aboard, {{user}}.',
    mes_example: '{{user}}: Where to?\n{{char}}: North.',
    creator_notes: 'Best with a small model.',
    system_prompt: 'You are {{char}}. {{original}}',
    post_history_instructions: 'Stay in character.',
    alternate_greetings: ['Ahoy, {{user}}!', 'Back again?'],
    tags: ['sea', 'adventure'],
    creator: 'someone',
    character_version: '1.2',
    extensions: { talkativeness: '0.5', depth_prompt: { depth: 4, prompt: 'x' } },
    character_book: {
      name: 'Kestrel lore',
      scan_depth: 3,
      extensions: {},
      entries: [
        {
          keys: ['kestrel'],
          content: 'The Kestrel is a two-masted brig.',
          extensions: { probability: 100 },
          enabled: true,
          insertion_order: 10,
          position: 'before_char',
          id: 1,
          comment: 'ship',
        },
        {
          keys: ['storm'],
          secondary_keys: ['north'],
          selective: true,
          content: 'Storms come from the north.',
          extensions: {},
          enabled: true,
          insertion_order: 5,
          case_sensitive: false,
          custom_field: 'kept',
        },
      ],
    },
  },
};

export const V3_CARD = {
  spec: 'chara_card_v3',
  spec_version: '3.0',
  data: {
    name: 'Vex',
    description: 'A clockwork fox.',
    personality: '',
    scenario: '',
    first_mes: 'Tick, tock.',
    mes_example: '',
    creator_notes: '',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: [],
    tags: [],
    creator: '',
    character_version: '',
    extensions: {},
    nickname: 'Vexy',
    assets: [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }],
    group_only_greetings: [],
    character_book: {
      extensions: {},
      entries: [
        {
          keys: ['gear'],
          content: 'Gears.',
          extensions: {},
          enabled: true,
          insertion_order: 1,
          use_regex: false,
          constant: true,
        },
      ],
    },
  },
};

export const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** The placeholder image with the given tEXt chunks (raw text) before IEND. */
export function pngWithTexts(texts: Array<[string, string]>, image: Buffer = placeholderPng()): Buffer {
  const chunks = readPngChunks(image);
  const end = chunks.length - 1;
  return encodePng([...chunks.slice(0, end), ...texts.map(([k, t]) => textChunk(k, t)), chunks[end]]);
}

/** A card PNG as SillyTavern writes one: base64 JSON in tEXt `chara` (and `ccv3` for V3). */
export function cardPng(cards: { chara?: unknown; ccv3?: unknown }): Buffer {
  const texts: Array<[string, string]> = [];
  if (cards.chara !== undefined) texts.push(['chara', base64Json(cards.chara)]);
  if (cards.ccv3 !== undefined) texts.push(['ccv3', base64Json(cards.ccv3)]);
  return pngWithTexts(texts);
}
