import noQueryInLoop from './no-query-in-loop.js';
import noWriteInLoop from './no-write-in-loop.js';

/** Every rule, by name (alphabetical; a test checks it matches the folder). */
export const rules = {
  'no-query-in-loop': noQueryInLoop,
  'no-write-in-loop': noWriteInLoop,
};
