import { InitialSchema1764158400000 } from './1764158400000-InitialSchema';
import { IdempotencyKeys1764547200000 } from './1764547200000-IdempotencyKeys';
import { ProviderPerModel1764720000000 } from './1764720000000-ProviderPerModel';

/** Listed explicitly (not globbed) so the same array works from ts-jest, ts-node and dist. */
export const migrations = [InitialSchema1764158400000, IdempotencyKeys1764547200000, ProviderPerModel1764720000000];
