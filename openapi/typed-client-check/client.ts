/**
 * A small client typed only by hearth-api.d.ts, the types openapi-typescript generates from
 * openapi/openapi.json. `npm run openapi:check` compiles it: it fails when an error response of
 * any operation is not typed as the contract's error body, and when the documented statuses of
 * the generation routes change.
 */
import type { components, operations } from './hearth-api';

type ErrorBody = components['schemas']['ErrorBodyDto'];
type OperationId = keyof operations;
type Responses<O extends OperationId> = operations[O]['responses'];
type SuccessStatus = 200 | 201 | 204;
type Statuses<O extends OperationId> = keyof Responses<O>;
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

/** What a call answers: one member per documented status, its body typed for that status. */
export type Result<O extends OperationId> = {
  [S in keyof Responses<O>]: { status: S; body: JsonBody<Responses<O>[S]> };
}[keyof Responses<O>];

// --- Compile-time checks of the document -------------------------------------------------------

/** Mutual assignability: enough for the status unions and object shapes compared here. */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

/** "operationId status" of every non-2xx response whose only body is not exactly the error body. */
type UntypedErrors = {
  [O in OperationId]: {
    [S in Exclude<keyof Responses<O>, SuccessStatus>]: Responses<O>[S] extends {
      content: { 'application/json': infer B };
    }
      ? Equal<B, ErrorBody> extends true
        ? Equal<keyof Responses<O>[S]['content'], 'application/json'> extends true
          ? never
          : `${O} ${S & number}: also another media type than application/json`
        : `${O} ${S & number}: the body is not ErrorBodyDto`
      : `${O} ${S & number}: no application/json body`;
  }[Exclude<keyof Responses<O>, SuccessStatus>];
}[OperationId];
/** Compiles only while the union is empty; otherwise the error names the offending responses. */
export const everyErrorBodyIsTyped: [UntypedErrors] extends [never] ? true : UntypedErrors = true;

/** Compiles only while the document says what these routes really answer. */
export type DocumentedAnswers = [
  // The error body is the contract's shape, all three fields required.
  Assert<Equal<ErrorBody, { statusCode: number; message: string; error: string }>>,
  // What the generation routes really answer.
  Assert<
    Equal<
      Statuses<'GenerationController_sendMessage'>,
      200 | 400 | 401 | 402 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503 | 504
    >
  >,
  Assert<Equal<Statuses<'GenerationController_stream'>, 200 | 400 | 401 | 404 | 429 | 503>>,
  Assert<Equal<Statuses<'GenerationController_cancelMessage'>, 200 | 400 | 401 | 404 | 409 | 413 | 415 | 429 | 503>>,
  Assert<Equal<Statuses<'GenerationController_streamStatus'>, 200 | 400 | 401 | 404 | 503>>,
  // send-message answers its 200 as SSE or JSON, and its errors as JSON only.
  Assert<
    Equal<keyof Responses<'GenerationController_sendMessage'>[200]['content'], 'text/event-stream' | 'application/json'>
  >,
  // Settings are the one place the API_TOKEN alone is refused (403); health is open (no 401).
  Assert<Equal<403 extends Statuses<'SettingsController_get'> ? true : false, true>>,
  Assert<Equal<401 extends Statuses<'HealthController_check'> ? true : false, false>>,
];

// --- The client ----------------------------------------------------------------------------------

export interface HearthOptions {
  baseUrl: string;
  /** API_TOKEN or ADMIN_TOKEN, when the server has one set. */
  token?: string;
}

async function call<O extends OperationId>(
  options: HearthOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<Result<O>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(options.baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed: unknown = res.status === 204 ? undefined : await res.json();
  // The status and body come from the server; the document says which body goes with which status.
  return { status: res.status, body: parsed } as Result<O>;
}

export const getChatSession = (o: HearthOptions, id: number) =>
  call<'ChatSessionsController_get'>(o, 'GET', `/api/chat-sessions/${String(id)}`);

export const sendMessageAndWait = (
  o: HearthOptions,
  id: number,
  content: operations['GenerationController_sendMessage']['requestBody']['content']['application/json']['content'],
) =>
  call<'GenerationController_sendMessage'>(o, 'POST', `/api/chat-sessions/${String(id)}/send-message`, {
    content,
    stream: false,
  });

export const cancelMessage = (o: HearthOptions, id: number) =>
  call<'GenerationController_cancelMessage'>(o, 'POST', `/api/chat-sessions/${String(id)}/cancel-message`);

/** How a caller uses the results: narrowing on the status types the body, errors included. */
export async function replyText(o: HearthOptions, sessionId: number, content: string): Promise<string> {
  const session = await getChatSession(o, sessionId);
  if (session.status !== 200)
    throw new Error(`${String(session.status)} ${session.body.error}: ${session.body.message}`);
  const sent = await sendMessageAndWait(o, session.body.id, content);
  switch (sent.status) {
    case 200:
      return sent.body.assistantMessage.content;
    case 429:
      return `rate limited: ${sent.body.message}`;
    default:
      throw new Error(`${String(sent.body.statusCode)} ${sent.body.error}: ${sent.body.message}`);
  }
}
