import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GenerationEntity } from './generation.entity';
import { GenerationStatsDto, GenerationStatsQueryDto, KindCountsDto, UsageTotalsDto } from './dto/generation-stats.dto';

const CANCEL_REASONS = ['user_cancelled', 'timeout', 'no_clients', 'server_shutdown'];

interface AggregateRow {
  total: string;
  done: string;
  error: string;
  cancelled: string;
  mean_partial_cancel: string | null;
  mean_ttft: string | null;
  p50_ttft: string | null;
  p95_ttft: string | null;
  mean_duration_done: string | null;
  completion_tokens: string | null;
  cost: string | null;
}

interface UsageRow {
  key: string;
  generations: string;
  prompt_tokens: string | null;
  completion_tokens: string | null;
  cost: string | null;
}

const num = (v: string | null): number | null => (v === null ? null : Math.round(Number(v) * 100) / 100);

@Injectable()
export class AnalyticsService {
  constructor(@InjectRepository(GenerationEntity) private readonly repo: Repository<GenerationEntity>) {}

  async generationStats(query: GenerationStatsQueryDto): Promise<GenerationStatsDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.from) where.push(`started_at >= $${params.push(query.from)}`);
    if (query.to) where.push(`started_at < $${params.push(query.to)}`);
    if (query.chatSessionId) where.push(`chat_session_id = $${params.push(query.chatSessionId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';

    const [row] = await this.repo.query<AggregateRow[]>(
      `SELECT count(*) AS total,
        count(*) FILTER (WHERE outcome = 'done') AS done,
        count(*) FILTER (WHERE outcome = 'error') AS error,
        count(*) FILTER (WHERE outcome = 'cancelled') AS cancelled,
        avg(partial_length) FILTER (WHERE outcome = 'cancelled') AS mean_partial_cancel,
        avg(time_to_first_token_ms) AS mean_ttft,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY time_to_first_token_ms) AS p50_ttft,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY time_to_first_token_ms) AS p95_ttft,
        avg(duration_ms) FILTER (WHERE outcome = 'done') AS mean_duration_done,
        sum(completion_tokens) AS completion_tokens,
        sum(cost) AS cost
       FROM generations ${clause}`,
      params,
    );
    const reasons = await this.repo.query<{ key: string | null; outcome: string; n: string }[]>(
      `SELECT coalesce(cancel_reason, error_code) AS key, outcome, count(*) AS n FROM generations ${clause}
       ${clause ? 'AND' : 'WHERE'} outcome <> 'done' GROUP BY 1, 2`,
      params,
    );

    const kinds = await this.repo.query<{ kind: keyof KindCountsDto; n: string }[]>(
      `SELECT kind, count(*) AS n FROM generations ${clause} GROUP BY kind`,
      params,
    );
    const byKind: KindCountsDto = { send: 0, regenerate: 0, continue: 0 };
    for (const k of kinds) byKind[k.kind] = Number(k.n);
    const usageByModel = await this.usageBy('model', clause, params, 'cost DESC NULLS LAST, key');
    const usageByDay = await this.usageBy(
      `to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
      clause,
      params,
      'key',
    );

    const cancelReasons: Record<string, number> = Object.fromEntries(CANCEL_REASONS.map((r) => [r, 0]));
    const errorCodes: Record<string, number> = {};
    for (const r of reasons) {
      if (!r.key) continue;
      if (r.outcome === 'cancelled') cancelReasons[r.key] = Number(r.n);
      else errorCodes[r.key] = Number(r.n);
    }
    const total = Number(row.total);
    const cancelled = Number(row.cancelled);
    return {
      total,
      byOutcome: { done: Number(row.done), error: Number(row.error), cancelled },
      cancelReasons,
      errorCodes,
      cancellationRate: total ? Math.round((cancelled / total) * 10_000) / 10_000 : 0,
      meanPartialLengthAtCancel: num(row.mean_partial_cancel),
      meanTimeToFirstTokenMs: num(row.mean_ttft),
      p50TimeToFirstTokenMs: num(row.p50_ttft),
      p95TimeToFirstTokenMs: num(row.p95_ttft),
      meanDurationMs: num(row.mean_duration_done),
      completionTokens: Number(row.completion_tokens ?? 0),
      cost: Number(row.cost ?? 0),
      byKind,
      usageByModel,
      usageByDay,
    };
  }

  /** Tokens and cost grouped by `keySql` (a trusted expression: a column or a date format). */
  private async usageBy(keySql: string, clause: string, params: unknown[], order: string): Promise<UsageTotalsDto[]> {
    const rows = await this.repo.query<UsageRow[]>(
      `SELECT ${keySql} AS key, count(*) AS generations, sum(prompt_tokens) AS prompt_tokens,
         sum(completion_tokens) AS completion_tokens, sum(cost) AS cost
       FROM generations ${clause} GROUP BY 1 ORDER BY ${order}`,
      params,
    );
    return rows.map((r) => ({
      key: r.key,
      generations: Number(r.generations),
      promptTokens: Number(r.prompt_tokens ?? 0),
      completionTokens: Number(r.completion_tokens ?? 0),
      cost: Number(r.cost ?? 0),
    }));
  }
}
