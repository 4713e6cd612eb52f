import { inUseMessage } from './ai-models.service';

describe(inUseMessage.name, () => {
  const sut = inUseMessage;

  it('names the one session that uses the model', () => {
    expect(sut(3, [7])).toBe('AI model 3 is used by chat session 7: switch them to another model or delete them first');
  });

  it('names every session when there are few', () => {
    expect(sut(3, [1, 4, 9])).toMatch(/^AI model 3 is used by chat sessions 1, 4, 9: /);
  });

  it('names the first ten and says there are more', () => {
    const ids = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(sut(2, ids)).toMatch(/^AI model 2 is used by chat sessions 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and more: /);
  });
});
