import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { objectProperty, propertyName, staticKey } from '../ast.js';
import { addArrayElement, addCallArgument, addObjectEntry, keyedRelation, loadedText, objectConditions, singleItemCondition } from '../relations.js';
import { spliceNodeText } from '../fixes.js';
import { importSourceLike, payloadProperty } from './atomic.js';
import { handleName, independent, keyFilterSplice, mapSplice } from './bulk.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { exprBefore, findCall, isArrayArg, lastName, type CallLink } from './common.js';
import type { AtomicChange, AtomicEdit, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, EagerSupport, Evidence, ExistsRewrite, FetchShape, InListSite, Operation, OrmModule, QueryRewrite, QueryShape, Refinement, RelationLoad, RewriteRequest, ShapeRequest, TransactionFix, TransactionRequest } from './types.js';
import { addArgumentSplice, addPropertySplice, asObject, callClause, hasSpread, insertCallBefore, isWithin, linkIndex, methodNode, objectEqualities, optionClause, quote } from './shape.js';
import { editObject, fieldsObject, hasAny, type Options, readOptions, receiverText } from './rewrite.js';

/** EntityManager methods (entity class first) and repository methods (no entity argument). */
const EM_OPS: Readonly<Record<string, Operation>> = {
  find: 'read-many',
  findAll: 'read-many',
  findAndCount: 'read-many',
  findByCursor: 'read-many',
  findOne: 'read-one',
  findOneOrFail: 'read-one',
  count: 'count',
  countBy: 'count',
  persist: 'schedule',
  create: 'schedule',
  assign: 'schedule',
  merge: 'schedule',
  getReference: 'schedule',
  remove: 'schedule',
  flush: 'flush',
  persistAndFlush: 'flush',
  removeAndFlush: 'flush',
  nativeInsert: 'write-one',
  insert: 'write-one',
  upsert: 'write-one',
  insertMany: 'write-many',
  upsertMany: 'write-many',
  nativeUpdate: 'write-many',
  nativeDelete: 'write-many',
  populate: 'relation-load',
  refresh: 'read-one',
  refreshOrFail: 'read-one',
  execute: 'raw',
};
/** Lazy relation loads on a `Collection`/`Reference`/wrapped entity. */
const RELATION_LOADS = new Set(['init', 'loadItems', 'loadCount', 'matching', 'loadOrFail', 'loadProperty']);
const QB_TERMINALS: Readonly<Record<string, Operation>> = {
  getResult: 'read-many',
  getResultList: 'read-many',
  getSingleResult: 'read-one',
  getCount: 'count',
  getResultAndCount: 'read-many',
  execute: 'read-many',
};

/** QueryBuilder chain methods: each changes the builder and returns it. */
const QB_METHODS = new Set([
  'select', 'addSelect', 'distinct', 'distinctOn', 'where', 'andWhere', 'orWhere', 'orderBy', 'groupBy', 'having', 'andHaving', 'orHaving',
  'limit', 'offset', 'join', 'innerJoin', 'leftJoin', 'joinAndSelect', 'innerJoinAndSelect', 'leftJoinAndSelect', 'joinLateral',
  'leftJoinLateral', 'innerJoinLateral', 'populate', 'update', 'insert', 'delete', 'truncate', 'count', 'setFlag', 'unsetFlag', 'cache',
  'withSubQuery', 'setLockMode', 'setFlushMode', 'indexHint', 'comment', 'hintComment', 'from', 'onConflict', 'merge', 'ignore',
  'returning', 'withSchema', 'setLoggerContext', 'orderByRaw',
]);
/** QueryBuilder methods that make the statement another kind. */
const QB_RESHAPE = new Set(['count', 'update', 'insert', 'delete', 'truncate']);

export const mikroorm: OrmModule = {
  id: 'mikroorm',
  name: 'MikroORM',
  hints: {
    batch: 'find(Entity, { id: { $in: ids } })',
    updateEachBulk: `flush()\` once after the loop, changing the loaded entities inside it (MikroORM batches the UPDATEs), or \`upsertMany(Entity, rows)`,
    countBatch: `createQueryBuilder(Post).select(['author', raw('count(*) as n')]).where({ author: { $in: ids } }).groupBy('author')`,
    eager: `populate: ['author']`,
    bulk: 'em.persist(entity) in the loop and one em.flush() after it; insertMany, nativeUpdate({ id: { $in: ids } }, values)',
    upsertBulk: `upsertMany(Entity, rows)`,
    atomic: "nativeUpdate(Entity, { id }, { n: raw('n + 1') })",
    keyset: `findByCursor(Entity, where, { first: 20, after: cursor, orderBy: { id: 'asc' } })`,
    subquery: 'a relation filter (`{ author: { … } }`, `$some`), or a join in a QueryBuilder',
  },
  packages: ['@mikro-orm/'],
  methodNames: new Set([...Object.keys(EM_OPS), ...RELATION_LOADS, ...Object.keys(QB_TERMINALS), ...QB_METHODS, 'load', 'createQueryBuilder', 'qb']),
  exports: { MikroORM: 'factory', wrap: 'factory' },
  derived: {
    factory: { init: 'client', initSync: 'client' },
    client: { '.em': 'manager' },
    // `persist()`/`remove()` return the entity manager: `em.persist(book).flush()`.
    manager: { fork: 'manager', getRepository: 'repository', persist: 'manager', remove: 'manager' },
    transaction: { fork: 'manager', getRepository: 'repository' },
    repository: { getEntityManager: 'manager' },
  },
  typeNames: {
    EntityManager: 'manager',
    SqlEntityManager: 'manager',
    MongoEntityManager: 'manager',
    EntityRepository: 'repository',
    SqlEntityRepository: 'repository',
    MikroORM: 'client',
  },
  distinctiveTypeNames: /^(?:SqlEntityManager|SqlEntityRepository|MikroORM)$/,
  injectDecorators: { InjectRepository: 'repository', InjectEntityManager: 'manager' },
  transactionMethods: new Set(['transactional']),
  // QueryBuilder: thenable in 6 (`@mikro-orm/knex`), not in 7 (`@mikro-orm/sql`); mutable; frozen once it ran.
  executionModel: {
    builder: 'mutable',
    reexecution: 'runs-again',
    executeMethods: new Set(['then', 'catch', 'finally', 'stream', ...Object.keys(QB_TERMINALS)]),
    builderMethods: QB_METHODS,
    valueMethods: new Set(['as', 'getQuery', 'getFormattedQuery', 'getParams', 'getKnexQuery', 'getNativeQuery', 'toQuery', 'getKnex']),
    reshapeMethods: QB_RESHAPE,
    cloneMethod: 'clone',
    frozenAfterRun: true,
    copyingExecuteMethods: new Set(['getCount', 'getResultAndCount']),
    builderTypeNames: /QueryBuilder$/,
    terminalsFor: (_match, chain) =>
      chain.links.some((l) => l.kind === 'call' && l.name !== undefined && QB_RESHAPE.has(l.name) && l.name !== 'count') ? ['execute()'] : ['getResultList()', 'getSingleResult()'],
  },

  recognize(chain, ctx) {
    const { links } = chain;
    const last = links.length - 1;
    const link = links[last];
    if (link?.kind !== 'call' || link.name === undefined) return undefined;
    // `wrap(book).init()` / `collection.init()` / `ref.loadOrFail()`.
    if (RELATION_LOADS.has(link.name) || link.name === 'load') {
      const receiver = exprBefore(chain, last);
      if (receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.Identifier && link.name === 'init') {
        // `wrap(post.author).init()`.
        const arg = receiver.arguments[0];
        const relation = arg?.type === AST_NODE_TYPES.MemberExpression ? lastName(arg) : undefined;
        // `wrap` imported from MikroORM, or re-exported by the app's db module around a MikroORM row.
        const origin = ctx.originOf(receiver.callee) ?? (receiver.callee.name === 'wrap' && arg?.type === AST_NODE_TYPES.MemberExpression ? ctx.rowOf?.(arg.object) : undefined);
        if (origin?.orm !== 'mikroorm') return undefined;
        return { orm: 'mikroorm', operation: 'relation-load', evidence: origin.evidence, execution: 'eager', method: 'init', relation, optionsCall: link.node };
      }
      if (receiver.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const relation = lastName(receiver);
      // `post.author.load()` on a loaded entity: a Reference or a Collection.
      const row = ctx.rowOf?.(receiver.object);
      if (row?.orm === 'mikroorm') return { orm: 'mikroorm', operation: 'relation-load', evidence: row.evidence, execution: 'eager', method: link.name, relation, optionsCall: link.node };
      if (link.name !== 'load' && ctx.fileImports('mikroorm') && !ctx.fileImports('typeorm')) {
        return { orm: 'mikroorm', operation: 'relation-load', evidence: link.name === 'init' ? 'name' : 'shape', execution: 'eager', method: link.name, relation };
      }
      return undefined;
    }
    const qbStart = findCall(chain, new Set(['createQueryBuilder', 'qb']));
    if (qbStart !== -1) {
      const origin = ctx.originOf(exprBefore(chain, qbStart));
      if (origin?.orm !== 'mikroorm') return undefined;
      const op = QB_TERMINALS[link.name];
      const writes = findCall(chain, (name) => QB_RESHAPE.has(name) && name !== 'count', qbStart + 1) !== -1;
      const operation: Operation = writes && (op === undefined || link.name === 'execute') ? 'write-many' : op ?? 'read-many';
      return { orm: 'mikroorm', operation, evidence: origin.evidence, execution: op ? 'terminal' : 'thenable', method: link.name };
    }
    const op = EM_OPS[link.name];
    if (!op) return undefined;
    const receiver = exprBefore(chain, last);
    const origin = ctx.originOf(receiver);
    let evidence: Evidence;
    let role = origin?.role;
    if (origin) {
      if (origin.orm !== 'mikroorm') return undefined;
      evidence = origin.evidence;
    } else {
      const name = lastName(receiver);
      if (name === undefined || !/^(?:em|_em|entityManager|orm\.em)$/.test(name)) return undefined;
      if (ctx.fileImports('typeorm') && !ctx.fileImports('mikroorm')) return undefined;
      const entity = link.args[0];
      const entityFirst = entity?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(entity.name);
      evidence = entityFirst || ctx.fileImports('mikroorm') || op === 'flush' || op === 'schedule' ? 'shape' : 'name';
      role = 'manager';
    }
    const entityFirst = role === 'manager' || role === 'transaction';
    const entity = entityFirst ? link.args[0] : undefined;
    const model = entity?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(entity.name) ? entity.name : origin?.model;
    const operation = (link.name === 'insertMany' || (link.name === 'persist' && isArrayArg(link))) ? (op === 'schedule' ? 'schedule' : 'write-many') : op;
    return { orm: 'mikroorm', operation, evidence, execution: 'eager', method: link.name, model, optionsCall: link.node };
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
    return outsideTransaction(req);
  },
  rowsPart: { findAndCount: 0, getResultAndCount: 0 },
  eager: eagerSupport(),
  rowMembers: new Set(['__helper', '__meta', '__platform', '__em', '__factory', '__initialized']),
  rowHints: {
    count: 'em.count(Entity, where)',
    exists: `em.findOne(Entity, where, { fields: ['id'] })`,
    select: `fields: ['id', …]`,
    filter: 'where / orderBy / limit',
  },
  resultShape(match, chain) {
    if (findCall(chain, new Set(['createQueryBuilder', 'qb'])) !== -1) {
      return ({ getResultList: 'rows', getResult: 'rows', getSingleResult: 'row', getCount: 'number' } as const)[match.method as 'getResult'];
    }
    if (match.method === 'find' || match.method === 'findAll') return 'rows';
    if (match.method === 'findOne') return 'row';
    if (match.method === 'count') return 'number';
    return undefined;
  },
  fetchShape: (req) => fetchShape(req, managerCall(req)),
  countRewrite,
  existsRewrite,
  selectRewrite,
  refineRewrite,
};

/**
 * The global entity manager is context-aware: inside `em.transactional(…)` its calls are routed to the
 * transaction's fork. A manually forked EM (`orm.em.fork()`) captured from outside is not, so only calls
 * through such a fork (or a repository taken from it) are reported.
 */
function outsideTransaction(req: TransactionRequest): TransactionFix | undefined {
  const { chain, sourceCode, handle } = req;
  const qb = findCall(chain, new Set(['createQueryBuilder', 'qb']));
  const receiver = exprBefore(chain, qb !== -1 ? qb : chain.links.length - 1);
  // `fork.getRepository(Book).find()`: the fork is the repository's owner.
  const owner = receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(receiver.callee) === 'getRepository' ? receiver.callee.object : receiver;
  if (owner.type !== AST_NODE_TYPES.Identifier || req.originOf(owner)?.role !== 'manager') return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(owner), owner)?.defs[0];
  const init = def?.type === 'Variable' ? def.node.init : undefined;
  if (!init || !/\.fork\(/.test(sourceCode.getText(init))) return undefined;
  const missing = handleName(req, "the transaction's entity manager");
  return { splices: handle === undefined ? undefined : [{ range: owner.range, text: handle }], missing };
}

const NATIVE_ARITY: Readonly<Record<string, number>> = { nativeInsert: 1, insert: 1, nativeUpdate: 2, nativeDelete: 1 };

/**
 * `em.flush()`/`persistAndFlush(e)` per item → `persist(e)` in the loop and one `flush()` after it (the
 * unit of work batches the INSERTs/UPDATEs); `nativeInsert(E, row)` → `insertMany(E, rows)`;
 * `nativeUpdate`/`nativeDelete` keyed by the item → `{ key: { $in: keys } }`.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, chain, call, scope, sourceCode } = req;
  const receiver = exprBefore(chain, chain.links.length - 1);
  if (scope.dependsOnItem(receiver)) return undefined;
  const args = call.arguments;
  if (match.method === 'flush') {
    if (args.length > 0) return undefined;
    // `em.persist(entity).flush()`: keep the queueing, flush later.
    if (receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.MemberExpression) {
      const queued = propertyName(receiver.callee);
      if (queued !== 'persist' && queued !== 'remove') return undefined;
      const em = sourceCode.getText(receiver.callee.object);
      return { kind: 'defer', inLoop: sourceCode.getText(receiver), after: `${em}.flush()` };
    }
    const em = sourceCode.getText(receiver);
    return { kind: 'defer', inLoop: null, after: `${em}.flush()` };
  }
  const em = sourceCode.getText(receiver);
  if (match.method === 'persistAndFlush' || match.method === 'removeAndFlush') {
    if (args.length !== 1) return undefined;
    const queue = match.method === 'persistAndFlush' ? 'persist' : 'remove';
    return { kind: 'defer', inLoop: `${em}.${queue}(${sourceCode.getText(args[0]!)})`, after: `${em}.flush()` };
  }
  const arity = NATIVE_ARITY[match.method];
  if (arity === undefined) return undefined;
  const offset = args.length - arity;
  if (offset !== 0 && offset !== 1) return undefined;
  if (offset === 1 && scope.dependsOnItem(args[0]!)) return undefined;
  const target = args[offset]!;
  if (match.method === 'nativeInsert' || match.method === 'insert') {
    if (target.type === AST_NODE_TYPES.ArrayExpression || target.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(target)) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [renameMethod(call, 'insertMany')!, mapSplice(scope, target)]) };
  }
  if (match.method === 'nativeUpdate' && !independent(scope, args[offset + 1]!)) return undefined;
  const filter = keyFilterSplice(scope, target, call, (ids) => `{ $in: ${ids} }`);
  return filter ? { kind: 'replace', text: spliceNodeText(sourceCode, call, [filter.splice]) } : undefined;
}

/** Finders and the index of their options argument after the entity (`em.find(E, where, options)`). */
const FINDERS: Readonly<Record<string, number>> = { find: 1, findAndCount: 1, findOne: 1, findOneOrFail: 1, findAll: 0 };
const ONE_ROW = new Set(['findOne', 'findOneOrFail']);
const QB_ONE_ROW = new Set(['getSingleResult']);

function hasEntityArg(call: TSESTree.CallExpression): boolean {
  const arg0 = call.arguments[0];
  return arg0?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(arg0.name);
}

function queryShape(req: ShapeRequest): QueryShape | undefined {
  const { match, chain, sourceCode } = req;
  if (linkIndex(chain, new Set(['createQueryBuilder', 'qb'])) !== -1) {
    if (match.execution !== 'terminal' && match.execution !== 'thenable') return undefined;
    const limit = callClause(chain, new Set(['limit']));
    const last = chain.links.length - 1;
    return {
      limit: limit ?? (QB_ONE_ROW.has(match.method) ? { node: methodNode((chain.links[last] as CallLink).node), label: `${match.method}()` } : undefined),
      offset: callClause(chain, new Set(['offset'])),
      ordered: linkIndex(chain, new Set(['orderBy'])) !== -1,
      uniqueMethod: false,
      equalities: undefined,
      addOrdering(column) {
        const at = limit ? linkIndex(chain, new Set(['limit'])) : last;
        const splice = insertCallBefore(chain, at, `.orderBy({ ${column}: 'asc' })`);
        return splice ? [splice] : undefined;
      },
    };
  }
  const call = match.optionsCall;
  const optionsAt = FINDERS[match.method];
  if (!call || call !== req.node || optionsAt === undefined) return undefined;
  const shift = hasEntityArg(call) ? 1 : 0;
  const filterIndex = match.method === 'findAll' ? -1 : shift;
  const optionsIndex = optionsAt + shift;
  const optionsArg = call.arguments[optionsIndex];
  const options = asObject(optionsArg);
  // `findAll(E, { where, limit })` takes the filter inside the options.
  const filter = filterIndex === -1 ? objectProperty(options, 'where')?.value : call.arguments[filterIndex];
  if (optionsArg !== undefined && !options) return { ordered: true, uniqueMethod: false, opaque: true };
  const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee;
  const filterObject = asObject(filter);
  // `em.findOne(User, id)`: a primitive filter is the primary key.
  const primitiveKey =
    filter !== undefined &&
    (filter.type === AST_NODE_TYPES.Literal || filter.type === AST_NODE_TYPES.TemplateLiteral || /(?:id|Id|ID|uuid|Uuid|key|Key|pk)$/.test(lastName(filter) ?? ''));
  return {
    limit: ONE_ROW.has(match.method) ? { node: callee, label: `${match.method}()` } : optionClause(options, 'limit'),
    offset: optionClause(options, 'offset'),
    ordered: hasSpread(options) || objectProperty(options, 'orderBy') !== undefined,
    uniqueMethod: primitiveKey,
    equalities: filter === undefined ? [] : objectEqualities(filterObject, (_value, key) => !key.startsWith('$')),
    addOrdering(column) {
      const text = `orderBy: { ${column}: 'asc' }`;
      if (options) {
        const splice = addPropertySplice(sourceCode, options, text);
        return splice ? [splice] : undefined;
      }
      if (call.arguments.length !== optionsIndex) return undefined;
      const splice = addArgumentSplice(sourceCode, call, `{ ${text} }`);
      return splice ? [splice] : undefined;
    },
  };
}

/** `{ id: { $in: list } }`, `$nin`, or an array value in the filter (`{ id: list }`). */
function inListAt(node: TSESTree.Node, req: ShapeRequest): InListSite | undefined {
  if (node.type !== AST_NODE_TYPES.Property || node.computed) return undefined;
  const call = req.match.optionsCall;
  if (!call || FINDERS[req.match.method] === undefined && !/^(?:count|nativeUpdate|nativeDelete)$/.test(req.match.method)) return undefined;
  const filter = req.match.method === 'findAll' ? undefined : call.arguments[hasEntityArg(call) ? 1 : 0];
  if (!isWithin(node, filter)) return undefined;
  const key = staticKey(node);
  if (key === undefined) return undefined;
  const object = node.parent;
  const holder = object.type === AST_NODE_TYPES.ObjectExpression ? object.parent : undefined;
  if (key === '$in' || key === '$nin') {
    const column = holder?.type === AST_NODE_TYPES.Property && holder.value === object ? staticKey(holder) : undefined;
    return { list: node.value, column, negated: key === '$nin', acceptsSubquery: false };
  }
  if (key.startsWith('$')) return undefined;
  return { list: node.value, column: key, negated: false, acceptsSubquery: false, implicit: true };
}

/** Options that change which or how many rows come back. */
const PAGING = ['limit', 'offset'];
const GROUPING = ['groupBy', 'having'];
/** Options `count` does not need: they shape the entities, not their number. */
const COUNT_DROP = new Set(['populate', 'populateWhere', 'populateOrderBy', 'orderBy', 'fields', 'exclude', 'strategy', 'cache', 'refresh', 'disableIdentityMap', 'convertCustomTypes', 'lockMode', 'lockTableAliases', 'flags']);

/** `em.find(Entity, where, options)`, `repo.find(where, options)`, `em.findAll(Entity, options)`. */
interface ManagerCall {
  readonly receiver: string;
  /** `Book, ` for entity-manager calls, else empty. */
  readonly entity: string;
  readonly where: TSESTree.Node | undefined;
  readonly options: Options;
}

function managerCall(req: RewriteRequest): ManagerCall | undefined {
  const call = req.match.optionsCall;
  if (!call || call !== req.call) return undefined;
  const receiver = receiverText(req.sourceCode, call);
  if (receiver === undefined || call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const first = call.arguments[0];
  const entityFirst = first?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(first.name);
  const rest = call.arguments.slice(entityFirst ? 1 : 0);
  const entity = entityFirst ? `${req.sourceCode.getText(first)}, ` : '';
  if (req.match.method === 'findAll') {
    if (rest.length > 1) return undefined;
    return { receiver, entity, where: undefined, options: readOptions(rest[0]) };
  }
  if (rest.length > 2) return undefined;
  return { receiver, entity, where: rest[0], options: readOptions(rest[1]) };
}

function fetchShape(req: RewriteRequest, call: ManagerCall | undefined): FetchShape {
  if (!call || call.options.kind === 'opaque' || (req.match.method === 'findAll' && hasAny(call.options, ['where']))) {
    return { paged: false, grouped: false, wholeRows: false, relations: false, opaque: true };
  }
  return {
    paged: hasAny(call.options, PAGING),
    grouped: hasAny(call.options, GROUPING),
    wholeRows: !hasAny(call.options, ['fields', 'exclude']),
    relations: hasAny(call.options, ['populate']),
    opaque: false,
    ordered: hasAny(call.options, ['orderBy']),
    // MikroORM has no `exists`; `count()` is one of its documented existence tests.
    existsForm: req.match.method === 'count',
  };
}

/** `em.find(Entity, where, options)` → `em.count(Entity, where)`. */
function countRewrite(req: RewriteRequest): QueryRewrite | undefined {
  const call = managerCall(req);
  const shape = fetchShape(req, call);
  if (!call || shape.opaque || shape.paged || shape.grouped || (req.match.method !== 'find' && req.match.method !== 'findAll')) return undefined;
  if (call.options.kind === 'object' && [...call.options.props.keys()].some((k) => !COUNT_DROP.has(k))) return undefined;
  const where = call.where ? req.sourceCode.getText(call.where) : '';
  const args = `${call.entity}${where}`.replace(/, $/, '');
  return { text: `await ${call.receiver}.count(${args})`, exact: true };
}

/** `em.findOne(Entity, where, { fields: ['id'] })` for rows or a whole row used only as "any?". */
function existsRewrite(req: RewriteRequest): ExistsRewrite | undefined {
  const call = managerCall(req);
  const shape = fetchShape(req, call);
  const method = req.match.method;
  if (!call || shape.opaque || shape.paged || shape.grouped || (method !== 'find' && method !== 'findAll' && method !== 'findOne')) return undefined;
  const where = call.where ? req.sourceCode.getText(call.where) : '{}';
  return {
    text: `await ${call.receiver}.findOne(${call.entity}${where}, { fields: [${quote('id')}] })`,
    exact: false,
    absent: 'null',
    ...(method === 'findOne' && { sourceAbsent: 'null' as const }),
    caveat: 'assumes the primary key is `id`',
  };
}

/** Adds `fields: [...]` with the fields read. */
function selectRewrite(req: RewriteRequest, fields: readonly string[]): QueryRewrite | undefined {
  const call = managerCall(req);
  const shape = fetchShape(req, call);
  const method = req.match.method;
  if (!call || shape.opaque || !shape.wholeRows || shape.relations || (method !== 'find' && method !== 'findAll' && method !== 'findOne')) return undefined;
  const options = editObject(req.sourceCode, call.options, { add: [['fields', `[${fields.map(quote).join(', ')}]`]] });
  if (method === 'findAll') return { text: `await ${call.receiver}.findAll(${call.entity}${options})`, exact: false };
  const where = call.where ? req.sourceCode.getText(call.where) : '{}';
  return { text: `await ${call.receiver}.${method}(${call.entity}${where}, ${options})`, exact: false };
}

/** Moves an in-memory filter, sort or slice into the filter, `orderBy` or `limit`. */
function refineRewrite(req: RewriteRequest, refinement: Refinement): QueryRewrite | undefined {
  const call = managerCall(req);
  const shape = fetchShape(req, call);
  if (!call || req.match.method !== 'find' || shape.opaque || shape.paged || shape.grouped) return undefined;
  let where = call.where ? req.sourceCode.getText(call.where) : '{}';
  const options = call.options;
  let optionsText: string | undefined;
  switch (refinement.kind) {
    case 'equals':
    case 'true': {
      const filter = readOptions(call.where);
      if (filter.kind === 'opaque' || (filter.kind === 'object' && filter.props.has(refinement.field))) return undefined;
      where = editObject(req.sourceCode, filter, { add: [[refinement.field, refinement.kind === 'true' ? 'true' : refinement.value]] });
      break;
    }
    case 'order':
      if (hasAny(options, ['orderBy'])) return undefined;
      optionsText = editObject(req.sourceCode, options, { add: [['orderBy', fieldsObject([refinement.field], `'${refinement.direction}'`)]] });
      break;
    case 'take':
      optionsText = editObject(req.sourceCode, options, { add: [['limit', refinement.count]] });
      break;
  }
  const rest = optionsText ?? (options.kind === 'object' ? req.sourceCode.getText(options.node) : undefined);
  return { text: `await ${call.receiver}.find(${call.entity}${where}${rest !== undefined ? `, ${rest}` : ''})`, exact: refinement.kind === 'take' && !shape.relations };
}

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match, call } = req;
  if (call !== match.optionsCall) return undefined;
  const many = match.method === 'find';
  if (!many && match.method !== 'findOne') return undefined;
  const link: CallLink = { kind: 'call', name: match.method, node: call, args: call.arguments };
  const entityFirst = link.args[0]?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test((link.args[0] as { name: string }).name);
  const filterIndex = entityFirst ? 1 : 0;
  if (call.arguments.length > filterIndex + 1) return undefined; // options (orderBy, limit, populate…) change what one row means
  const filter = call.arguments[filterIndex];
  if (!filter) return undefined;
  const splices = [];
  let keyField: string;
  let keyNode;
  if (filter.type === AST_NODE_TYPES.ObjectExpression) {
    const keyProp = itemKeyProperty(req, filter);
    if (!keyProp || othersDependOnItem(req, call, [keyProp.prop.value])) return undefined;
    splices.push(replacePropValue(keyProp.prop, keyProp.key, `{ $in: ${req.keysText(keyProp.prop.value)} }`));
    keyField = keyProp.key;
    keyNode = keyProp.prop.value;
  } else if (req.isItemKey(filter)) {
    // `em.findOne(User, id)`: a primary key, assumed to be `id`.
    splices.push({ range: filter.range, text: `{ id: { $in: ${req.keysText(filter)} } }` });
    keyField = 'id';
    keyNode = filter;
  } else {
    return undefined;
  }
  if (!many) splices.push(renameMethod(call, 'find')!);
  return { keyField, keyNode, batchedText: `await ${spliceNodeText(req.sourceCode, call, splices)}`, many };
}

/** Loads that are no-ops once the relation is populated: the per-item call may stay. */
const NOOP_WHEN_LOADED = new Set(['load', 'loadOrFail', 'loadItems']);
const FINDS = new Set(['find', 'findAll', 'findAndCount']);

function eagerSupport(): EagerSupport {
  return {
    hint: (relation) => `populate: ['${relation}']`,

    relationLoad(req) {
      const { query, ctx } = req;
      const call = query?.optionsCall;
      if (!query || !call) return undefined;
      const text = (node: TSESTree.Node) => req.sourceCode.getText(node);
      if (query.operation === 'relation-load') {
        const callee = call.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 0) return undefined;
        // `wrap(post.author).init()` refreshes (always a query); `post.comments.init()` too.
        const wrapped = callee.object.type === AST_NODE_TYPES.CallExpression ? callee.object.arguments[0] : undefined;
        const target = wrapped ?? callee.object;
        if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.property.type !== AST_NODE_TYPES.Identifier || !req.isItem(target.object)) return undefined;
        const relation = target.property.name;
        if (query.method === 'init') return { owner: target.object, relation, loaded: text(target), removable: true, confirmed: true };
        if (!wrapped && NOOP_WHEN_LOADED.has(query.method)) return { owner: target.object, relation, loaded: null, confirmed: true };
        return undefined;
      }
      // `em.findOne(User, post.author)`, `em.findOne(User, { id: post.authorId })`, `em.find(Comment, { post })`.
      if (call !== query.node || (query.method !== 'findOne' && query.method !== 'find')) return undefined;
      const entityFirst = call.arguments[0]?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(call.arguments[0].name);
      const filter = call.arguments[entityFirst ? 1 : 0];
      if (!filter || call.arguments.length !== (entityFirst ? 2 : 1) || filter.type === AST_NODE_TYPES.SpreadElement) return undefined;
      let load: RelationLoad | undefined;
      if (filter.type === AST_NODE_TYPES.MemberExpression && !filter.computed && filter.property.type === AST_NODE_TYPES.Identifier && req.isItem(filter.object) && query.method === 'findOne') {
        // The primary key given as the item's reference: the property is the relation.
        load = { owner: filter.object, relation: filter.property.name, loaded: referenceValue(filter), confirmed: true };
      } else {
        const conditions = filter.type === AST_NODE_TYPES.ObjectExpression ? objectConditions(filter) : [{ key: 'id', value: filter }];
        const single = conditions && singleItemCondition(conditions, req.dependsOnItem);
        if (!single || single.rest.length > 0) return undefined;
        const keyed = keyedRelation(single.keyed, query.model, req.isItem);
        if (!keyed || keyed.many !== (query.method === 'find')) return undefined;
        const owner = text(keyed.owner);
        const confirmed = ctx.types ? ctx.types.hasProperty(keyed.owner, keyed.relation) : undefined;
        // `book.author.id`: the relation node is there to ask whether it is a Reference.
        const value = single.keyed.value;
        const relationNode = value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.MemberExpression ? value.object : undefined;
        const loaded = keyed.many ? `${loadedText(owner, keyed.relation)}.getItems()` : relationNode ? referenceValue(relationNode) : loadedText(owner, keyed.relation);
        load = { owner: keyed.owner, relation: keyed.relation, assumedFrom: keyed.assumedFrom, confirmed, loaded };
      }
      return load;

      /** `book.author`, or `book.author.unwrap()` when the checker says it is a `Reference`. */
      function referenceValue(node: TSESTree.MemberExpression): string {
        return ctx.types?.hasProperty(node, 'unwrap') === true ? `${text(node)}.unwrap()` : text(node);
      }
    },

    include({ source, relation, nested, sourceCode }) {
      const call = source.optionsCall;
      if (nested !== undefined || !call || call !== source.node || !FINDS.has(source.method)) return undefined;
      const entityFirst = call.arguments[0]?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(call.arguments[0].name);
      const index = (entityFirst ? 1 : 0) + (source.method === 'findAll' ? 0 : 1);
      if (call.arguments.length < index || call.arguments.length > index + 1) return undefined;
      const options = call.arguments[index];
      if (!options) {
        const splice = addCallArgument(sourceCode, call, `{ populate: ['${relation}'] }`);
        return splice ? [splice] : undefined;
      }
      // Partial loading (`fields`/`exclude`) would need the relation's fields too.
      if (options.type !== AST_NODE_TYPES.ObjectExpression || objectProperty(options, 'fields') || objectProperty(options, 'exclude')) return undefined;
      const populate = objectProperty(options, 'populate');
      if (!populate) {
        if (options.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
        return [addObjectEntry(sourceCode, options, `populate: ['${relation}']`)];
      }
      const value = populate.value;
      if (value.type === AST_NODE_TYPES.Literal && (value.value === true || value.value === '*')) return [];
      if (value.type !== AST_NODE_TYPES.ArrayExpression || !value.elements.every((e) => e?.type === AST_NODE_TYPES.Literal && typeof e.value === 'string')) return undefined;
      if (value.elements.some((e) => e?.type === AST_NODE_TYPES.Literal && (e.value === relation || e.value === '*' || String(e.value).startsWith(`${relation}.`)))) return [];
      return [addArrayElement(sourceCode, value, `'${relation}'`)];
    },
  };
}

/**
 * ``raw('n + ?', [1])``: raw SQL names the column, so only fields whose column name is the property name
 * under both naming strategies (lower case, digits, underscores) get a rewrite.
 */
function rawIncrement(sourceCode: Readonly<TSESLint.SourceCode>, change: AtomicChange): { text: string; imports: [string, string][] } | undefined {
  if (!/^[a-z][a-z0-9_]*$/.test(change.field)) return undefined;
  return { text: `raw('${change.field} ${change.op} ?', [${change.amount}])`, imports: [[importSourceLike(sourceCode, '@mikro-orm/', '@mikro-orm/core'), 'raw']] };
}

/** `nativeUpdate(Entity, where, { n: row.n + 1 })` → `{ n: raw('n + ?', [1]) }`. */
function atomicValue(req: AtomicValueRequest): AtomicEdit | undefined {
  const { match, call, change, sourceCode } = req;
  if (match.method !== 'nativeUpdate' || match.optionsCall !== call) return undefined;
  if (!payloadProperty(call.arguments[call.arguments.length - 1], req.value, change.field)) return undefined;
  const raw = rawIncrement(sourceCode, change);
  return raw ? { splices: [{ range: req.value.range, text: raw.text }], imports: raw.imports } : { splices: undefined };
}

/** Every entity of `em.find(Entity, where)` bumped in a loop (then flushed) → one `nativeUpdate(Entity, where, { n: raw(…) })`. */
function bulkAtomic(req: BulkAtomicRequest): { text: string; imports: [string, string][] } | undefined {
  const { read, change, sourceCode } = req;
  const call = read.match.optionsCall;
  if ((read.match.method !== 'find' && read.match.method !== 'findAll') || !call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const args = call.arguments;
  const entityFirst = args[0]?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(args[0].name);
  const where = args[entityFirst ? 1 : 0];
  if (args.length > (entityFirst ? 3 : 2) || (read.match.method === 'findAll' && where)) return undefined;
  // Options that only order or narrow the loaded columns do not change which rows the update touches.
  const options = args[entityFirst ? 2 : 1];
  if (options && (options.type !== AST_NODE_TYPES.ObjectExpression || options.properties.some((p) => p.type !== AST_NODE_TYPES.Property || !['orderBy', 'fields'].includes(staticKey(p) ?? '')))) return undefined;
  const raw = rawIncrement(sourceCode, change);
  if (!raw) return undefined;
  const entity = entityFirst ? `${sourceCode.getText(args[0]!)}, ` : '';
  return { text: `${sourceCode.getText(call.callee.object)}.nativeUpdate(${entity}${where ? sourceCode.getText(where) : '{}'}, { ${change.field}: ${raw.text} })`, imports: raw.imports };
}
