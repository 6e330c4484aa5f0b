import noDeepOffset from './no-deep-offset.js';
import noInMemoryFilter from './no-in-memory-filter.js';
import noLargeInList from './no-large-in-list.js';
import noOuterClientInTransaction from './no-outer-client-in-transaction.js';
import noQueryInLoop from './no-query-in-loop.js';
import noQueryReuse from './no-query-reuse.js';
import noSlowCallInTransaction from './no-slow-call-in-transaction.js';
import noUnexecutedQuery from './no-unexecuted-query.js';
import noUnorderedLimit from './no-unordered-limit.js';
import noWriteInLoop from './no-write-in-loop.js';
import preferAtomicUpdate from './prefer-atomic-update.js';
import preferCount from './prefer-count.js';
import preferEagerLoad from './prefer-eager-load.js';
import preferExists from './prefer-exists.js';
import preferSelect from './prefer-select.js';

/** Every rule, by name (alphabetical; a test checks it matches the folder). */
export const rules = {
  'no-deep-offset': noDeepOffset,
  'no-in-memory-filter': noInMemoryFilter,
  'no-large-in-list': noLargeInList,
  'no-outer-client-in-transaction': noOuterClientInTransaction,
  'no-query-in-loop': noQueryInLoop,
  'no-query-reuse': noQueryReuse,
  'no-slow-call-in-transaction': noSlowCallInTransaction,
  'no-unexecuted-query': noUnexecutedQuery,
  'no-unordered-limit': noUnorderedLimit,
  'no-write-in-loop': noWriteInLoop,
  'prefer-atomic-update': preferAtomicUpdate,
  'prefer-count': preferCount,
  'prefer-eager-load': preferEagerLoad,
  'prefer-exists': preferExists,
  'prefer-select': preferSelect,
};
