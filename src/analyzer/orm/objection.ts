import { spliceNodeText } from '../fixes.js';
import { othersDependOnItem, renameMethod } from './batch.js';
import { exprBefore, isArrayArg, isModelLike, lastName, PROMISE_LIKE, stringArg, type CallLink } from './common.js';
import { builderBatchLookup, KNEX_BUILDER_METHODS } from './knex.js';
import type { BatchPlan, BatchRequest, Evidence, Operation, OrmModule } from './types.js';

/** Objection's own builder methods (on top of Knex's). */
const OBJECTION_METHODS: Readonly<Record<string, Operation | null>> = {
  findById: 'read-one',
  findByIds: 'read-many',
  findOne: 'read-one',
  resultSize: 'count',
  page: 'read-many',
  range: 'read-many',
  insertGraph: 'write-one',
  insertGraphAndFetch: 'write-one',
  upsertGraph: 'write-one',
  upsertGraphAndFetch: 'write-one',
  insertAndFetch: 'write-one',
  patch: 'write-many',
  patchAndFetch: 'write-one',
  patchAndFetchById: 'write-one',
  updateAndFetch: 'write-one',
  updateAndFetchById: 'write-one',
  deleteById: 'write-one',
  relate: 'write-one',
  unrelate: 'write-many',
  withGraphFetched: null,
  withGraphJoined: null,
  joinRelated: null,
  leftJoinRelated: null,
  innerJoinRelated: null,
  modifiers: null,
  modify: null,
  allowGraph: null,
  throwIfNotFound: null,
  castTo: null,
  runAfter: null,
  runBefore: null,
  onBuild: null,
  context: null,
  alias: null,
  for: null,
  whereComposite: null,
  whereInComposite: null,
  eager: null,
  returning: null,
  execute: null,
};
const STARTS = new Set(['query', 'relatedQuery', '$query', '$relatedQuery', '$fetchGraph', 'fetchGraph']);
const DISTINCTIVE = new Set(['findById', 'findByIds', 'withGraphFetched', 'withGraphJoined', 'joinRelated', 'patch', 'patchAndFetchById', 'insertGraph', 'upsertGraph', 'deleteById', 'resultSize', 'modify', 'throwIfNotFound', 'relate', 'unrelate']);

export const objection: OrmModule = {
  id: 'objection',
  name: 'Objection',
  hints: { batch: 'findByIds(ids)', eager: `withGraphFetched('author')` },
  packages: ['objection'],
  methodNames: new Set([...STARTS, ...Object.keys(OBJECTION_METHODS), ...KNEX_BUILDER_METHODS]),
  exports: { Model: 'factory' },
  derived: {},
  typeNames: { Transaction: 'transaction', ModelClass: 'model' },
  baseClasses: ['Model'],
  transactionMethods: new Set(['transaction']),

  recognize(chain, ctx) {
    const { links } = chain;
    const start = links.findIndex((l) => l.kind === 'call');
    if (start === -1) return undefined;
    const head = links[start] as CallLink;
    if (head.name === undefined || !STARTS.has(head.name)) return undefined;
    const receiver = exprBefore(chain, start);
    const instance = head.name.startsWith('$');
    const origin = instance ? undefined : ctx.originOf(receiver);
    if (origin && origin.orm !== 'objection') return undefined;
    const later = links.slice(start + 1);
    for (const link of later) {
      if (link.kind !== 'call' || link.name === undefined) return undefined;
      if (!(link.name in OBJECTION_METHODS) && !KNEX_BUILDER_METHODS.has(link.name) && !PROMISE_LIKE.has(link.name)) return undefined;
    }
    const names = later.map((l) => (l as CallLink).name!);
    let evidence: Evidence;
    if (origin) evidence = origin.evidence;
    else if (instance) evidence = head.name === '$relatedQuery' || head.name === '$fetchGraph' || ctx.fileImports('objection') ? 'shape' : 'name';
    else {
      if (!isModelLike(receiver)) return undefined;
      if (head.name === 'query' && head.args.length > 1) return undefined;
      evidence = ctx.fileImports('objection') || names.some((n) => DISTINCTIVE.has(n)) ? 'shape' : 'name';
    }
    let operation: Operation = 'read-many';
    let method = head.name;
    let relation: string | undefined;
    if (head.name === '$relatedQuery' || head.name === 'relatedQuery' || head.name === '$fetchGraph' || head.name === 'fetchGraph') {
      relation = stringArg(head);
      operation = head.name === '$relatedQuery' || head.name === '$fetchGraph' ? 'relation-load' : 'read-many';
    }
    for (const link of later as CallLink[]) {
      const name = link.name!;
      const op = OBJECTION_METHODS[name];
      if (op) {
        if (operation === 'relation-load' && op.startsWith('read')) continue;
        operation = op;
        method = name;
      } else if (name === 'first') {
        if (!operation.startsWith('write') && operation !== 'relation-load') operation = 'read-one';
        method = 'first';
      } else if (name === 'insert') {
        operation = isArrayArg(link) ? 'write-many' : 'write-one';
        method = name;
      } else if (name === 'update' || name === 'delete' || name === 'del' || name === 'increment' || name === 'decrement') {
        operation = 'write-many';
        method = name;
      } else if ((name === 'count' || name === 'countDistinct') && !operation.startsWith('write')) {
        operation = 'count';
        method = name;
      }
    }
    const model = instance ? undefined : origin?.model ?? lastName(receiver);
    const optionsCall = (later as CallLink[]).find((l) => l.name === method)?.node ?? head.node;
    return { orm: 'objection', operation, evidence, execution: 'thenable', method, model, optionsCall, relation };
  },

  batchLookup(req) {
    return batchLookup(req);
  },
};

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match } = req;
  if (match.method === 'findById') {
    const call = match.optionsCall;
    const key = call?.arguments[0];
    if (!call || !key || !req.isItemKey(key) || call.arguments.length !== 1) return undefined;
    if (othersDependOnItem(req, req.call, [key])) return undefined;
    const rename = renameMethod(call, 'findByIds');
    if (!rename) return undefined;
    const text = spliceNodeText(req.sourceCode, req.call, [rename, { range: key.range, text: req.keysText(key) }]);
    // Assumes the model's `idColumn` is `id` (Objection's default).
    return { keyField: 'id', keyNode: key, batchedText: `await ${text}`, many: false };
  }
  if (match.operation === 'read-one' || match.operation === 'read-many') {
    if (req.chain.links.some((l) => l.kind === 'call' && l.name !== undefined && l.name.startsWith('$'))) return undefined;
    return builderBatchLookup(req);
  }
  return undefined;
}

