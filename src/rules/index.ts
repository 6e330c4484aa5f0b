import noDeepOffset from './no-deep-offset.js';
import noLargeInList from './no-large-in-list.js';
import noOuterClientInTransaction from './no-outer-client-in-transaction.js';
import noQueryInLoop from './no-query-in-loop.js';
import noSlowCallInTransaction from './no-slow-call-in-transaction.js';
import noUnorderedLimit from './no-unordered-limit.js';
import noWriteInLoop from './no-write-in-loop.js';
import preferEagerLoad from './prefer-eager-load.js';

/** Every rule, by name (alphabetical; a test checks it matches the folder). */
export const rules = {
  'no-deep-offset': noDeepOffset,
  'no-large-in-list': noLargeInList,
  'no-outer-client-in-transaction': noOuterClientInTransaction,
  'no-query-in-loop': noQueryInLoop,
  'no-slow-call-in-transaction': noSlowCallInTransaction,
  'no-unordered-limit': noUnorderedLimit,
  'no-write-in-loop': noWriteInLoop,
  'prefer-eager-load': preferEagerLoad,
};
