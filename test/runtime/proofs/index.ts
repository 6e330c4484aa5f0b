/** Every rule × ORM runtime proof, in rule order. */
import { noInMemoryFilter } from './no-in-memory-filter.js';
import { noLargeInList } from './no-large-in-list.js';
import { noQueryInLoop } from './no-query-in-loop.js';
import { noQueryReuse } from './no-query-reuse.js';
import { noWriteInLoop } from './no-write-in-loop.js';
import { preferAtomicUpdate } from './prefer-atomic-update.js';
import { preferCount } from './prefer-count.js';
import { preferEagerLoad } from './prefer-eager-load.js';
import { preferExists } from './prefer-exists.js';
import type { RuleProof } from './types.js';

export const PROOFS: readonly RuleProof[] = [
  noInMemoryFilter,
  noLargeInList,
  noQueryInLoop,
  noQueryReuse,
  noWriteInLoop,
  preferAtomicUpdate,
  preferCount,
  preferEagerLoad,
  preferExists,
];

/**
 * Rules with no runtime proof, and why: their fixes do not change how many statements run or rows
 * travel, or they have no fix. A test checks that every rule of the plugin is in PROOFS or here.
 */
export const NOT_PROVEN: Readonly<Record<string, string>> = {
  'no-deep-offset': 'no fix or suggestion (keyset pagination needs a cursor the code does not have)',
  'no-outer-client-in-transaction': 'its fix moves a query into the transaction: same statements and rows (correctness, not cost)',
  'no-slow-call-in-transaction': 'no fix or suggestion',
  'no-unexecuted-query':
    'its fix makes a dropped query run (0 → 1 statement): the ❌ code is the bug, so its results cannot be the reference',
  'no-unordered-limit': 'its suggestion adds an ORDER BY: same statements and rows (it makes which rows come back deterministic)',
  'prefer-select': 'its suggestion narrows the columns: same statements and rows',
};
