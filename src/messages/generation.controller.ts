import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
  ApiHeader,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { parseLastEventId } from '../streaming/sse-framing';
import { SseWriter } from '../streaming/sse-writer';
import { TooManyConnectionsError } from '../streaming/stream-hub';
import { GenerationService } from './generation.service';
import { CancelMessageResultDto, SendMessageDto, SendMessageResultDto, StreamStatusDto } from './dto/send-message.dto';
import { STREAM_EVENT_DTOS } from './dto/stream-events.dto';
import { GenerationThrottle } from '../http/generation-throttle';

const EVENT_STREAM_DOC = {
  description:
    'text/event-stream: each event is `id: <streamId>:<offset>` and `data: <json>`, one of the event schemas; `: ping` comments every HEARTBEAT_MS',
  schema: { oneOf: STREAM_EVENT_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) },
};

@ApiTags('generation')
@ApiExtraModels(...STREAM_EVENT_DTOS)
@Controller('chat-sessions')
export class GenerationController {
  constructor(
    private readonly generation: GenerationService,
    private readonly config: AppConfig,
  ) {}

  @Post(':id/send-message')
  @GenerationThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a user message and stream (or wait for) the AI reply' })
  @ApiProduces('text/event-stream', 'application/json')
  @ApiOkResponse({
    description: 'stream: true → text/event-stream until done, error or cancelled; stream: false → both messages',
    content: {
      'text/event-stream': EVENT_STREAM_DOC,
      'application/json': { schema: { $ref: getSchemaPath(SendMessageResultDto) } },
    },
  })
  @ApiExtraModels(SendMessageResultDto)
  @ApiBadRequestResponse({ description: 'Empty content, a malformed body, or no OpenRouter API key set' })
  @ApiNotFoundResponse({ description: 'No such chat session' })
  @ApiConflictResponse({ description: 'A reply is already being generated in this session' })
  async sendMessage(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: SendMessageDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (body.stream === false) {
      const result: SendMessageResultDto = await this.generation.sendAndWait(id, body.content);
      await reply.status(200).send(result);
      return;
    }
    const started = await this.generation.start(id, body.content);
    await this.relay(reply, started.connection);
  }

  @Get(':id/stream')
  @ApiOperation({
    summary: 'Attach a tab to the session: text so far, then every generation live',
    description:
      'Send `Last-Event-ID` (the last `id:` seen) to receive only what follows it. Stays open across generations.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: '`<streamId>:<offset>` to resume after' })
  @ApiOkResponse({ content: { 'text/event-stream': EVENT_STREAM_DOC } })
  @ApiNotFoundResponse({ description: 'No such chat session' })
  @ApiTooManyRequestsResponse({ description: 'MAX_CONNECTIONS_PER_SESSION connections are already attached' })
  async stream(
    @Param('id', ParseIdPipe) id: number,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resumeFrom = parseLastEventId(req.headers['last-event-id']);
    const connection = await this.generation.attach(id, resumeFrom).catch((err: unknown) => {
      if (err instanceof TooManyConnectionsError) throw new HttpException(err.message, HttpStatus.TOO_MANY_REQUESTS);
      throw err;
    });
    await this.relay(reply, connection);
  }

  @Post(':id/cancel-message')
  @GenerationThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the reply being generated; the partial text is not saved' })
  @ApiOkResponse({ type: CancelMessageResultDto })
  @ApiNotFoundResponse({ description: 'No such chat session' })
  @ApiConflictResponse({ description: 'No reply is being generated (or it is already being saved)' })
  cancelMessage(@Param('id', ParseIdPipe) id: number): Promise<CancelMessageResultDto> {
    return this.generation.cancel(id);
  }

  @Get(':id/stream-status')
  @ApiOperation({ summary: 'Whether a reply is being generated, how far it got, and how many are watching' })
  @ApiOkResponse({ type: StreamStatusDto })
  @ApiNotFoundResponse({ description: 'No such chat session' })
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
    await writer.run();
  }
}
