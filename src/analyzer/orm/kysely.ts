import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { spliceNodeText, type Splice } from '../fixes.js';
import { othersDependOnItem, renameMethod } from './batch.js';
import { calleeOf, findCall, isArrayArg, lastName, stringArg, type CallLink } from './common.js';
import type { BatchPlan, BatchRequest, Evidence, Operation, OrmModule } from './types.js';

const STARTS: Readonly<Record<string, Operation>> = {
  selectFrom: 'read-many',
  insertInto: 'write-one',
  replaceInto: 'write-one',
  updateTable: 'write-many',
  deleteFrom: 'write-many',
  mergeInto: 'write-many',
};
const TERMINALS = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream', 'explain']);

export const kysely: OrmModule = {
  id: 'kysely',
  name: 'Kysely',
  hints: { batch: `where('id', 'in', ids)`, eager: 'jsonArrayFrom(…) or a join' },
  packages: ['kysely'],
  methodNames: new Set([...TERMINALS, ...Object.keys(STARTS), 'where', 'select', 'selectAll', 'orderBy', 'limit', 'offset', 'values', 'set', 'returning', 'returningAll', 'innerJoin', 'leftJoin', 'groupBy']),
  exports: { Kysely: 'factory' },
  derived: {
    factory: { new: 'client' },
  },
  typeNames: { Kysely: 'client', Transaction: 'transaction', ControlledTransaction: 'transaction' },
  distinctiveTypeNames: /^Kysely$/,
  transactionMethods: new Set(['transaction']),

  recognize(chain, ctx) {
    const startIndex = findCall(chain, (name) => name in STARTS);
    if (startIndex === -1) return undefined;
    const startLink = chain.links[startIndex] as CallLink;
    const clientExpr = calleeOf(chain, startIndex);
    const origin = ctx.originOf(clientExpr);
    let evidence: Evidence;
    if (origin) {
      if (origin.orm !== 'kysely') return undefined;
      evidence = origin.evidence;
    } else {
      // `selectFrom`/`insertInto`/… are Kysely's own vocabulary; the terminal confirms it.
      evidence = 'shape';
      if (clientExpr.type === AST_NODE_TYPES.Identifier && clientExpr.name === 'eb') evidence = 'shape';
      if (lastName(clientExpr) === undefined && clientExpr.type !== AST_NODE_TYPES.ThisExpression) evidence = 'name';
    }
    const last = chain.links[chain.links.length - 1]!;
    const method = last.kind === 'call' && last.name !== undefined ? last.name : startLink.name!;
    const table = stringArg(startLink)?.split(' ')[0];
    let operation = STARTS[startLink.name!]!;
    if (operation === 'read-many') {
      if (method === 'executeTakeFirst' || method === 'executeTakeFirstOrThrow') operation = 'read-one';
      const counts = chain.links.some((l) => l.kind === 'call' && l.name === 'select' && l.args.some((a) => /\bcountAll\(|\bfn\.count\(/.test(ctx.text(a))));
      if (counts) operation = 'count';
    } else if (operation === 'write-one') {
      const values = findCall(chain, new Set(['values']), startIndex);
      if (values !== -1 && isArrayArg(chain.links[values] as CallLink)) operation = 'write-many';
    }
    const execution = TERMINALS.has(method) ? 'terminal' : 'inert';
    return { orm: 'kysely', operation, evidence, execution, method, model: table, optionsCall: startLink.node };
  },

  batchLookup(req) {
    return batchLookup(req);
  },
};

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { chain, sourceCode, match } = req;
  if (match.operation !== 'read-one' && match.operation !== 'read-many') return undefined;
  if (match.method !== 'execute' && match.method !== 'executeTakeFirst') return undefined;
  let whereLink: CallLink | undefined;
  for (const link of chain.links) {
    if (link.kind !== 'call') continue;
    if (link.name === 'limit' || link.name === 'offset' || (link.name === 'orderBy' && match.method === 'executeTakeFirst')) return undefined;
    if (link.name === 'where' && link.args.some((a) => req.dependsOnItem(a))) {
      if (whereLink) return undefined;
      whereLink = link;
    }
  }
  if (!whereLink) return undefined;
  const [col, op, value] = whereLink.args;
  if (whereLink.args.length !== 3 || col?.type !== AST_NODE_TYPES.Literal || typeof col.value !== 'string') return undefined;
  if (op?.type !== AST_NODE_TYPES.Literal || op.value !== '=' || !value || !req.isItemKey(value)) return undefined;
  if (othersDependOnItem(req, req.call, [value])) return undefined;
  const many = match.method === 'execute';
  const splices: Splice[] = [
    { range: op.range, text: "'in'" },
    { range: value.range, text: req.keysText(value) },
  ];
  if (!many) splices.push(renameMethod(req.call, 'execute')!);
  const field = col.value.includes('.') ? col.value.slice(col.value.lastIndexOf('.') + 1) : col.value;
  return { keyField: field, keyNode: value, batchedText: `await ${spliceNodeText(sourceCode, req.call, splices)}`, many };
}
