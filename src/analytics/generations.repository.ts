import { Injectable } from '@nestjs/common';
import { PreparedStatement, StatementRunner } from '../database/prepared-statement';
import { GenerationEntity } from './generation.entity';

/** One finished generation as analytics stores it. */
export type GenerationRecord = Omit<GenerationEntity, never>;

/** Written by hand: every generation ends here, and TypeORM's insert builder costs more than the INSERT. */
const INSERT = new PreparedStatement(
  'hearth_insert_generation',
  `INSERT INTO generations (stream_id, chat_session_id, model, kind, outcome, cancel_reason, error_code, partial_length,
     time_to_first_token_ms, duration_ms, prompt_tokens, completion_tokens, cost, assistant_message_id, variant_index,
     started_at, ended_at)
   VALUES ($1, $2, $3, $16, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $17, $14, $15)`,
);

/** The generations table's write side: one analytics row per finished generation. */
@Injectable()
export class GenerationsRepository {
  constructor(private readonly sql: StatementRunner) {}

  async record(row: GenerationRecord): Promise<void> {
    await this.sql.run(INSERT, [
      row.streamId,
      row.chatSessionId,
      row.model,
      row.outcome,
      row.cancelReason,
      row.errorCode,
      row.partialLength,
      row.timeToFirstTokenMs,
      row.durationMs,
      row.promptTokens,
      row.completionTokens,
      row.cost,
      row.assistantMessageId,
      row.startedAt,
      row.endedAt,
      row.kind,
      row.variantIndex,
    ]);
  }
}
