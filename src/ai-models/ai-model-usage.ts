/**
 * Who uses an AI model, asked before it is deleted. Chat sessions sit above AI models, so they
 * answer this (registering with AiModelsService) instead of the models querying sessions.
 */
export interface AiModelUsage {
  /** Ids of the chat sessions that use the model, ascending, at most `limit`. */
  sessionsUsing(modelId: number, limit: number): Promise<number[]>;
}
