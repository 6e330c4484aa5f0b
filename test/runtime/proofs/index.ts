/** Every rule × ORM runtime proof, in rule order. */
import { noQueryInLoop } from './no-query-in-loop.js';
import type { RuleProof } from './types.js';

export const PROOFS: readonly RuleProof[] = [noQueryInLoop];
