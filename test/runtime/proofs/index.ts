/** Every rule × ORM runtime proof, in rule order. */
import { noInMemoryFilter } from './no-in-memory-filter.js';
import { noQueryInLoop } from './no-query-in-loop.js';
import { noWriteInLoop } from './no-write-in-loop.js';
import { preferAtomicUpdate } from './prefer-atomic-update.js';
import { preferCount } from './prefer-count.js';
import { preferEagerLoad } from './prefer-eager-load.js';
import { preferExists } from './prefer-exists.js';
import type { RuleProof } from './types.js';

export const PROOFS: readonly RuleProof[] = [noInMemoryFilter, noQueryInLoop, noWriteInLoop, preferAtomicUpdate, preferCount, preferEagerLoad, preferExists];
