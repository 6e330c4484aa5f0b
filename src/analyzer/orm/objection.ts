import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { spliceNodeText } from '../fixes.js';
import { othersDependOnItem, renameMethod } from './batch.js';
import { type CallLink, exprBefore, findCall, isArrayArg, isModelLike, lastName, PROMISE_LIKE, stringArg } from './common.js';
import { builderAtomicValue, builderBatchLookup, builderBulkAtomic, builderBulkWrite, builderFetchShape, builderInListAt, builderLinks, builderRefine, builderSelect, builderShape, builderSubquery, KNEX_BUILDER_METHODS, KNEX_RESHAPE_METHODS, KNEX_VALUE_METHODS } from './knex.js';
import { quoted } from './atomic.js';
import { handleName } from './bulk.js';
import type { BatchPlan, BatchRequest, BulkWritePlan, BulkWriteRequest, EagerSupport, Evidence, FetchShape, Operation, OrmModule, RewriteRequest } from './types.js';
import { keyedRelation, loadedText, objectConditions, singleItemCondition, stringLiteralText } from '../relations.js';
import { editChain } from './rewrite.js';

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
/** Objection methods that make the statement another kind (a single row, a write, a page). */
const RESHAPE = new Set([
  ...KNEX_RESHAPE_METHODS, 'findById', 'findOne', 'page', 'patch', 'patchAndFetch', 'patchAndFetchById', 'updateAndFetch', 'updateAndFetchById',
  'deleteById', 'insertAndFetch', 'insertGraph', 'insertGraphAndFetch', 'upsertGraph', 'upsertGraphAndFetch', 'relate', 'unrelate',
]);
const STARTS = new Set(['query', 'relatedQuery', '$query', '$relatedQuery', '$fetchGraph', 'fetchGraph']);
const DISTINCTIVE = new Set(['findById', 'findByIds', 'withGraphFetched', 'withGraphJoined', 'joinRelated', 'patch', 'patchAndFetchById', 'insertGraph', 'upsertGraph', 'deleteById', 'resultSize', 'modify', 'throwIfNotFound', 'relate', 'unrelate']);

export const objection: OrmModule = {
  id: 'objection',
  name: 'Objection',
  hints: {
    batch: 'findByIds(ids)',
    countBatch: `query().select('authorId').count('* as n').whereIn('authorId', ids).groupBy('authorId')`,
    eager: `withGraphFetched('author')`,
    bulk: `findByIds(ids).patch(values), whereIn('id', ids).delete(), insertGraph(rows)`,
    atomic: "patch({ n: raw('n + 1') }), increment('n', 1)",
    keyset: `where('id', '>', lastId).orderBy('id').limit(20)`,
    subquery: "`whereIn('column', Other.query().select('column').where(…))`, `joinRelated`, or `whereExists(Model.relatedQuery(…))`",
  },
  valueMethods: { pluck: 0 },
  packages: ['objection'],
  methodNames: new Set([...STARTS, ...Object.keys(OBJECTION_METHODS), ...KNEX_BUILDER_METHODS]),
  exports: { Model: 'factory' },
  derived: {},
  typeNames: { Transaction: 'transaction', ModelClass: 'model' },
  baseClasses: ['Model'],
  transactionMethods: new Set(['transaction']),
  // `then` calls `execute()`, which runs a clone: every await runs the query again.
  executionModel: {
    builder: 'mutable',
    reexecution: 'runs-again',
    executeMethods: new Set(['then', 'catch', 'finally', 'execute', 'resultSize']),
    builderMethods: new Set([...KNEX_BUILDER_METHODS, ...Object.keys(OBJECTION_METHODS)].filter((m) => m !== 'clone' && m !== 'execute' && !KNEX_VALUE_METHODS.has(m))),
    valueMethods: new Set([...KNEX_VALUE_METHODS, 'toKnexQuery']),
    reshapeMethods: RESHAPE,
    cloneMethod: 'clone',
    builderTypeNames: /^(?:QueryBuilder|QueryBuilderType|QueryBuilderBase)$/,
  },

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

  bulkWrite(req) {
    return bulkWrite(req);
  },

  inListAt(node, req) {
    return builderInListAt(node, req);
  },

  queryShape(req) {
    return builderShape(req, ONE_ROW);
  },

  subquery(req, field) {
    return builderSubquery(req, field);
  },

  atomicValue(req) {
    const method = req.match.method === 'patch' || req.match.method === 'update' ? req.match.method : undefined;
    if (!method) return undefined;
    return builderAtomicValue(req, method, (field, op, amount) => ({ text: `raw('?? ${op} ?', [${quoted(field)}, ${amount}])`, imports: [['objection', 'raw']] }));
  },

  bulkAtomic(req) {
    const head = req.read.chain.links.find((l) => l.kind === 'call');
    return head?.kind === 'call' && head.name === 'query' ? builderBulkAtomic(req) : undefined;
  },

  outsideTransaction(req) {
    // `Person.query(trx)`, `person.$query(trx)`, `Person.relatedQuery('pets', trx)`, `person.$relatedQuery('pets', trx)`.
    const start = req.chain.links.findIndex((l) => l.kind === 'call');
    const head = req.chain.links[start] as CallLink | undefined;
    const index = head?.name === undefined ? undefined : TRX_ARGUMENT[head.name];
    if (!head || index === undefined || head.args.length !== index) return undefined;
    const missing = handleName(req, 'the transaction');
    if (req.handle === undefined) return { splices: undefined, missing };
    const close = req.sourceCode.getLastToken(head.node);
    if (close?.value !== ')') return undefined;
    const last = head.args[head.args.length - 1];
    const splice = last ? { range: [last.range[1], last.range[1]] as const, text: `, ${req.handle}` } : { range: [close.range[0], close.range[0]] as const, text: req.handle };
    return { splices: [splice], missing };
  },
  rowsPart: { page: 'results' },
  eager: eagerSupport(),
  rowHints: {
    count: '.resultSize()',
    exists: '.limit(1).first()',
    select: `.select('id', …)`,
    filter: '.where() / .orderBy() / .limit()',
  },
  resultShape(match, chain) {
    if (match.operation === 'relation-load' || chain.links.some((l) => l.kind === 'call' && l.name !== undefined && l.name.startsWith('$'))) return undefined;
    if (match.operation === 'read-many' && (match.method === 'query' || match.method === 'findByIds')) return 'rows';
    if (match.operation === 'read-one' && (match.method === 'first' || match.method === 'findById' || match.method === 'findOne')) return 'row';
    if (match.method === 'resultSize') return 'number';
    return undefined;
  },
  fetchShape,
  countRewrite(req) {
    const shape = fetchShape(req);
    if (req.match.method !== 'query' || shape.opaque || shape.paged || joined(req)) return undefined;
    // `resultSize()` counts the query as a subquery, ignoring limit/offset, so `distinct` and joins count alike.
    return { text: `await ${req.sourceCode.getText(req.call)}.resultSize()`, exact: true };
  },
  existsRewrite(req) {
    const shape = fetchShape(req);
    const links = builderLinks(req.chain);
    const last = links[links.length - 1];
    if (shape.opaque || !last) return undefined;
    if (req.match.method === 'query' && !shape.paged) {
      return { text: `await ${req.sourceCode.getText(req.call)}.limit(1).first()`, exact: true, absent: 'undefined' };
    }
    if (req.match.method === 'resultSize' && !shape.paged) {
      const text = editChain(req.sourceCode, req.call, [{ replace: last, text: '.limit(1).first()' }]);
      return text === undefined ? undefined : { text: `await ${text}`, exact: true, absent: 'undefined' };
    }
    if ((req.match.method === 'first' || req.match.method === 'findOne') && shape.overfetches) {
      const before = links[links.length - 2];
      const text = before && editChain(req.sourceCode, req.call, [{ after: before.node, text: '.limit(1)' }]);
      return text === undefined ? undefined : { text: `await ${text}`, exact: true, absent: 'undefined', sourceAbsent: 'undefined' };
    }
    return undefined;
  },
  selectRewrite(req, fields) {
    if (req.match.method !== 'query' && req.match.method !== 'first' && req.match.method !== 'findById' && req.match.method !== 'findOne') return undefined;
    const links = builderLinks(req.chain);
    return builderSelect(req, fields, links, links.find((l) => l.name === 'query'));
  },
  refineRewrite: (req, refinement) => builderRefine(req, refinement, builderLinks(req.chain)),
};

const TRX_ARGUMENT: Readonly<Record<string, number>> = { query: 0, $query: 0, relatedQuery: 1, $relatedQuery: 1 };

/** Builder methods that narrow the parent's columns: a graph fetch would then miss its keys. */
const COLUMN_PICKS = new Set(['select', 'column', 'columns', 'distinct', 'distinctOn', 'pluck', 'first', 'count', 'countDistinct', 'findById', 'findByIds', 'findOne', 'page', 'range', 'resultSize', 'min', 'max', 'sum', 'avg']);

function eagerSupport(): EagerSupport {
  return {
    hint: (relation) => `withGraphFetched('${relation}')`,

    relationLoad(req) {
      const { query, ctx } = req;
      if (!query) return undefined;
      const text = (node: TSESTree.Node) => req.sourceCode.getText(node);
      const links = query.chain.links;
      const head = findCall(query.chain, new Set(['$relatedQuery', '$fetchGraph']));
      if (query.operation === 'relation-load') {
        if (head === -1 || query.relation === undefined) return undefined;
        const owner = exprBefore(query.chain, head);
        if (!req.isItem(owner)) return undefined;
        const later = links.slice(head + 1).filter((l) => l.kind !== 'call' || !PROMISE_LIKE.has(l.name ?? ''));
        if ((links[head] as CallLink).name === '$fetchGraph') {
          return later.length > 0 ? undefined : { owner, relation: query.relation, loaded: text(owner), removable: true, confirmed: true };
        }
        // Filters on the related query (`.where()`, `.orderBy()`) have no direct graph-fetch form: no rewrite.
        return { owner, relation: query.relation, loaded: loadedText(text(owner), query.relation), confirmed: true, nested: later.length > 0 ? later.map((l) => text(l.node)).join('') : undefined };
      }
      // `User.query().findById(post.authorId)`, `Comment.query().where('postId', post.id)`.
      if (query.operation !== 'read-one' && query.operation !== 'read-many') return undefined;
      const start = findCall(query.chain, new Set(['query']));
      const rest = links.slice(start + 1).filter((l) => l.kind !== 'call' || !PROMISE_LIKE.has(l.name ?? ''));
      if (start === -1 || rest.length !== 1 || rest[0]!.kind !== 'call' || (links[start] as CallLink).args.length > 0) return undefined;
      const link = rest[0] as CallLink;
      let condition;
      if (link.name === 'findById' && link.args.length === 1) condition = { key: 'id', value: link.args[0]! };
      else if (link.name === 'where' && (link.args.length === 2 || (link.args.length === 3 && link.args[1]?.type === AST_NODE_TYPES.Literal && link.args[1].value === '='))) {
        const column = stringArg(link);
        condition = column === undefined ? undefined : { key: column.slice(column.lastIndexOf('.') + 1), value: link.args[link.args.length - 1]! };
      } else if (link.name === 'where' && link.args.length === 1 && link.args[0]!.type === AST_NODE_TYPES.ObjectExpression) {
        const conditions = objectConditions(link.args[0]!);
        const single = conditions && singleItemCondition(conditions, req.dependsOnItem);
        condition = single && single.rest.length === 0 ? single.keyed : undefined;
      }
      if (!condition || condition.value.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const keyed = keyedRelation(condition, query.model, req.isItem);
      if (!keyed || keyed.many !== (link.name === 'where')) return undefined;
      const confirmed = ctx.types ? ctx.types.hasProperty(keyed.owner, keyed.relation) : undefined;
      return { owner: keyed.owner, relation: keyed.relation, assumedFrom: keyed.assumedFrom, confirmed, loaded: loadedText(text(keyed.owner), keyed.relation) };
    },

    include({ source, relation, nested }) {
      if (nested !== undefined || source.operation !== 'read-many') return undefined;
      const start = findCall(source.chain, new Set(['query']));
      if (start === -1) return undefined;
      const calls = source.chain.links.slice(start + 1).filter((l): l is CallLink => l.kind === 'call');
      if (calls.some((l) => COLUMN_PICKS.has(l.name ?? ''))) return undefined;
      const graph = calls.find((l) => l.name === 'withGraphFetched' || l.name === 'withGraphJoined');
      if (graph) {
        const arg = graph.args[0];
        if (arg?.type !== AST_NODE_TYPES.Literal || typeof arg.value !== 'string' || graph.args.length > 1) return undefined;
        const inner = arg.value.trim().replace(/^\[|\]$/g, '');
        if (topLevelNames(inner).includes(relation)) return [];
        return [{ range: arg.range, text: stringLiteralText(arg, `[${inner}, ${relation}]`) }];
      }
      const query = source.chain.links[start]!.node;
      return [{ range: [query.range[1], query.range[1]], text: `.withGraphFetched('${relation}')` }];
    },
  };
}

/** `a, b.c, d(mod)` → `['a', 'b', 'd']`: the relations at the top of a relation expression. */
function topLevelNames(expression: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of `${expression},`) {
    if (char === '[' || char === '(') depth++;
    if (char === ']' || char === ')') depth--;
    if (char === ',' && depth === 0) {
      const name = /^\s*(\w+)/.exec(current)?.[1];
      if (name) names.push(name);
      current = '';
    } else {
      current += char;
    }
  }
  return names;
}

/**
 * `findById(item.id).patch(values)` → `findByIds(keys).patch(values)`; `deleteById(item.id)` →
 * `findByIds(keys).delete()`; `where('id', item.id)` filters → `whereIn`. Inserts have no portable bulk
 * form (`insert([...])` works on PostgreSQL and SQL Server only).
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, chain, call, scope, sourceCode } = req;
  const start = chain.links.findIndex((l) => l.kind === 'call');
  const head = chain.links[start] as CallLink | undefined;
  if (head?.name !== 'query' || match.method === 'insert' || head.args.some((a) => scope.dependsOnItem(a))) return undefined;
  const byId = findCall(chain, new Set(['findById', 'deleteById']), start + 1);
  if (byId === -1) {
    const plan = builderBulkWrite(req);
    return plan?.kind === 'replace' ? { ...plan, guardEmpty: false } : undefined;
  }
  const link = chain.links[byId] as CallLink;
  const key = link.args[0];
  if (link.args.length !== 1 || !key || !scope.isItemKey(key) || !scope.isMovable(key) || othersDependOnItem(scope, call, [key])) return undefined;
  const callee = link.node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const ids = scope.mapText(key);
  if (link.name === 'deleteById') {
    if (byId !== chain.links.length - 1) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [{ range: [callee.property.range[0], link.node.range[1]], text: `findByIds(${ids}).delete()` }]) };
  }
  if (match.method !== 'patch' && match.method !== 'update' && match.method !== 'delete') return undefined;
  return { kind: 'replace', text: spliceNodeText(sourceCode, call, [{ range: [callee.property.range[0], link.node.range[1]], text: `findByIds(${ids})` }]) };
}

const ONE_ROW = new Set(['first', 'findOne']);

function joined(req: RewriteRequest): boolean {
  return builderLinks(req.chain).some((l) => l.name === 'withGraphJoined' || l.name === 'joinRelated' || l.name === 'innerJoinRelated' || l.name === 'leftJoinRelated');
}

function fetchShape(req: RewriteRequest): FetchShape {
  const links = builderLinks(req.chain);
  const shape = builderFetchShape(req, links);
  const limited = links.some((l) => l.name === 'limit' || l.name === 'range' || l.name === 'page');
  return {
    ...shape,
    opaque: shape.opaque || links.some((l) => l.name === 'modify' || l.name === 'modifiers' || l.name === 'context'),
    // `first()` adds `LIMIT 1` only when the model sets `useLimitInFirst` (off by default).
    // `findOne(where)` is `where(where).first()`.
    overfetches: (req.match.method === 'first' || req.match.method === 'findOne') && !limited && !/\buseLimitInFirst\s*(?:=|:|\()/.test(req.sourceCode.text),
    existsForm: req.match.method === 'findById',
  };
}

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
    // `findById` resolves to `undefined` when no row matches.
    return { keyField: 'id', keyNode: key, batchedText: `await ${text}`, many: false, missing: 'undefined' };
  }
  if (match.operation === 'read-one' || match.operation === 'read-many') {
    if (req.chain.links.some((l) => l.kind === 'call' && l.name !== undefined && l.name.startsWith('$'))) return undefined;
    return builderBatchLookup(req);
  }
  return undefined;
}

