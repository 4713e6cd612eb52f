import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/error-body.dto';
import { ApiIdParam, ApiJsonBody } from '../resources/api-docs';
import { SendMessageResultDto } from './dto/send-message.dto';
import { STREAM_EVENT_DTOS } from './dto/stream-events.dto';

/* The responses regenerate and continue share (send-message keeps its own, older wording). */

const EVENT_STREAM = { schema: { oneOf: STREAM_EVENT_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } };

export const GenerationResponses = (kind: 'regenerate' | 'continue') =>
  applyDecorators(
    ApiExtraModels(SendMessageResultDto),
    ApiOkResponse({
      description:
        'stream: true → text/event-stream, the events of send-message (see docs/streaming-protocol.md). ' +
        'stream: false → `{"userMessage": null, "assistantMessage": …}` once the reply is saved.',
      content: {
        'text/event-stream': EVENT_STREAM,
        'application/json': { schema: { $ref: getSchemaPath(SendMessageResultDto) } },
      },
    }),
    ApiIdParam(
      'chat session',
      ', the body is not valid JSON, stream is not a boolean, no API key is set, or the session has no AI model',
    ),
    ApiErrorResponse(
      409,
      kind === 'regenerate'
        ? 'A reply is already being generated in this session, or the session has no messages yet'
        : 'A reply is already being generated in this session, or its last message is not a reply',
    ),
    ApiJsonBody(),
    ApiErrorResponse(402, 'stream: false: the provider says the account has too few credits'),
    ApiErrorResponse(500, 'stream: false: the generation failed inside the server'),
    ApiErrorResponse(502, 'stream: false: the provider refused the API key or failed'),
    ApiErrorResponse(503, 'REDIS_URL is set and Redis does not answer; with stream: false also at shutdown'),
    ApiErrorResponse(504, 'stream: false: the provider went silent, or the reply ran over STREAM_TIMEOUT_MS'),
  );
