import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, objectProperty, staticKey, staticKeys } from '../ast.js';
import { spliceNodeText } from '../fixes.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { clientToHandle, handleName, hasNestedKeys, independent, keyFilterSplice, plainObject } from './bulk.js';
import { argKeysWithin, exprBefore, objectArg, PROMISE_LIKE, type CallLink } from './common.js';
import type { BatchPlan, BatchRequest, BulkWritePlan, BulkWriteRequest, Evidence, InListSite, Operation, OrmModule, QueryMatch, QueryShape, ShapeRequest } from './types.js';
import { addArgumentSplice, addPropertySplice, asObject, hasSpread, isWithin, objectEqualities, optionClause } from './shape.js';

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
    eager: 'include: { author: true }',
    bulk: 'createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })',
    keyset: 'findMany({ cursor: { id: lastId }, skip: 1, take: 20, orderBy: { id: \'asc\' } })',
    subquery: 'a relation filter such as `where: { author: { is: { … } } }` or `where: { posts: { some: { … } } }`',
  },
  packages: ['@prisma/client', '.prisma/client', '@prisma/'],
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

  outsideTransaction(req) {
    // `prisma.user.update()` → the client is before the model link; `prisma.$queryRaw()` → before the call.
    const index = req.chain.links.findIndex((l) => l.kind === 'call' && l.name === req.match.method);
    if (index < 0) return undefined;
    const clientExpr = exprBefore(req.chain, req.match.method in CLIENT_OPS ? index : index - 1);
    return clientToHandle(req, clientExpr, handleName(req, 'the transaction client'));
  },
};

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
  return {
    limit,
    offset: optionClause(options, 'skip'),
    ordered: hasSpread(options) || objectProperty(options, 'orderBy') !== undefined,
    uniqueMethod: UNIQUE.has(match.method),
    equalities: options && !objectProperty(options, 'where') ? [] : objectEqualities(where),
    addOrdering(column) {
      const text = `orderBy: { ${column}: 'asc' }`;
      const splice = options ? addPropertySplice(sourceCode, options, text) : addArgumentSplice(sourceCode, call, `{ ${text} }`);
      return splice ? [splice] : undefined;
    },
  };
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
  return { keyField: keyProp.key, keyNode: keyProp.prop.value, batchedText: `await ${text}`, many };
}
