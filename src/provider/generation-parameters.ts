/**
 * Sampling and reasoning settings a model or a chat session may carry (contract Part 2,
 * "Providers and parameters"). Provider-neutral names; parameter-mapping.ts turns them into each
 * API's own.
 */

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';
export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['minimal', 'low', 'medium', 'high'];

/** Either a level of effort or a budget of thinking tokens; `exclude` keeps the thinking out of the reply stream. */
export type ReasoningParameter =
  { effort: ReasoningEffort; exclude?: boolean } | { maxTokens: number; exclude?: boolean };

export interface GenerationParameters {
  temperature?: number;
  topP?: number;
  topK?: number;
  minP?: number;
  maxTokens?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  repetitionPenalty?: number;
  stop?: string[];
  seed?: number;
  reasoning?: ReasoningParameter;
}

export const PARAMETER_KEYS = [
  'temperature',
  'topP',
  'topK',
  'minP',
  'maxTokens',
  'frequencyPenalty',
  'presencePenalty',
  'repetitionPenalty',
  'stop',
  'seed',
  'reasoning',
] as const satisfies ReadonlyArray<keyof GenerationParameters>;

/**
 * The parameters a generation uses: the model's, each overridden by the session's where the
 * session sets it (key by key; `reasoning` is replaced whole, not merged field by field, because
 * its two forms exclude each other). A key set to null in either is treated as unset.
 */
export function mergeParameters(
  model: GenerationParameters | null | undefined,
  session: GenerationParameters | null | undefined,
): GenerationParameters {
  const merged: GenerationParameters = {};
  for (const key of PARAMETER_KEYS) {
    // Stored JSON may hold null where the type says absent.
    const fromSession: unknown = session?.[key];
    const value: unknown = fromSession === undefined || fromSession === null ? model?.[key] : fromSession;
    if (value !== undefined && value !== null) Object.assign(merged, { [key]: value });
  }
  return merged;
}
