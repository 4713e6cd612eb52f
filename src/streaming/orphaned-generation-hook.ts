/** A generation that ended without its owner (its instance died): recorded by whoever ended it. */
export interface OrphanedGeneration {
  chatSessionId: number;
  streamId: string;
  partialLength: number;
  startedAt: Date | null;
  firstTokenAt: Date | null;
  endedAt: Date;
}

/**
 * Told when the Redis hub ended another instance's orphaned generation, e.g. to write its
 * analytics row. Implemented above streaming (the messages module), so the hub knows nothing of
 * analytics or chat sessions.
 */
export interface OrphanedGenerationHook {
  onOrphanedGeneration(orphan: OrphanedGeneration): Promise<void>;
}

/** Injection token for one `OrphanedGenerationHook`; optional: without it an orphan is only ended. */
export const ORPHANED_GENERATION_HOOK = Symbol('ORPHANED_GENERATION_HOOK');
