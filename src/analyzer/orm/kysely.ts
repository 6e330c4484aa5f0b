import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { spliceNodeText, type Splice } from '../fixes.js';
import { othersDependOnItem, renameMethod } from './batch.js';
import { calleeOf, findCall, isArrayArg, lastName, stringArg, type CallLink } from './common.js';
import { mapSplice } from './bulk.js';
import type { BatchPlan, BatchRequest, BulkWritePlan, BulkWriteRequest, Evidence, Operation, OrmModule } from './types.js';

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
  hints: {
    batch: `where('id', 'in', ids)`,
    eager: 'jsonArrayFrom(…) or a join',
    bulk: `insertInto(t).values(rows), updateTable(t).set(values).where('id', 'in', ids)`,
  },
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

  bulkWrite(req) {
    return bulkWrite(req);
  },
};

/**
 * `insertInto(t).values(row)` per item → `values(items.map(…))`; `updateTable`/`deleteFrom` filtered by
 * `where('id', '=', item.id)` → `where('id', 'in', keys)`. Both are guarded: Kysely rejects an empty
 * `values([])` and an empty `in ()` is invalid SQL.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, chain, call, scope, sourceCode } = req;
  if (match.execution !== 'terminal') return undefined;
  const startIndex = findCall(chain, (name) => name in STARTS);
  const start = chain.links[startIndex] as CallLink | undefined;
  if (!start || start.args.some((a) => scope.dependsOnItem(a))) return undefined;
  if (start.name === 'insertInto') {
    const valuesIndex = findCall(chain, new Set(['values']), startIndex);
    const values = valuesIndex === -1 ? undefined : (chain.links[valuesIndex] as CallLink);
    const row = values?.args[0];
    if (!values || values.args.length !== 1 || !row || row.type === AST_NODE_TYPES.ArrayExpression || row.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if (row.type === AST_NODE_TYPES.ArrowFunctionExpression || row.type === AST_NODE_TYPES.FunctionExpression || othersDependOnItem(scope, call, [row])) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [mapSplice(scope, row)]), guardEmpty: true };
  }
  if (start.name !== 'updateTable' && start.name !== 'deleteFrom') return undefined;
  let found: { op: TSESTree.Node; value: TSESTree.Node } | undefined;
  for (const link of chain.links) {
    if (link.kind !== 'call' || !link.args.some((a) => scope.dependsOnItem(a))) continue;
    const [column, op, value] = link.args;
    if (found || link.name !== 'where' || link.args.length !== 3 || column?.type !== AST_NODE_TYPES.Literal || op?.type !== AST_NODE_TYPES.Literal || op.value !== '=' || !value) return undefined;
    found = { op, value };
  }
  if (!found || !scope.isItemKey(found.value) || othersDependOnItem(scope, call, [found.value])) return undefined;
  const splices: Splice[] = [
    { range: found.op.range, text: "'in'" },
    { range: found.value.range, text: scope.mapText(found.value) },
  ];
  return { kind: 'replace', text: spliceNodeText(sourceCode, call, splices), guardEmpty: true };
}

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
