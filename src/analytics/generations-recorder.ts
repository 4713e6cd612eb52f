/**
 * The old name of GenerationsRepository, kept for src/streaming/redis-orphan-recorder.ts until
 * that moves; the same class, so Nest resolves both names to the one provider. New code injects
 * GenerationsRepository.
 */
export { GenerationsRepository as GenerationsRecorder } from './generations.repository';
export type { GenerationRecord } from './generations.repository';
