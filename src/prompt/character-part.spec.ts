import { describe, expect, it } from '@jest/globals';
import { characterPart, exampleDialoguePart } from './character-part';

describe('characterPart', () => {
  it('gives the three lines in order, joined by "\\n"', () => {
    expect(characterPart({ description: 'A navigator.', personality: 'sharp', scenario: 'At sea.' })).toBe(
      "A navigator.\n{{char}}'s personality: sharp\nScenario: At sea.",
    );
  });

  it.each([
    [{ description: 'D', personality: '', scenario: '' }, 'D'],
    [{ description: '', personality: 'P', scenario: '' }, "{{char}}'s personality: P"],
    [{ description: '', personality: '', scenario: 'S' }, 'Scenario: S'],
    [{ description: 'D', personality: null, scenario: 'S' }, 'D\nScenario: S'],
    [{ description: ' ', personality: '\n', scenario: '' }, ''],
    [{ description: '' }, ''],
  ])('leaves out the empty lines: %j', (character, part) => {
    expect(characterPart(character)).toBe(part);
  });
});

describe('exampleDialoguePart', () => {
  it('heads the examples, or is empty without them', () => {
    expect(exampleDialoguePart({ exampleMessages: '{{user}}: Hi\n{{char}}: Hey' })).toBe(
      'Example dialogue:\n{{user}}: Hi\n{{char}}: Hey',
    );
    expect(exampleDialoguePart({ exampleMessages: ' ' })).toBe('');
    expect(exampleDialoguePart({})).toBe('');
  });
});
