import { BadRequestException } from '@nestjs/common';
import { ListMessagesQueryDto, messagePage } from './list-messages-query.dto';

function query(fields: Partial<ListMessagesQueryDto>): ListMessagesQueryDto {
  return Object.assign(new ListMessagesQueryDto(), fields);
}

describe(messagePage.name, () => {
  const sut = messagePage;

  it('starts at the beginning of the conversation by default, with the default limit', () => {
    expect(sut(query({}))).toEqual({ limit: 100, from: 'start' });
  });

  it('starts at the end with latest=true', () => {
    expect(sut(query({ latest: true, limit: 20 }))).toEqual({ limit: 20, from: 'end' });
    expect(sut(query({ latest: false }))).toEqual({ limit: 100, from: 'start' });
  });

  it('pages forward from afterId and backward from beforeId', () => {
    expect(sut(query({ afterId: 7, limit: 5 }))).toEqual({ limit: 5, after: 7 });
    expect(sut(query({ beforeId: 7 }))).toEqual({ limit: 100, before: 7 });
  });

  it('refuses two starting points at once, naming them', () => {
    expect(() => sut(query({ afterId: 1, beforeId: 9 }))).toThrow(
      new BadRequestException('Use only one of afterId, beforeId and latest=true; got afterId and beforeId'),
    );
    expect(() => sut(query({ beforeId: 9, latest: true }))).toThrow(/got beforeId and latest=true/);
    expect(() => sut(query({ afterId: 1, latest: true }))).toThrow(BadRequestException);
  });
});
