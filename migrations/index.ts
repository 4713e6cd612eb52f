import { InitialSchema1764158400000 } from './1764158400000-InitialSchema';
import { IdempotencyKeys1764547200000 } from './1764547200000-IdempotencyKeys';
import { ConversationControl1764710000000 } from './1764710000000-ConversationControl';
import { ProviderPerModel1764720000000 } from './1764720000000-ProviderPerModel';
import { CharacterCards1764730000000 } from './1764730000000-CharacterCards';
import { ContextBudget1764740000000 } from './1764740000000-ContextBudget';
import { GenerationVariantIndex1764750000000 } from './1764750000000-GenerationVariantIndex';

/** Listed explicitly (not globbed) so the same array works from ts-jest, ts-node and dist. */
export const migrations = [
  InitialSchema1764158400000,
  IdempotencyKeys1764547200000,
  ConversationControl1764710000000,
  ProviderPerModel1764720000000,
  CharacterCards1764730000000,
  ContextBudget1764740000000,
  GenerationVariantIndex1764750000000,
];
