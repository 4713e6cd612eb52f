import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * The lorebook's shape for the OpenAPI document. Bodies are checked by readLorebookInput
 * (src/characters/card/lorebook-input.ts), which names the exact bad path in one message.
 */

export class LorebookEntryDto {
  @ApiProperty({ type: [String], description: 'The entry enters the prompt when one occurs (case-insensitive)' })
  keys: string[];

  @ApiPropertyOptional({ type: [String], default: [], description: 'With `selective`, one of these must occur too' })
  secondaryKeys: string[];

  @ApiProperty({ description: 'The text put into the prompt (macros applied)' })
  content: string;

  @ApiPropertyOptional({ default: true })
  enabled: boolean;

  @ApiPropertyOptional({ default: 100, description: 'Entries are placed in ascending order' })
  insertionOrder: number;

  @ApiPropertyOptional({ default: false, description: 'Always in the prompt, keys or not' })
  constant: boolean;

  @ApiPropertyOptional({ default: false })
  selective: boolean;

  @ApiPropertyOptional({ enum: ['before_char', 'after_char'], default: 'after_char' })
  position: 'before_char' | 'after_char';

  @ApiPropertyOptional({ default: false, description: 'Kept for the card; keys are matched as plain text' })
  useRegex: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {} })
  extensions: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Kept for the card; matching is case-insensitive either way' })
  caseSensitive?: boolean;

  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional()
  comment?: string;

  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }] })
  id?: number | string;

  @ApiPropertyOptional()
  priority?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "The card entry's fields no spec names, written back on export",
  })
  extras?: Record<string, unknown>;
}

export class LorebookDto {
  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'How many recent messages are scanned for keys (default 2)' })
  scanDepth?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Kept for the card' })
  tokenBudget?: number;

  @ApiPropertyOptional({ description: 'Kept for the card' })
  recursiveScanning?: boolean;

  @ApiProperty({ type: [LorebookEntryDto] })
  entries: LorebookEntryDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {} })
  extensions: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "The card book's fields no spec names, written back on export",
  })
  extras?: Record<string, unknown>;
}
