import { InitialSchema1764158400000 } from './1764158400000-InitialSchema';

/** Listed explicitly (not globbed) so the same array works from ts-jest, ts-node and dist. */
export const migrations = [InitialSchema1764158400000];
