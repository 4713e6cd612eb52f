import { Inject, Injectable, Logger } from '@nestjs/common';
import { GenerationDomainError, GenerationRefusalCode } from './messages.errors';
import { randomUUID } from 'node:crypto';
import { concat, from, of } from 'rxjs';
import { STREAM_HUB, StreamHub, HubConnection } from '../streaming/stream-hub';
import type { ParsedEventId } from '../streaming/sse-framing';
import { IdempotencyRepository } from './idempotency.repository';
import { endedFromOutcome, EndedGeneration, replayFrames, sendStart } from './idempotency-key';
import { toFrame } from '../streaming/sse-framing';
import type { GenerationKind, StartEvent } from '../streaming/stream-event';
import { MessagesService } from './messages.service';
import type { MessageDto } from './dto/message.dto';
import type { StartedGeneration } from './generation.service';
import { errorText } from '../errors/domain-error';

/** What makes a POST that starts a generation a possible repeat of an earlier one. */
export interface RepeatHeaders {
  /** A parsed `Idempotency-Key`. */
  key: string | undefined;
  /** A parsed `Last-Event-ID`. */
  resumeFrom: ParsedEventId | undefined;
}

/** A started send: it always has its user message. */
export type StartedSend = StartedGeneration & { userMessage: MessageDto };

/** Starts a generation under a stream id chosen by the caller (so the key can name it first). */
export type StartGeneration = (streamId: string) => Promise<StartedGeneration>;

/** How long a repeat waits for the first request to save its user message, or for an outcome row. */
const WAIT_MS = 5000;
const POLL_MS = 50;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a POST that starts a generation safe to repeat: a client retrying after a cut (as
 * fetch-event-source does) gets the generation its first request started, never a second one.
 * Any route that starts a generation opts in by passing its start through startOnce.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');
  private lastSweep = 0;

  constructor(
    @Inject(STREAM_HUB) private readonly hub: StreamHub,
    private readonly keys: IdempotencyRepository,
    private readonly messages: MessagesService,
  ) {}

  /**
   * Without either header, just `start` (no extra round trip). With an `Idempotency-Key`, the
   * first request of that key in this session starts; a repeat attaches to its generation or
   * replays its outcome. With a `Last-Event-ID` of the session's running generation, attaches.
   */
  async startOnce(
    chatSessionId: number,
    kind: GenerationKind,
    repeat: RepeatHeaders,
    start: StartGeneration,
  ): Promise<StartedGeneration> {
    if (repeat.key !== undefined) return this.startKeyed(chatSessionId, repeat.key, repeat.resumeFrom, start);
    if (repeat.resumeFrom) {
      const { streamId } = repeat.resumeFrom;
      // Resumed, so no `start` is replayed: only a send's user message is needed, for stream: false.
      const attached = await this.attachIfRunning(chatSessionId, streamId, repeat.resumeFrom, async () => {
        if (kind !== 'send') return { type: 'start', streamId, kind, userMessage: null, messageId: null };
        const message = await this.keys.lastUserMessage(chatSessionId);
        // The running generation's user message is the session's last one: the lock keeps others out.
        if (!message)
          throw new GenerationDomainError(
            GenerationRefusalCode.RepeatNotSettled,
            'The running generation has no user message; try again',
          );
        return sendStart(streamId, this.messages.toDto(message));
      });
      if (attached) return attached;
    }
    return start(randomUUID());
  }

  private async startKeyed(
    chatSessionId: number,
    key: string,
    resumeFrom: ParsedEventId | undefined,
    start: StartGeneration,
  ): Promise<StartedGeneration> {
    this.sweepNowAndThen();
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const streamId = randomUUID();
      if (await this.keys.claim(chatSessionId, key, streamId)) {
        return this.startClaimed(chatSessionId, key, streamId, start);
      }
      const held = await this.keys.find(chatSessionId, key);
      // Gone: the first request was refused meanwhile (nothing was started), so this one is new.
      if (!held) continue;
      const { start: heldStart } = held;
      if (heldStart) {
        const resume = resumeFrom?.streamId === held.streamId ? resumeFrom : undefined;
        const attached = await this.attachIfRunning(chatSessionId, held.streamId, resume, () =>
          Promise.resolve(heldStart),
        );
        if (attached) return attached;
        return this.replay(heldStart, resume);
      }
      if (Date.now() > deadline) {
        throw new GenerationDomainError(
          GenerationRefusalCode.RepeatNotSettled,
          'The first request with this Idempotency-Key is still starting its reply; try again in a moment',
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** This request holds the key: start, and record the `start` event so repeats can answer with it. */
  private async startClaimed(
    chatSessionId: number,
    key: string,
    streamId: string,
    start: StartGeneration,
  ): Promise<StartedGeneration> {
    let started: StartedGeneration;
    try {
      started = await start(streamId);
    } catch (err) {
      // Refused (or failed) before a generation ran: a repeat is a new request.
      await this.keys
        .release(chatSessionId, key, streamId)
        .catch((e: unknown) => this.logger.warn(`Idempotency key not released: ${String(e)}`));
      throw err;
    }
    try {
      await this.keys.setStarted(chatSessionId, key, started.start);
    } catch (err) {
      // The generation runs regardless; a repeat waits, then (after a minute) may start anew.
      this.logger.warn(`Idempotency key of stream ${streamId} not completed: ${errorText(err)}`);
    }
    return started;
  }

  /**
   * A `generation`-mode connection to the session's running generation when that is `streamId`,
   * led by a `start` event unless the client resumes. Connects first, then checks: a generation
   * seen running after the connection was made was running when it was made, so it is followed.
   */
  private async attachIfRunning(
    chatSessionId: number,
    streamId: string,
    resumeFrom: ParsedEventId | undefined,
    startEvent: () => Promise<StartEvent>,
  ): Promise<StartedGeneration | undefined> {
    const connection = await this.hub.connect(chatSessionId, { mode: 'generation', resumeFrom });
    try {
      const status = await this.hub.status(chatSessionId);
      if (status.streamId !== streamId) {
        connection.close();
        return undefined;
      }
      const start = await startEvent();
      const resumed = resumeFrom?.streamId === streamId;
      const frames = resumed ? connection.frames : concat(of(toFrame(streamId, 0, start)), connection.frames);
      return asStarted(start, { frames, close: () => connection.close() });
    } catch (err) {
      connection.close();
      throw err;
    }
  }

  /** The outcome of an ended generation, as recorded by analytics before its lock was released. */
  private async replay(start: StartEvent, resumeFrom: ParsedEventId | undefined): Promise<StartedGeneration> {
    const ended = await this.endedGeneration(start.streamId);
    const frames = replayFrames(start, ended, resumeFrom);
    const connection: HubConnection = { frames: from(frames), close: () => undefined };
    return asStarted(start, connection);
  }

  /** Analytics is written before the lock is released, except by a dead instance's orphan path: wait briefly. */
  private async endedGeneration(streamId: string): Promise<EndedGeneration> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const recorded = await this.keys.outcome(streamId);
      const ended = recorded && endedFromOutcome(recorded);
      if (ended) return ended;
      if (Date.now() > deadline) {
        throw new GenerationDomainError(
          GenerationRefusalCode.RepeatNotSettled,
          'The reply of the first request with this Idempotency-Key ended without a recorded outcome; ' +
            'send the message again with a new key',
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** Deletes expired keys at most hourly per instance, in the background of a keyed send. */
  private sweepNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    void this.keys
      .sweep()
      .catch((err: unknown) => this.logger.warn(`Expired idempotency keys not swept: ${String(err)}`));
  }
}

/** A generation a repeat joined, as the route answers it. */
function asStarted(start: StartEvent, connection: HubConnection): StartedGeneration {
  // The event carries the wire's StreamUserMessage; it was a MessageDto when the generation started.
  return { streamId: start.streamId, userMessage: start.userMessage as MessageDto | null, start, connection };
}
