/**
 * A terminal chat on top of HearthClient: streams replies as they arrive, Ctrl+C cancels the
 * reply being written (a second Ctrl+C quits). `/regenerate` writes another version of the last
 * reply (or retries one that failed), `/continue` makes the last reply go on.
 *
 *   npx ts-node examples/client/chat-cli.ts                 # new session with the first AI model
 *   npx ts-node examples/client/chat-cli.ts 7               # continue chat session 7
 *   HEARTH_URL=http://127.0.0.1:3000 HEARTH_TOKEN=… npx ts-node examples/client/chat-cli.ts
 */
import { createInterface } from 'node:readline/promises';
import { type GenerationEvent, HearthClient, HearthError } from './hearth-client';

async function main(): Promise<void> {
  const client = new HearthClient({
    baseUrl: process.env.HEARTH_URL ?? 'http://127.0.0.1:3000',
    token: process.env.HEARTH_TOKEN,
    onReconnect: ({ attempt, delayMs }) =>
      process.stderr.write(`\n[connection lost; retry ${attempt} in ${delayMs} ms]\n`),
  });
  const sessionId = await pickSession(client, process.argv[2]);
  for (const m of await client.messages(sessionId, { latest: true, limit: 20 })) {
    console.log(`${m.role === 'user' ? 'you' : 'ai '}> ${m.content}\n`);
  }

  const rl = createInterface({ input: process.stdin, output: process.stdout });
  let replying = false;
  rl.on('SIGINT', () => {
    if (!replying) {
      rl.close();
      return;
    }
    void client.cancel(sessionId).catch((err: unknown) => console.error(`\n${(err as Error).message}`));
  });

  for (;;) {
    let line: string;
    try {
      line = await rl.question('you> ');
    } catch {
      break; // closed (Ctrl+C or Ctrl+D at the prompt)
    }
    const command = line.trim();
    if (!command) continue;
    replying = true;
    process.stdout.write(command === '/continue' ? 'ai…> ' : 'ai > ');
    try {
      const events =
        command === '/regenerate'
          ? client.regenerate(sessionId)
          : command === '/continue'
            ? client.continue(sessionId)
            : client.sendMessage(sessionId, line);
      await print(events);
    } catch (err) {
      // Refusals (409 busy, 400 no API key, …) carry the server's explanation.
      process.stdout.write(err instanceof HearthError ? `[${err.status}] ${err.message}` : String(err));
    } finally {
      replying = false;
      process.stdout.write('\n\n');
    }
  }
}

async function print(events: AsyncIterable<GenerationEvent>): Promise<void> {
  for await (const event of events) {
    if (event.type === 'content') process.stdout.write(event.data);
    else if (event.type === 'done' && event.variantIndex > 0) process.stdout.write(`\n[variant ${event.variantIndex}]`);
    else if (event.type === 'error') process.stdout.write(`\n[error ${event.code}: ${event.error}]`);
    else if (event.type === 'cancelled') process.stdout.write(`\n[cancelled: ${event.reason}]`);
  }
}

async function pickSession(client: HearthClient, arg: string | undefined): Promise<number> {
  if (arg) return (await client.chatSessions.get(Number(arg))).id;
  const model = (await client.aiModels.list({ limit: 1 })).at(0);
  if (!model) throw new Error('Create an AI model first, e.g. POST /api/ai-models {"label":"openai/gpt-4o-mini"}');
  const session = await client.chatSessions.create({ name: 'Terminal chat', aiModelId: model.id });
  console.log(`(new chat session ${session.id} with ${model.label})\n`);
  return session.id;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
