import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, objectProperty, staticKey, staticKeys } from '../ast.js';
import { type Splice, spliceNodeText } from '../fixes.js';
import { addCallArgument, addObjectEntry, keyedRelation, keyText, loadedText, objectConditions, singleItemCondition } from '../relations.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { appendProperty, GUARD_OPERATORS, payloadProperty } from './atomic.js';
import { clientToHandle, handleName, hasNestedKeys, independent, keyFilterSplice, plainObject } from './bulk.js';
import { argKeysWithin, exprBefore, objectArg, PROMISE_LIKE, type CallLink } from './common.js';
import type { AtomicEdit, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, EagerSupport, Evidence, ExistsRewrite, FetchShape, InListSite, Operation, PageClause, OrmModule, QueryMatch, QueryRewrite, QueryShape, Refinement, RewriteRequest, ShapeRequest } from './types.js';
import { addArgumentSplice, addPropertySplice, asObject, hasSpread, isWithin, objectEqualities, optionClause } from './shape.js';
import { editObject, fieldsObject, hasAny, type Options, readOptions, receiverText, unknownKeys } from './rewrite.js';

/** Model-delegate methods (`prisma.user.<method>`) and what they do. */
const DELEGATE_OPS: Readonly<Record<string, Operation>> = {
  findUnique: 'read-one',
  findUniqueOrThrow: 'read-one',
  findFirst: 'read-one',
  findFirstOrThrow: 'read-one',
  findMany: 'read-many',
  count: 'count',
  aggregate: 'aggregate',
  groupBy: 'aggregate',
  create: 'write-one',
  update: 'write-one',
  upsert: 'write-one',
  delete: 'write-one',
  createMany: 'write-many',
  createManyAndReturn: 'write-many',
  updateMany: 'write-many',
  updateManyAndReturn: 'write-many',
  deleteMany: 'write-many',
};

/** Methods no other supported ORM has on a `client.model` shape. */
const DISTINCTIVE = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirstOrThrow',
  'findMany',
  'createMany',
  'createManyAndReturn',
  'updateManyAndReturn',
  'groupBy',
  'aggregate',
  'upsert',
  'findFirst',
  'updateMany',
  'deleteMany',
]);

const CLIENT_OPS: Readonly<Record<string, Operation>> = {
  $queryRaw: 'raw',
  $queryRawUnsafe: 'raw',
  $executeRaw: 'raw',
  $executeRawUnsafe: 'raw',
  $queryRawTyped: 'raw',
  $runCommandRaw: 'raw',
};

const ARG_KEYS = new Set([
  'where', 'select', 'include', 'omit', 'orderBy', 'cursor', 'take', 'skip', 'distinct', 'data', 'create', 'update',
  'by', '_count', '_sum', '_avg', '_min', '_max', 'having', 'skipDuplicates', 'relationLoadStrategy', 'limit',
]);
const STRONG_ARG_KEYS = new Set(['where', 'select', 'include', 'data', 'orderBy', 'take', 'skip', 'cursor', 'omit', 'distinct']);

export const prisma: OrmModule = {
  id: 'prisma',
  name: 'Prisma',
  hints: {
    batch: 'findMany({ where: { id: { in: ids } } })',
    updateEachBulk: `$transaction(items.map((item) => prisma.model.update(…)))\` sends them in one round trip (Prisma has no bulk update with a value per row), or one \`UPDATE … SET col = CASE id WHEN … END\` through \`$executeRaw`,
    countBatch: `groupBy({ by: ['authorId'], where: { authorId: { in: ids } }, _count: true })`,
    eager: 'include: { author: true }',
    bulk: 'createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })',
    upsertBulk: `$transaction(items.map((item) => prisma.model.upsert(…)))\` sends them in one round trip (Prisma has no bulk upsert), or one \`INSERT … ON CONFLICT … DO UPDATE\` through \`$executeRaw`,
    atomic: 'data: { n: { increment: 1 } }',
    keyset: 'findMany({ cursor: { id: lastId }, skip: 1, take: 20, orderBy: { id: \'asc\' } })',
    subquery: 'a relation filter such as `where: { author: { is: { … } } }` or `where: { posts: { some: { … } } }`',
  },
  packages: ['@prisma/client', '.prisma/client', '@prisma/'],
  uniqueLookupMethod: 'findUnique',
  methodNames: new Set([...Object.keys(DELEGATE_OPS), ...Object.keys(CLIENT_OPS)]),
  exports: { PrismaClient: 'factory' },
  derived: {
    factory: { new: 'client' },
    client: { $extends: 'client' },
  },
  typeNames: { PrismaClient: 'client', TransactionClient: 'transaction', PrismaService: 'client', DefaultPrismaClient: 'client' },
  distinctiveTypeNames: /^(?:PrismaClient|PrismaService|TransactionClient|ExtendedPrismaClient|\w*Prisma(?:Client|Service))$/,
  clientNames: /^(?:prisma|prismaClient|prismaService)$/i,
  transactionMethods: new Set(['$transaction']),
  // A PrismaPromise runs on its first `then` and memoises the result; its arguments are one object, not a builder.
  executionModel: {
    builder: 'none',
    reexecution: 'memoised',
    executeMethods: PROMISE_LIKE,
    builderMethods: new Set(),
    valueMethods: new Set(),
  },

  recognize(chain, ctx) {
    const { links } = chain;
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (link.kind !== 'call' || link.name === undefined) continue;
      const rawOp = CLIENT_OPS[link.name];
      if (rawOp && i === links.length - 1) {
        const origin = ctx.originOf(exprBefore(chain, i));
        if (origin?.orm !== 'prisma') return undefined;
        return { orm: 'prisma', operation: rawOp, evidence: origin.evidence, execution: 'thenable', method: link.name };
      }
      const op = DELEGATE_OPS[link.name];
      if (!op || i < 1) continue;
      const modelLink = links[i - 1]!;
      if (modelLink.kind !== 'prop') return undefined;
      // `db.query.users.findMany()` is Drizzle's relational API.
      const before = links[i - 2];
      if (before?.kind === 'prop' && before.name === 'query') return undefined;
      const clientExpr = exprBefore(chain, i - 1);
      if (clientExpr.type === AST_NODE_TYPES.ThisExpression) return undefined;
      const origin = ctx.originOf(clientExpr);
      let evidence: Evidence;
      if (origin) {
        if (origin.orm !== 'prisma') return undefined;
        evidence = origin.evidence;
      } else {
        evidence = shapeEvidence(link, modelLink.name, dottedName(clientExpr));
      }
      const rest = links.slice(i + 1);
      // Fluent relation API: `prisma.post.findUnique(...).author()`.
      const fluent = rest.filter((l): l is CallLink => l.kind === 'call' && l.name !== undefined && !PROMISE_LIKE.has(l.name));
      if (rest.some((l) => l.kind !== 'call')) return undefined;
      if (fluent.length > 0) {
        if (op !== 'read-one' && op !== 'write-one') return undefined;
        const relation = fluent[fluent.length - 1]!;
        return {
          orm: 'prisma',
          operation: 'relation-load',
          evidence,
          execution: 'thenable',
          method: link.name,
          model: modelLink.name,
          optionsCall: link.node,
          relation: relation.name,
        };
      }
      const match: QueryMatch = { orm: 'prisma', operation: op, evidence, execution: 'thenable', method: link.name, model: modelLink.name, optionsCall: link.node };
      return match;
    }
    return undefined;
  },

  batchLookup(req) {
    return batchLookup(req);
  },

  bulkWrite(req) {
    return bulkWrite(req);
  },

  inListAt(node, req) {
    return inListAt(node, req);
  },

  queryShape(req) {
    return queryShape(req);
  },

  atomicValue(req) {
    return atomicValue(req);
  },

  bulkAtomic(req) {
    return bulkAtomic(req);
  },

  outsideTransaction(req) {
    // `prisma.user.update()` → the client is before the model link; `prisma.$queryRaw()` → before the call.
    const index = req.chain.links.findIndex((l) => l.kind === 'call' && l.name === req.match.method);
    if (index < 0) return undefined;
    const clientExpr = exprBefore(req.chain, req.match.method in CLIENT_OPS ? index : index - 1);
    return clientToHandle(req, clientExpr, handleName(req, 'the transaction client'));
  },
  eager: eagerSupport(),
  rowHints: {
    count: 'count({ where })',
    exists: 'findFirst({ where, select: { id: true } })',
    select: 'select: { id: true, … }',
    filter: 'where / orderBy / take',
  },
  resultShape(match) {
    if (match.operation === 'relation-load') return undefined;
    if (match.method === 'findMany') return 'rows';
    if (ROW_READS.has(match.method)) return 'row';
    if (match.method === 'count') {
      const options = readOptions(match.optionsCall?.arguments[0]);
      // `count({ select: { _all: true } })` yields an object.
      return options.kind === 'absent' || (options.kind === 'object' && !options.props.has('select')) ? 'number' : undefined;
    }
    return undefined;
  },
  fetchShape: (req) => fetchShape(optionsOf(req)),
  countRewrite,
  existsRewrite,
  selectRewrite,
  refineRewrite,
};

/** Prisma compacts same-tick `findUnique` calls (and their fluent forms) into one query. */
const SAME_TICK_BATCHED = new Set(['findUnique', 'findUniqueOrThrow']);
const ONE_LOOKUPS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow']);
/** Options of a per-item lookup that can move onto the included relation. */
const NESTED_ONE = new Set(['select', 'include', 'omit']);
const NESTED_MANY = new Set(['select', 'include', 'omit', 'orderBy', 'take', 'skip', 'cursor', 'distinct']);

function eagerSupport(): EagerSupport {
  return {
    hint: (relation) => `include: { ${keyText(relation)}: true }`,

    relationLoad(req) {
      const query = req.query;
      const call = query?.optionsCall;
      if (!query || !call) return undefined;
      if (req.concurrent && SAME_TICK_BATCHED.has(query.method)) return undefined;
      const options = call.arguments[0];
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const where = objectProperty(options, 'where')?.value;
      const conditions = where?.type === AST_NODE_TYPES.ObjectExpression ? objectConditions(where) : undefined;
      const single = conditions && singleItemCondition(conditions, req.dependsOnItem);
      if (!single) return undefined;
      const others = options.properties.filter((p) => !(p.type === AST_NODE_TYPES.Property && p.value === where));
      if (others.some((p) => req.dependsOnItem(p))) return undefined;
      const text = (node: TSESTree.Node) => req.sourceCode.getText(node);

      if (query.operation === 'relation-load') {
        // Fluent API: the lookup must read the item's own row (`findUnique({ where: { id: post.id } }).author()`).
        const value = single.keyed.value;
        if (single.rest.length > 0 || others.length > 0 || !ONE_LOOKUPS.has(query.method) || query.relation === undefined) return undefined;
        if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed || value.property.type !== AST_NODE_TYPES.Identifier || value.property.name !== single.keyed.key) return undefined;
        if (!req.isItem(value.object)) return undefined;
        if (req.source && req.source.model !== query.model) return undefined;
        const fluent = query.chain.links.filter((l) => l.kind === 'call' && l.node !== call && !PROMISE_LIKE.has(l.name ?? ''));
        if (fluent.length !== 1 || query.chain.links[query.chain.links.length - 1] !== fluent[0]) return undefined;
        const fluentArgs = (fluent[0] as CallLink).args;
        return {
          owner: value.object,
          relation: query.relation,
          loaded: loadedText(text(value.object), query.relation),
          nested: fluentArgs[0] ? text(fluentArgs[0]) : undefined,
          confirmed: true,
        };
      }
      if (query.operation !== 'read-one' && query.operation !== 'read-many') return undefined;
      if (query.node !== call) return undefined;
      const keyed = keyedRelation(single.keyed, query.model, req.isItem);
      if (!keyed || (keyed.many ? query.method !== 'findMany' : !ONE_LOOKUPS.has(query.method))) return undefined;
      // One row per key: another condition could make the looked-up row absent where the relation is not.
      if (!keyed.many && single.rest.length > 0) return undefined;
      const allowed = keyed.many ? NESTED_MANY : NESTED_ONE;
      const nestedParts: string[] = [];
      for (const prop of others) {
        if (prop.type !== AST_NODE_TYPES.Property || !allowed.has(staticKeyOf(prop) ?? '')) return undefined;
        nestedParts.push(text(prop));
      }
      if (single.rest.length > 0 && where?.type === AST_NODE_TYPES.ObjectExpression) {
        const restProps = where.properties.filter((p) => p.type === AST_NODE_TYPES.Property && staticKeyOf(p) !== single.keyed.key);
        nestedParts.unshift(`where: { ${restProps.map(text).join(', ')} }`);
      }
      const sourceCallee = req.source?.optionsCall?.callee;
      const confirmed = sourceCallee && req.ctx.types ? req.ctx.types.optionHasKey(sourceCallee, 0, ['include'], keyed.relation) : undefined;
      return {
        owner: keyed.owner,
        relation: keyed.relation,
        assumedFrom: keyed.assumedFrom,
        confirmed,
        loaded: loadedText(text(keyed.owner), keyed.relation),
        nested: nestedParts.length > 0 ? `{ ${nestedParts.join(', ')} }` : undefined,
      };
    },

    include({ source, relation, nested, sourceCode }) {
      const call = source.optionsCall;
      if (source.method !== 'findMany' || call !== source.node) return undefined;
      const entry = `${keyText(relation)}: ${nested ?? 'true'}`;
      const arg = call.arguments[0];
      if (!arg) {
        const splice = addCallArgument(sourceCode, call, `{ include: { ${entry} } }`);
        return splice ? [splice] : undefined;
      }
      if (arg.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      // A `select` decides the shape: the relation goes inside it; else into `include`.
      const container = objectProperty(arg, 'select') ?? objectProperty(arg, 'include');
      if (!container) {
        if (arg.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
        return [addObjectEntry(sourceCode, arg, `include: { ${entry} }`)];
      }
      if (container.value.type !== AST_NODE_TYPES.ObjectExpression || container.value.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
      const existing = objectProperty(container.value, relation);
      if (existing) return sourceCode.getText(existing.value) === (nested ?? 'true') ? [] : undefined;
      return [addObjectEntry(sourceCode, container.value, entry)];
    },
  };
}

function staticKeyOf(prop: TSESTree.Property): string | undefined {
  if (!prop.computed && prop.key.type === AST_NODE_TYPES.Identifier) return prop.key.name;
  return prop.key.type === AST_NODE_TYPES.Literal ? String(prop.key.value) : undefined;
}

/** Nested relation writes: `createMany` cannot run them. */
const RELATION_WRITES = new Set(['create', 'createMany', 'connect', 'connectOrCreate', 'upsert', 'set', 'disconnect', 'delete', 'deleteMany', 'update', 'updateMany']);

/**
 * `create({ data })` per item → `createMany({ data: items.map(…) })`; `update`/`delete` keyed by the item
 * (`where: { id: item.id }`) with the same `data` for all → `updateMany`/`deleteMany` with `{ in: keys }`.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, call, scope, sourceCode } = req;
  if (match.optionsCall !== call || call.arguments.length !== 1 || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const args = call.arguments[0];
  if (!plainObject(args)) return undefined;
  const keys = staticKeys(args)!;
  const head = sourceCode.getText(call.callee.object);
  const data = objectProperty(args, 'data')?.value;
  if (match.method === 'create') {
    if (keys.length !== 1 || !data || !scope.isMovable(data) || hasNestedKeys(data, RELATION_WRITES)) return undefined;
    return { kind: 'replace', text: `${head}.createMany({ data: ${scope.mapText(data)} })` };
  }
  const target = match.method === 'update' ? 'updateMany' : match.method === 'delete' ? 'deleteMany' : undefined;
  if (!target || !keys.every((k) => k === 'where' || k === 'data')) return undefined;
  if (target === 'updateMany' ? !data || !independent(scope, data) : data !== undefined) return undefined;
  const filter = keyFilterSplice(scope, objectProperty(args, 'where')?.value, call, (ids) => `{ in: ${ids} }`);
  const rename = renameMethod(call, target);
  if (!filter || !rename) return undefined;
  return { kind: 'replace', text: spliceNodeText(sourceCode, call, [rename, filter.splice]) };
}

const ONE_ROW = new Set(['findFirst', 'findFirstOrThrow']);
const UNIQUE = new Set(['findUnique', 'findUniqueOrThrow']);

function queryShape(req: ShapeRequest): QueryShape | undefined {
  const { match, sourceCode } = req;
  const call = match.optionsCall;
  if (!call || match.operation === 'relation-load') return undefined;
  const arg = call.arguments[0];
  const options = asObject(arg);
  if (arg !== undefined && !options) return { ordered: true, uniqueMethod: UNIQUE.has(match.method), opaque: true }; // `findMany(args)`: not visible
  const take = optionClause(options, 'take');
  const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee;
  const limit = take ?? (ONE_ROW.has(match.method) ? { node: callee, label: `${match.method}()` } : undefined);
  const where = asObject(objectProperty(options, 'where')?.value);
  const skip = optionClause(options, 'skip');
  return {
    limit,
    offset: skip,
    ordered: hasSpread(options) || objectProperty(options, 'orderBy') !== undefined || ordersImplicitly(options, take, skip),
    uniqueMethod: UNIQUE.has(match.method),
    equalities: !options || !objectProperty(options, 'where') ? [] : objectEqualities(where),
    addOrdering(column) {
      const text = `orderBy: { ${column}: 'asc' }`;
      const splice = options ? addPropertySplice(sourceCode, options, text) : addArgumentSplice(sourceCode, call, `{ ${text} }`);
      return splice ? [splice] : undefined;
    },
  };
}

/**
 * Prisma's query engine adds `ORDER BY` on the primary key to a read that names no `orderBy` but pages:
 * a `take` written in the call, a `cursor`, or a `skip` other than 0. The rows of `findMany({ take: 10 })`
 * are the ten lowest keys, the same on every call. `findFirst` without those options is not ordered: the
 * engine sets its one-row limit after that step.
 */
function ordersImplicitly(options: TSESTree.ObjectExpression | undefined, take: PageClause | undefined, skip: PageClause | undefined): boolean {
  if (take || objectProperty(options, 'cursor')) return true;
  return skip !== undefined && !(skip.value?.type === AST_NODE_TYPES.Literal && skip.value.value === 0);
}

/** `{ id: { in: [...] } }` / `notIn` inside the query's arguments. */
function inListAt(node: TSESTree.Node, req: ShapeRequest): InListSite | undefined {
  if (node.type !== AST_NODE_TYPES.Property || node.computed) return undefined;
  const key = staticKey(node);
  if (key !== 'in' && key !== 'notIn') return undefined;
  const column = node.parent.type === AST_NODE_TYPES.ObjectExpression ? node.parent.parent : undefined;
  if (column?.type !== AST_NODE_TYPES.Property || column.value !== node.parent) return undefined;
  if (!isWithin(node, req.match.optionsCall?.arguments[0])) return undefined;
  return { list: node.value, column: staticKey(column), negated: key === 'notIn', acceptsSubquery: false };
}

const ROW_READS = new Set(['findFirst', 'findUnique', 'findFirstOrThrow', 'findUniqueOrThrow']);
const FIND_KEYS = new Set(['where', 'select', 'include', 'omit', 'orderBy', 'cursor', 'take', 'skip', 'distinct', 'relationLoadStrategy']);

function optionsOf(req: RewriteRequest): Options {
  const call = req.match.optionsCall;
  if (!call || call.arguments.length > 1) return { kind: 'opaque' };
  return readOptions(call.arguments[0]);
}

function fetchShape(options: Options): FetchShape {
  if (options.kind === 'opaque') return { paged: false, grouped: false, wholeRows: false, relations: false, opaque: true };
  return {
    paged: hasAny(options, ['take', 'skip', 'cursor']),
    grouped: hasAny(options, ['distinct']),
    wholeRows: !hasAny(options, ['select', 'omit']),
    relations: hasAny(options, ['include']),
    opaque: unknownKeys(options, FIND_KEYS),
    ordered: hasAny(options, ['orderBy']),
  };
}

/** `findMany(args)` → `count({ where })`: exact unless paging or `distinct` changes the number. */
function countRewrite(req: RewriteRequest): QueryRewrite | undefined {
  const call = req.match.optionsCall;
  const receiver = call && receiverText(req.sourceCode, call);
  const options = optionsOf(req);
  if (req.match.method !== 'findMany' || receiver === undefined || options.kind === 'opaque' || unknownKeys(options, FIND_KEYS)) return undefined;
  if (hasAny(options, ['distinct'])) return undefined;
  const paged = hasAny(options, ['take', 'skip', 'cursor']);
  // `count` takes `where`, `orderBy`, `cursor`, `take` and `skip`; the order only matters for a page.
  const args = editObject(req.sourceCode, options, { drop: ['select', 'include', 'omit', 'relationLoadStrategy', ...(paged ? [] : ['orderBy'])] });
  return {
    text: `await ${receiver}.count(${args === '{}' ? '' : args})`,
    exact: !paged,
    ...(paged && { caveat: 'Prisma applies `take`/`skip`/`cursor` to the count as to the rows' }),
  };
}

/** `findFirst({ where, select: { id: true } })` for a list, a count or a whole row used only as "any?". */
function existsRewrite(req: RewriteRequest): ExistsRewrite | undefined {
  const call = req.match.optionsCall;
  const receiver = call && receiverText(req.sourceCode, call);
  const options = optionsOf(req);
  const method = req.match.method;
  if (receiver === undefined || options.kind === 'opaque' || unknownKeys(options, FIND_KEYS)) return undefined;
  if (method !== 'findMany' && method !== 'count' && method !== 'findFirst' && method !== 'findUnique') return undefined;
  if (hasAny(options, ['take', 'skip', 'cursor'])) return undefined;
  const target = method === 'findUnique' ? 'findUnique' : 'findFirst';
  const where = options.kind === 'object' ? options.props.get('where') : undefined;
  const args = `{ ${where ? `${req.sourceCode.getText(where)}, ` : ''}select: { id: true } }`;
  return {
    text: `await ${receiver}.${target}(${args})`,
    exact: false,
    absent: 'null',
    ...(method === 'findFirst' || method === 'findUnique' ? { sourceAbsent: 'null' as const } : {}),
    caveat: 'assumes the primary key is `id`',
  };
}

/** Adds `select` with the fields read; relations from `include` move into it. */
function selectRewrite(req: RewriteRequest, fields: readonly string[]): QueryRewrite | undefined {
  const call = req.match.optionsCall;
  const receiver = call && receiverText(req.sourceCode, call);
  const options = optionsOf(req);
  const method = req.match.method;
  if (receiver === undefined || (method !== 'findMany' && !ROW_READS.has(method))) return undefined;
  if (options.kind === 'opaque' || unknownKeys(options, FIND_KEYS) || hasAny(options, ['select', 'omit'])) return undefined;
  const entries: string[] = [];
  const include = options.kind === 'object' ? options.props.get('include') : undefined;
  const included = include ? readOptions(include.value) : { kind: 'absent' as const };
  if (included.kind === 'opaque') return undefined;
  for (const field of fields) {
    const relation = included.kind === 'object' ? included.props.get(field) : undefined;
    entries.push(relation ? `${req.sourceCode.getText(relation.key)}: ${req.sourceCode.getText(relation.value)}` : fieldsObject([field]).slice(2, -2));
  }
  const args = editObject(req.sourceCode, options, { drop: ['include'], add: [['select', `{ ${entries.join(', ')} }`]] });
  return { text: `await ${receiver}.${method}(${args})`, exact: false };
}

/** Moves an in-memory filter, sort or slice into `where`, `orderBy` or `take`. */
function refineRewrite(req: RewriteRequest, refinement: Refinement): QueryRewrite | undefined {
  const call = req.match.optionsCall;
  const receiver = call && receiverText(req.sourceCode, call);
  const options = optionsOf(req);
  if (receiver === undefined || req.match.method !== 'findMany' || options.kind === 'opaque' || unknownKeys(options, FIND_KEYS)) return undefined;
  if (hasAny(options, ['take', 'skip', 'cursor', 'distinct'])) return undefined;
  let args: string;
  switch (refinement.kind) {
    case 'equals':
    case 'true': {
      const value = refinement.kind === 'true' ? 'true' : refinement.value;
      const where = options.kind === 'object' ? options.props.get('where') : undefined;
      if (!where) {
        args = editObject(req.sourceCode, options, { add: [['where', fieldsObject([refinement.field], value)]] });
        break;
      }
      const filter = readOptions(where.value);
      if (filter.kind !== 'object' || filter.props.has(refinement.field)) return undefined;
      args = editObject(req.sourceCode, options, { set: new Map([['where', editObject(req.sourceCode, filter, { add: [[refinement.field, value]] })]]) });
      break;
    }
    case 'order':
      if (hasAny(options, ['orderBy'])) return undefined;
      args = editObject(req.sourceCode, options, { add: [['orderBy', fieldsObject([refinement.field], `'${refinement.direction}'`)]] });
      break;
    case 'take':
      args = editObject(req.sourceCode, options, { add: [['take', refinement.count]] });
      break;
  }
  return { text: `await ${receiver}.findMany(${args})`, exact: refinement.kind === 'take' };
}

function shapeEvidence(link: CallLink, model: string, client: string | undefined): Evidence {
  if (!/^[a-z]/.test(model)) return 'name';
  const arg = link.args[0];
  if (arg !== undefined && arg.type === AST_NODE_TYPES.ObjectExpression && !argKeysWithin(arg, ARG_KEYS)) return 'name';
  const strongArgs = arg?.type === AST_NODE_TYPES.ObjectExpression && argKeysWithin(arg, ARG_KEYS, STRONG_ARG_KEYS);
  const clientLike = client !== undefined && /(?:^|\.)(?:prisma\w*|db|client|tx|trx|database|ctx\.\w+)$/i.test(client);
  if (DISTINCTIVE.has(link.name!)) return strongArgs || clientLike || arg === undefined ? 'shape' : 'name';
  return strongArgs && clientLike ? 'shape' : 'name';
}

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match, call } = req;
  const many = match.method === 'findMany';
  if (match.operation === 'relation-load' || (!many && match.method !== 'findUnique' && match.method !== 'findFirst')) return undefined;
  const optionsCall = match.optionsCall;
  if (optionsCall === undefined || optionsCall !== call) return undefined;
  const args = objectArg({ kind: 'call', name: match.method, node: call, args: call.arguments });
  const whereProp = objectProperty(args, 'where');
  if (!args || whereProp?.value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const keyProp = itemKeyProperty(req, whereProp.value);
  if (!keyProp) return undefined;
  if (othersDependOnItem(req, call, [keyProp.prop.value])) return undefined;
  // One row per key: an ordering or paging picks a row we could not pick from the batch.
  if (!many && (objectProperty(args, 'orderBy') || objectProperty(args, 'skip') || objectProperty(args, 'cursor'))) return undefined;
  if (many && (objectProperty(args, 'take') || objectProperty(args, 'skip') || objectProperty(args, 'cursor') || objectProperty(args, 'distinct'))) return undefined;
  const select = objectProperty(args, 'select');
  if (select && !objectProperty(select.value, keyProp.key)) return undefined;
  const rename = renameMethod(call, 'findMany');
  if (!rename) return undefined;
  const keys = req.keysText(keyProp.prop.value);
  const text = spliceNodeText(req.sourceCode, call, [
    ...(many ? [] : [rename]),
    replacePropValue(keyProp.prop, keyProp.key, `{ in: ${keys} }`),
  ]);
  // `findUnique` filters on a unique field: one row per key.
  return { keyField: keyProp.key, keyNode: keyProp.prop.value, batchedText: `await ${text}`, many, unique: match.method === 'findUnique' };
}

const ATOMIC_OPERATORS = { '+': 'increment', '-': 'decrement', '*': 'multiply' } as const;

/**
 * `data: { n: row.n + 1 }` → `data: { n: { increment: 1 } }`; with a guard on the field and an unused
 * result, `update` becomes `updateMany` with the condition in `where` (the check and the change in one statement).
 */
function atomicValue(req: AtomicValueRequest): AtomicEdit | undefined {
  const { match, change } = req;
  const call = match.optionsCall;
  const args = call?.arguments[0];
  if (!call || args?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const payloadKey = match.method === 'upsert' ? 'update' : match.method === 'update' || match.method === 'updateMany' ? 'data' : undefined;
  if (!payloadKey || !payloadProperty(objectProperty(args, payloadKey)?.value, req.value, change.field)) return undefined;
  const splices: Splice[] = [{ range: req.value.range, text: `{ ${ATOMIC_OPERATORS[change.op]}: ${change.amount} }` }];
  const where = objectProperty(args, 'where')?.value;
  if (change.guard && !req.resultUsed && (match.method === 'update' || match.method === 'updateMany') && where?.type === AST_NODE_TYPES.ObjectExpression && !objectProperty(where, change.field)) {
    if (match.method === 'update') splices.push(renameMethod(call, 'updateMany')!);
    splices.push(appendProperty(where, `${change.field}: { ${GUARD_OPERATORS[change.guard.op]}: ${change.guard.limit} }`));
    return { splices, conditional: true };
  }
  return { splices };
}

/** Every row of `findMany({ where })` bumped in a loop → one `updateMany({ where, data: { n: { increment } } })`. */
function bulkAtomic(req: BulkAtomicRequest): { text: string } | undefined {
  const { read, change, sourceCode } = req;
  const call = read.match.optionsCall;
  if (read.match.method !== 'findMany' || !call || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 1) return undefined;
  const args = call.arguments[0];
  if (args && (!plainObject(args) || !staticKeys(args)!.every((k) => ['where', 'select', 'include', 'omit', 'orderBy'].includes(k)))) return undefined;
  const where = args ? objectProperty(args, 'where') : undefined;
  const head = sourceCode.getText(call.callee.object);
  return { text: `${head}.updateMany({ ${where ? `where: ${sourceCode.getText(where.value)}, ` : ''}data: { ${change.field}: { ${ATOMIC_OPERATORS[change.op]}: ${change.amount} } } })` };
}
