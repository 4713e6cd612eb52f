import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { parseLastEventId } from '../streaming/sse-framing';
import { SseWriter } from '../streaming/sse-writer';
import { GenerationService, StartedGeneration } from './generation.service';
import { GenerationResponses } from './generation-api-docs';
import { IdempotencyService, RepeatHeaders } from './idempotency.service';
import { parseIdempotencyKey } from './idempotency-key';
import {
  CancelMessageResultDto,
  GenerateDto,
  SendMessageDto,
  SendMessageResultDto,
  StreamStatusDto,
} from './dto/send-message.dto';
import { STREAM_EVENT_DTOS } from './dto/stream-events.dto';
import { GenerationThrottle } from '../http/generation-throttle';
import { ApiErrorResponse } from '../http/error-body.dto';
import { ApiIdParam } from '../resources/api-docs';
import { HearthMetrics } from '../metrics/hearth-metrics';

/** The media type object of an SSE answer (a media type has no description: that goes on the response). */
const EVENT_STREAM = { schema: { oneOf: STREAM_EVENT_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } };
const EVENT_STREAM_TEXT =
  'text/event-stream: each event is `id: <streamId>:<offset>` and `data: <json>`, one of the event schemas ' +
  '(StartEventDto, ReasoningEventDto, ContentEventDto, DoneEventDto, ErrorEventDto, CancelledEventDto; attached tabs ' +
  'also get MessagesChangedEventDto, without an id); `: ping` comments every HEARTBEAT_MS. See docs/streaming-protocol.md.';
const SESSION = 'chat session';
const REDIS_DOWN = 'REDIS_URL is set and Redis does not answer; try again in a moment';

@ApiTags('generation')
@ApiExtraModels(...STREAM_EVENT_DTOS)
@Controller('chat-sessions')
export class GenerationController {
  constructor(
    private readonly generation: GenerationService,
    private readonly idempotency: IdempotencyService,
    private readonly config: AppConfig,
    private readonly metrics: HearthMetrics,
  ) {}

  @Post(':id/send-message')
  @GenerationThrottle('With stream: false, also when OpenRouter rate-limited the reply (error code rate_limited)')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a user message and stream (or wait for) the AI reply',
    description:
      'Checks first and saves nothing on failure: the session exists, content is not empty, an OpenRouter key is ' +
      'set, the session has an AI model, no reply is being generated. Then saves the user message and calls the ' +
      'provider. `stream: true` (default) answers text/event-stream until `done`, `error` or `cancelled`; ' +
      '`stream: false` waits and answers both messages as JSON, or the failure as an HTTP error (402, 409, 429, ' +
      '500, 502, 503, 504) in the error shape.',
  })
  @ApiOkResponse({
    description: `stream: true → ${EVENT_STREAM_TEXT} stream: false → the user and assistant messages.`,
    content: {
      'text/event-stream': EVENT_STREAM,
      'application/json': { schema: { $ref: getSchemaPath(SendMessageResultDto) } },
    },
  })
  @ApiExtraModels(SendMessageResultDto)
  @ApiIdParam(
    SESSION,
    ', the body is not valid JSON, content is empty or not a string, stream is not a boolean, ' +
      'Idempotency-Key is empty or longer than 255 characters, no OpenRouter API key is set, or the session has ' +
      'no AI model',
  )
  @ApiErrorResponse(
    409,
    'A reply is already being generated in this session, or the stored OpenRouter key cannot be decrypted with ' +
      'ENCRYPTION_KEY, or the first request with this Idempotency-Key is still starting; with stream: false also ' +
      'when the reply was cancelled (user_cancelled, no_clients)',
  )
  @ApiErrorResponse(413, 'The body is over BODY_LIMIT_BYTES')
  @ApiErrorResponse(415, 'The body is not application/json')
  @ApiErrorResponse(
    402,
    'stream: false: OpenRouter says the account has too few credits (error code insufficient_credits)',
  )
  @ApiErrorResponse(500, 'stream: false: the generation failed inside the server (error code internal)')
  @ApiErrorResponse(
    502,
    'stream: false: OpenRouter refused the API key or failed (error codes upstream_auth, upstream_error)',
  )
  @ApiErrorResponse(503, `${REDIS_DOWN}; with stream: false also when the server shut down during the reply`)
  @ApiErrorResponse(
    504,
    'stream: false: OpenRouter went silent for UPSTREAM_IDLE_TIMEOUT_MS or the reply ran over STREAM_TIMEOUT_MS',
  )
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'A fresh string (1 to 255 characters, e.g. a UUID) per user message. A repeat with the same key in this ' +
      'session within 24 h starts nothing: it attaches to the reply the first request started, or gets its ' +
      'outcome once it ended. See "Retries and Idempotency-Key" in docs/streaming-protocol.md.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: "`<streamId>:<offset>` of the session's running reply: attach to it after that offset",
  })
  async sendMessage(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: SendMessageDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const repeat = repeatHeaders(req);
    const started = await this.idempotency.startOnce(id, 'send', repeat, (streamId) =>
      this.generation.start(id, body.content, streamId),
    );
    await this.answer(reply, body, started);
  }

  /** `stream: false`: both messages as JSON once the generation ended; otherwise its events. */
  private async answer(reply: FastifyReply, body: { stream?: boolean }, started: StartedGeneration): Promise<void> {
    if (body.stream === false) {
      const result: SendMessageResultDto = await this.generation.waitForOutcome(started);
      await reply.status(200).send(result);
      return;
    }
    await this.relay(reply, started.connection);
  }

  @Post(':id/regenerate')
  @GenerationThrottle('With stream: false, also when the provider rate-limited the reply (error code rate_limited)')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Regenerate the last reply as a new variant, or retry after a failed or stopped one',
    description:
      'Last message a reply: a new variant of it, generated from the history before it, active once saved. Last ' +
      "message the user's: a new reply to it (retry). A generation like send-message in every way (lock, events, " +
      'attach, cancel, timeouts); its `start` has `kind: "regenerate"`, `userMessage: null` and `messageId` (null ' +
      'for a retry), its `done` the `messageId` and `variantIndex`.',
  })
  @GenerationResponses('regenerate')
  async regenerate(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: GenerateDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const started = await this.idempotency.startOnce(id, 'regenerate', repeatHeaders(req), (streamId) =>
      this.generation.regenerate(id, streamId),
    );
    await this.answer(reply, body, started);
  }

  @Post(':id/continue')
  @GenerationThrottle('With stream: false, also when the provider rate-limited the reply (error code rate_limited)')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Continue the last reply where it stopped',
    description:
      'The history is sent with the last reply as the final assistant turn (a prefill); the new text is appended to ' +
      'its active variant on `done`. The last message must be a reply (else 409). Events as for regenerate, with ' +
      '`kind: "continue"`.',
  })
  @GenerationResponses('continue')
  async continue(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: GenerateDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const started = await this.idempotency.startOnce(id, 'continue', repeatHeaders(req), (streamId) =>
      this.generation.continue(id, streamId),
    );
    await this.answer(reply, body, started);
  }

  @Get(':id/stream')
  @ApiOperation({
    summary: 'Attach a tab to the session: text so far, then every generation live',
    description:
      'Send `Last-Event-ID` (the last `id:` seen) to receive only what follows it. Stays open across generations.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: '`<streamId>:<offset>` to resume after' })
  @ApiOkResponse({ description: EVENT_STREAM_TEXT, content: { 'text/event-stream': EVENT_STREAM } })
  @ApiIdParam(SESSION)
  @ApiErrorResponse(429, 'MAX_CONNECTIONS_PER_SESSION connections are already attached to this session')
  @ApiErrorResponse(503, REDIS_DOWN)
  async stream(
    @Param('id', ParseIdPipe) id: number,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resumeFrom = parseLastEventId(req.headers['last-event-id']);
    const connection = await this.generation.attach(id, resumeFrom);
    await this.relay(reply, connection);
  }

  @Post(':id/cancel-message')
  @GenerationThrottle()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop the reply being generated; the partial text is not saved',
    description:
      'Aborts the provider request; every attached connection gets a `cancelled` event with reason ' +
      '`user_cancelled`, and a new message can be sent at once. Takes no body.',
  })
  @ApiOkResponse({ type: CancelMessageResultDto })
  @ApiIdParam(SESSION)
  @ApiErrorResponse(409, 'No reply is being generated (or it is already complete and being saved)')
  @ApiErrorResponse(503, REDIS_DOWN)
  cancelMessage(@Param('id', ParseIdPipe) id: number): Promise<CancelMessageResultDto> {
    return this.generation.cancel(id);
  }

  @Get(':id/stream-status')
  @ApiOperation({
    summary: 'Whether a reply is being generated, how far it got, and how many are watching',
    description: 'Reads the live state (Redis with REDIS_URL, this process otherwise); never waits for a generation.',
  })
  @ApiOkResponse({ type: StreamStatusDto })
  @ApiIdParam(SESSION)
  @ApiErrorResponse(503, REDIS_DOWN)
  streamStatus(@Param('id', ParseIdPipe) id: number): Promise<StreamStatusDto> {
    return this.generation.status(id);
  }

  /** Hands the raw response to the SSE writer; Fastify must not touch it afterwards. */
  private async relay(
    reply: FastifyReply,
    connection: Awaited<ReturnType<GenerationService['attach']>>,
  ): Promise<void> {
    reply.hijack();
    const writer = new SseWriter(reply.raw, connection, {
      heartbeatMs: this.config.heartbeatMs,
      headers: reply.getHeaders(),
    });
    this.metrics.sseOpened();
    try {
      await writer.run(); // resolves when the response has closed
    } finally {
      this.metrics.sseClosed();
    }
  }
}

/** The headers that make a POST that starts a generation a possible repeat of an earlier one. */
function repeatHeaders(req: FastifyRequest): RepeatHeaders {
  return {
    key: parseIdempotencyKey(req.headers['idempotency-key']),
    resumeFrom: parseLastEventId(req.headers['last-event-id']),
  };
}
