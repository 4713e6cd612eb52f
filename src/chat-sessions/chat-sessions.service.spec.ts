import { Logger } from '@nestjs/common';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import type { Repository } from 'typeorm';
import type { AiModelsService } from '../ai-models/ai-models.service';
import type { SystemPromptsService } from '../system-prompts/system-prompts.service';
import type { CharactersService } from '../characters/characters.service';
import type { UserProfilesService } from '../user-profiles/user-profiles.service';
import { ChatSessionsService } from './chat-sessions.service';
import { ChatSessionEntity } from './chat-session.entity';
import { SessionDeletionHook } from './session-lifecycle';

/** A repository whose delete finds `existing` ids, recording the order of deletes and hook calls. */
function fakeRepo(existing: number[], log: string[]): Repository<ChatSessionEntity> {
  return {
    delete: async (id: number) => {
      log.push(`delete ${id}`);
      return { affected: existing.includes(id) ? 1 : 0, raw: [] };
    },
  } as unknown as Repository<ChatSessionEntity>;
}

function service(repo: Repository<ChatSessionEntity>, hooks: SessionDeletionHook[] | null): ChatSessionsService {
  const sut = new ChatSessionsService(
    repo,
    {} as AiModelsService,
    {} as SystemPromptsService,
    {} as CharactersService,
    {} as UserProfilesService,
  );
  for (const hook of hooks ?? []) sut.registerDeletionHook(hook);
  return sut;
}

describe(ChatSessionsService.name, () => {
  describe('remove', () => {
    it('tells every deletion hook, after the delete', async () => {
      const log: string[] = [];
      const hook = (name: string): SessionDeletionHook => ({
        onSessionDeleted: async (id) => {
          log.push(`${name} ${id}`);
        },
      });
      const sut = service(fakeRepo([7], log), [hook('cancel'), hook('audit')]);
      await sut.remove(7);
      expect(log).toEqual(['delete 7', 'cancel 7', 'audit 7']);
    });

    it('deletes without hooks when none are provided', async () => {
      const log: string[] = [];
      const sut = service(fakeRepo([7], log), null);
      await expect(sut.remove(7)).resolves.toBeUndefined();
      expect(log).toEqual(['delete 7']);
    });

    it('answers 404 for an unknown session and tells no hook', async () => {
      const log: string[] = [];
      const onSessionDeleted = jest.fn(async () => undefined);
      const sut = service(fakeRepo([], log), [{ onSessionDeleted }]);
      await expect(sut.remove(9)).rejects.toThrow(
        new ResourceDomainError(ResourceErrorCode.NotFound, 'Chat session 9 does not exist'),
      );
      expect(onSessionDeleted).not.toHaveBeenCalled();
    });

    it('still succeeds, and still tells the other hooks, when one hook fails', async () => {
      const log: string[] = [];
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const failing: SessionDeletionHook = { onSessionDeleted: async () => Promise.reject(new Error('hub down')) };
      const working: SessionDeletionHook = {
        onSessionDeleted: async (id) => {
          log.push(`cancel ${id}`);
        },
      };
      const sut = service(fakeRepo([3], log), [failing, working]);
      await expect(sut.remove(3)).resolves.toBeUndefined();
      expect(log).toEqual(['delete 3', 'cancel 3']);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('hub down'));
      logged.mockRestore();
    });
  });
});
