/*
 * The character's share of the first system message (contract, "Characters and cards"). Plain
 * text with `{{char}}` left in: the prompt builder applies applyMacros to every part at once.
 */

export interface PromptCharacter {
  description: string;
  personality?: string | null;
  scenario?: string | null;
  exampleMessages?: string | null;
}

const isSet = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim() !== '';

/**
 * The non-empty lines of `description`, `{{char}}'s personality: <personality>` and
 * `Scenario: <scenario>`, joined by "\n"; "" when all three are empty (the part is left out).
 */
export function characterPart(character: PromptCharacter): string {
  const lines: string[] = [];
  if (isSet(character.description)) lines.push(character.description);
  if (isSet(character.personality)) lines.push(`{{char}}'s personality: ${character.personality}`);
  if (isSet(character.scenario)) lines.push(`Scenario: ${character.scenario}`);
  return lines.join('\n');
}

/** `Example dialogue:\n<exampleMessages>` (after the user profile's part), or "" when there is none. */
export function exampleDialoguePart(character: Pick<PromptCharacter, 'exampleMessages'>): string {
  return isSet(character.exampleMessages) ? `Example dialogue:\n${character.exampleMessages}` : '';
}
