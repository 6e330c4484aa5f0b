import noDeepOffset from './no-deep-offset.js';
import noLargeInList from './no-large-in-list.js';
import noQueryInLoop from './no-query-in-loop.js';
import noWriteInLoop from './no-write-in-loop.js';
import noUnorderedLimit from './no-unordered-limit.js';

/** Every rule, by name (alphabetical; a test checks it matches the folder). */
export const rules = {
  'no-deep-offset': noDeepOffset,
  'no-large-in-list': noLargeInList,
  'no-query-in-loop': noQueryInLoop,
  'no-unordered-limit': noUnorderedLimit,
  'no-write-in-loop': noWriteInLoop,
};
