import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, objectProperty, staticKeys } from '../ast.js';
import { spliceNodeText, type Splice } from '../fixes.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { argKeysWithin, type CallLink, exprBefore, findCall, isArrayArg, isModelLike, lastName, rowMethodMatch, stringArg } from './common.js';
import { incrementMethod, onlyProperty, payloadProperty, quoted } from './atomic.js';
import { handleName, hasNestedLiterals, independent, keyFilterSplice, mapSplice, plainObject } from './bulk.js';
import type { AtomicEdit, AtomicRowEdit, AtomicRowRequest, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, Chain, EagerSupport, Evidence, ExistsRewrite, FetchShape, InListSite, Operation, OrmModule, QueryRewrite, QueryShape, RecognizeContext, Refinement, RewriteRequest, ShapeRequest, TransactionFix, TransactionRequest } from './types.js';
import { addArgumentSplice, addPropertySplice, asObject, callClause, hasSpread, insertCallBefore, linkIndex, linksNamed, methodNode, objectEqualities, optionClause, quote, selectsAggregate, stringValue } from './shape.js';
import { addArrayElement, addCallArgument, addObjectEntry, keyedRelation, keyText, loadedText, objectConditions, singleItemCondition } from '../relations.js';
import { editChain, editObject, fieldsObject, hasAny, type Options, readOptions, receiverText, unknownKeys } from './rewrite.js';

/** Repository / EntityManager / BaseEntity methods. */
const REPO_OPS: Readonly<Record<string, Operation>> = {
  find: 'read-many',
  findBy: 'read-many',
  findByIds: 'read-many',
  findAndCount: 'read-many',
  findAndCountBy: 'read-many',
  findOne: 'read-one',
  findOneBy: 'read-one',
  findOneOrFail: 'read-one',
  findOneByOrFail: 'read-one',
  findOneById: 'read-one',
  preload: 'read-one',
  count: 'count',
  countBy: 'count',
  exists: 'exists',
  existsBy: 'exists',
  exist: 'exists',
  sum: 'aggregate',
  average: 'aggregate',
  minimum: 'aggregate',
  maximum: 'aggregate',
  save: 'write-one',
  insert: 'write-one',
  upsert: 'write-one',
  remove: 'write-one',
  softRemove: 'write-one',
  recover: 'write-one',
  update: 'write-many',
  updateAll: 'write-many',
  delete: 'write-many',
  deleteAll: 'write-many',
  softDelete: 'write-many',
  restore: 'write-many',
  increment: 'write-many',
  decrement: 'write-many',
  clear: 'write-many',
  query: 'raw',
};

/** `BaseEntity` instance methods (Active Record). */
const ROW_OPS: Readonly<Record<string, Operation>> = {
  save: 'write-one',
  remove: 'write-one',
  softRemove: 'write-one',
  recover: 'write-one',
  reload: 'read-one',
};

/** Names no other supported ORM uses for a query method. */
const DISTINCTIVE = new Set(['findOneBy', 'findBy', 'findOneByOrFail', 'countBy', 'existsBy', 'findAndCountBy', 'findAndCount', 'findOneOrFail']);

const FIND_OPTION_KEYS = new Set([
  'where', 'relations', 'order', 'select', 'take', 'skip', 'withDeleted', 'lock', 'cache', 'relationLoadStrategy',
  'loadEagerRelations', 'loadRelationIds', 'transaction', 'comment',
]);
const STRONG_FIND_KEYS = new Set(['where', 'relations', 'order']);

/** Query-builder terminals: they send the SQL. */
const QB_TERMINALS: Readonly<Record<string, Operation>> = {
  getMany: 'read-many',
  getRawMany: 'read-many',
  getManyAndCount: 'read-many',
  getRawAndEntities: 'read-many',
  getOne: 'read-one',
  getOneOrFail: 'read-one',
  getRawOne: 'read-one',
  getCount: 'count',
  getExists: 'exists',
  stream: 'read-many',
  execute: 'read-many',
  loadMany: 'relation-load',
  loadOne: 'relation-load',
};
const QB_STARTS = new Set(['createQueryBuilder']);
/** RelationQueryBuilder (`relation(…).of(…)`) methods that write the relation and return a promise. */
const RELATION_WRITES = new Set(['set', 'add', 'remove', 'addAndRemove']);
/** Query-builder chain methods: each changes the builder and returns it. */
const QB_METHODS = new Set([
  'select', 'addSelect', 'distinct', 'distinctOn', 'from', 'addFrom', 'where', 'andWhere', 'orWhere', 'whereInIds', 'andWhereInIds',
  'orWhereInIds', 'whereExists', 'andWhereExists', 'orWhereExists', 'having', 'andHaving', 'orHaving', 'groupBy', 'addGroupBy', 'orderBy',
  'addOrderBy', 'skip', 'take', 'limit', 'offset', 'innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect', 'innerJoinAndMapOne',
  'innerJoinAndMapMany', 'leftJoinAndMapOne', 'leftJoinAndMapMany', 'loadRelationIdAndMap', 'loadRelationCountAndMap', 'loadAllRelationIds',
  'setParameter', 'setParameters', 'setLock', 'setOnLocked', 'withDeleted', 'cache', 'comment', 'useIndex', 'maxExecutionTime',
  'setFindOptions', 'printSql', 'useTransaction', 'callListeners', 'updateEntity', 'insert', 'into', 'values', 'orUpdate', 'orIgnore',
  'update', 'set', 'delete', 'softDelete', 'restore', 'returning', 'output', 'relation', 'of', 'setQueryRunner', 'timeTravelQuery',
]);
const QB_WRITE_STARTS = new Set(['insert', 'update', 'delete', 'softDelete', 'restore']);
const QB_WRITES = new Set(['insert', 'update', 'delete', 'softDelete', 'restore']);

const REPO_NAME = /(?:repo|repository|Repo|Repository)$/;

export const typeorm: OrmModule = {
  id: 'typeorm',
  name: 'TypeORM',
  hints: {
    batch: 'findBy({ id: In(ids) })',
    updateEachBulk: `upsert(rows, ['id'])\` (one INSERT … ON CONFLICT DO UPDATE), or one \`UPDATE … SET col = CASE id WHEN … END\` through \`query()`,
    countBatch: `createQueryBuilder('p').select('p.authorId', 'authorId').addSelect('COUNT(*)', 'n').where('p.authorId IN (:...ids)', { ids }).groupBy('p.authorId').getRawMany()`,
    eager: 'relations: { author: true }',
    bulk: 'insert(rows), update(ids, values), delete(ids); not save(rows), which still updates row by row',
    upsertBulk: `upsert(rows, ['id'])`,
    atomic: "increment({ id }, 'n', 1)",
    keyset: 'find({ where: { id: MoreThan(lastId) }, order: { id: \'ASC\' }, take: 20 })',
    subquery: 'a nested relation condition (`where: { author: { … } }`), an `innerJoin`, or a `subQuery()` in a query builder',
  },
  inOperators: { In: { list: 0 } },
  packages: ['typeorm', '@nestjs/typeorm'],
  methodNames: new Set([...Object.keys(REPO_OPS), ...Object.keys(QB_TERMINALS), ...QB_STARTS, ...QB_METHODS]),
  exports: { DataSource: 'factory', Connection: 'factory', getRepository: 'repository', getManager: 'manager', BaseEntity: 'model' },
  derived: {
    factory: { new: 'client' },
    client: { getRepository: 'repository', getTreeRepository: 'repository', getMongoRepository: 'repository', '.manager': 'manager', initialize: 'client', createEntityManager: 'manager' },
    manager: { getRepository: 'repository', getTreeRepository: 'repository', withRepository: 'repository', getCustomRepository: 'repository' },
    transaction: { getRepository: 'repository', withRepository: 'repository' },
  },
  typeNames: {
    Repository: 'repository',
    TreeRepository: 'repository',
    MongoRepository: 'repository',
    EntityManager: 'manager',
    DataSource: 'client',
    Connection: 'client',
  },
  baseClasses: ['BaseEntity'],
  rowMethods: ROW_OPS,
  injectDecorators: { InjectRepository: 'repository', InjectEntityManager: 'manager', InjectDataSource: 'client' },
  transactionMethods: new Set(['transaction']),
  // Repository/manager calls are eager; query builders are mutable and run only through a terminal call.
  executionModel: {
    builder: 'mutable',
    reexecution: 'runs-again',
    executeMethods: new Set(Object.keys(QB_TERMINALS)),
    builderMethods: QB_METHODS,
    valueMethods: new Set(['getQuery', 'getSql', 'getQueryAndParameters', 'getParameters', 'subQuery', 'expressionMap']),
    cloneMethod: 'clone',
    builderTypeNames: /QueryBuilder$|^WhereExpressionBuilder$/,
    terminalsFor: (_match, chain) =>
      chain.links.some((l) => l.kind === 'call' && l.name !== undefined && QB_WRITE_STARTS.has(l.name)) ? ['execute()'] : ['getMany()', 'getOne()'],
  },

  recognize(chain, ctx) {
    const qb = recognizeQueryBuilder(chain, ctx);
    if (qb !== null) return qb;
    const { links } = chain;
    const last = links.length - 1;
    const link = links[last];
    if (link?.kind !== 'call' || link.name === undefined) return undefined;
    const op = REPO_OPS[link.name];
    if (!op) return undefined;
    const receiver = exprBefore(chain, last);
    const origin = ctx.originOf(receiver);
    if (origin?.role === 'row') return rowMethodMatch('typeorm', chain, origin, ROW_OPS, 'eager');
    let evidence: Evidence;
    let role = origin?.role;
    if (origin) {
      if (origin.orm !== 'typeorm') return undefined;
      evidence = origin.evidence;
    } else {
      const shape = shapeOf(receiver, link, ctx);
      if (!shape) return undefined;
      ({ evidence, role } = shape);
    }
    // EntityManager methods take the entity first: `manager.find(User, {...})`.
    const entityFirst = role === 'manager' || role === 'transaction';
    const entityArg = entityFirst ? link.args[0] : undefined;
    const repositoryOf = receiver.type === AST_NODE_TYPES.CallExpression ? receiver.arguments[0] : undefined;
    const model =
      entityArg?.type === AST_NODE_TYPES.Identifier
        ? entityArg.name
        : origin?.model ?? (role === 'model' ? lastName(receiver) : repositoryOf?.type === AST_NODE_TYPES.Identifier ? repositoryOf.name : undefined);
    const argIndex = entityFirst ? 1 : 0;
    const operation = (link.name === 'save' || link.name === 'insert' || link.name === 'remove' || link.name === 'upsert') && isArrayArg(link, argIndex) ? 'write-many' : op;
    return { orm: 'typeorm', operation, evidence, execution: 'eager', method: link.name, model, optionsCall: link.node };
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

  atomicRow(req) {
    return atomicRow(req);
  },

  bulkAtomic(req) {
    return bulkAtomic(req);
  },

  outsideTransaction(req) {
    return outsideTransaction(req);
  },
  rowsPart: { findAndCount: 0, findAndCountBy: 0, getManyAndCount: 0 },
  eager: eagerSupport(),
  rowHints: {
    count: 'count({ where }) / countBy(where) / qb.getCount()',
    exists: 'exists({ where }) / existsBy(where) / qb.getExists()',
    select: 'select: { id: true, … }',
    filter: 'where / order / take',
  },
  resultShape(match, chain) {
    if (findCall(chain, QB_STARTS) !== -1) return QB_SHAPES[match.method];
    return REPO_SHAPES[match.method];
  },
  fetchShape,
  countRewrite,
  existsRewrite,
  selectRewrite,
  refineRewrite,
};

/**
 * Inside `dataSource.transaction(async (manager) => …)` only `manager` (and repositories taken from it)
 * take part: an injected repository, `dataSource.manager`, a `BaseEntity` static or instance does not.
 */
function outsideTransaction(req: TransactionRequest): TransactionFix | undefined {
  const { chain, sourceCode, handle } = req;
  const qb = findCall(chain, QB_STARTS);
  const index = qb !== -1 ? qb : chain.links.length - 1;
  const receiver = exprBefore(chain, index);
  const origin = req.originOf(receiver);
  if (origin?.orm !== 'typeorm') return undefined;
  const missing = handleName(req, "the transaction's entity manager");
  const text = sourceCode.getText(receiver);
  let splice: Splice | undefined;
  switch (origin.role) {
    case 'manager':
    case 'client':
      splice = { range: receiver.range, text: handle ?? '' };
      break;
    case 'repository': {
      // `dataSource.getRepository(User)` → `manager.getRepository(User)`; an injected repository → `manager.withRepository(repo)`.
      const owner = receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.MemberExpression ? receiver.callee.object : undefined;
      const ownerRole = owner ? req.originOf(owner)?.role : undefined;
      splice = owner && (ownerRole === 'client' || ownerRole === 'manager') ? { range: owner.range, text: handle ?? '' } : { range: receiver.range, text: `${handle ?? ''}.withRepository(${text})` };
      break;
    }
    case 'model':
      splice = { range: receiver.range, text: `${handle ?? ''}.getRepository(${text})` };
      break;
    case 'row': {
      const link = chain.links[chain.links.length - 1]!;
      if (link.kind !== 'call' || link.args.length > 0 || req.match.method === 'reload') return undefined;
      splice = { range: req.call.range, text: `${handle ?? ''}.${req.match.method}(${text})` };
      break;
    }
    default:
      return undefined;
  }
  return { splices: handle === undefined ? undefined : [splice], missing };
}

const QB_SHAPES: Readonly<Record<string, 'rows' | 'row' | 'number'>> = { getMany: 'rows', getRawMany: 'rows', getOne: 'row', getRawOne: 'row', getCount: 'number' };
const REPO_SHAPES: Readonly<Record<string, 'rows' | 'row' | 'number'>> = {
  find: 'rows', findBy: 'rows', findOne: 'row', findOneBy: 'row', count: 'number', countBy: 'number',
};
const QB_JOINS = /^(?:inner|left)Join(?:AndSelect|AndMap(?:One|Many))?$|^join$|^loadRelation/;
const QB_PAGING = new Set(['take', 'skip', 'limit', 'offset']);
const QB_GROUPING = new Set(['groupBy', 'addGroupBy', 'having', 'andHaving', 'orHaving', 'distinct', 'distinctOn']);
const QB_SELECTS = new Set(['select', 'addSelect']);

/** A repository/manager/BaseEntity call: `repo.find(options)`, `manager.findBy(User, where)`. */
interface RepoCall {
  readonly call: TSESTree.CallExpression;
  readonly receiver: string;
  /** `User, ` for manager calls, else empty. */
  readonly entity: string;
  /** The options (`find`, `findOne`, `count`) or the where object (`findBy`, `findOneBy`, `countBy`). */
  readonly options: Options;
  readonly byForm: boolean;
}

function repoCall(req: RewriteRequest): RepoCall | undefined {
  const call = req.match.optionsCall;
  if (!call || call !== req.call || findCall(req.chain, QB_STARTS) !== -1) return undefined;
  const receiver = receiverText(req.sourceCode, call);
  if (receiver === undefined) return undefined;
  const first = call.arguments[0];
  const entityFirst = call.arguments.length === 2 || (first?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(first.name) && call.arguments.length === 1);
  if (call.arguments.length > (entityFirst ? 2 : 1)) return undefined;
  const entity = entityFirst && first ? `${req.sourceCode.getText(first)}, ` : '';
  return { call, receiver, entity, options: readOptions(call.arguments[entityFirst ? 1 : 0]), byForm: req.match.method.endsWith('By') };
}

interface QbChain {
  readonly terminal: CallLink;
  readonly start: CallLink;
  /** The alias given to `createQueryBuilder`, when it is a string literal. */
  readonly alias: string | undefined;
  readonly names: readonly string[];
}

function qbChain(req: RewriteRequest): QbChain | undefined {
  const start = findCall(req.chain, QB_STARTS);
  if (start === -1) return undefined;
  const startLink = req.chain.links[start] as CallLink;
  const terminal = req.chain.links[req.chain.links.length - 1];
  if (terminal?.kind !== 'call') return undefined;
  const aliasArg = startLink.args[startLink.args.length - 1];
  const alias = aliasArg?.type === AST_NODE_TYPES.Literal && typeof aliasArg.value === 'string' ? aliasArg.value : undefined;
  const names = req.chain.links.slice(start + 1, -1).map((l) => (l.kind === 'call' ? l.name ?? '' : ''));
  return { terminal, start: startLink, alias, names };
}

function fetchShape(req: RewriteRequest): FetchShape {
  const qb = qbChain(req);
  if (qb) {
    const paged = qb.names.some((n) => QB_PAGING.has(n));
    return {
      paged,
      grouped: qb.names.some((n) => QB_GROUPING.has(n)),
      wholeRows: !qb.names.some((n) => QB_SELECTS.has(n)) && req.match.method !== 'getRawMany' && req.match.method !== 'getRawOne',
      relations: qb.names.some((n) => QB_JOINS.test(n)),
      opaque: qb.alias === undefined,
      ordered: qb.names.some((n) => n === 'orderBy' || n === 'addOrderBy'),
      overfetches: req.match.method === 'getOne' && !paged,
    };
  }
  const repo = repoCall(req);
  if (!repo || repo.options.kind === 'opaque') return { paged: false, grouped: false, wholeRows: false, relations: false, opaque: true };
  if (repo.byForm) return { paged: false, grouped: false, wholeRows: true, relations: false, opaque: false };
  return {
    paged: hasAny(repo.options, ['take', 'skip']),
    grouped: false,
    wholeRows: !hasAny(repo.options, ['select']),
    relations: hasAny(repo.options, ['relations', 'loadRelationIds']),
    opaque: unknownKeys(repo.options, FIND_OPTION_KEYS),
    ordered: hasAny(repo.options, ['order']),
  };
}

/** `find` → `count`, `findBy` → `countBy`, `qb.getMany()` → `qb.getCount()`: same options, same number. */
function countRewrite(req: RewriteRequest): QueryRewrite | undefined {
  const shape = fetchShape(req);
  if (shape.opaque || shape.paged || shape.grouped) return undefined;
  const qb = qbChain(req);
  if (qb) {
    if (req.match.method !== 'getMany') return undefined;
    const text = editChain(req.sourceCode, req.call, [{ rename: qb.terminal, name: 'getCount' }]);
    return text === undefined ? undefined : { text: `await ${text}`, exact: true };
  }
  const target = ({ find: 'count', findBy: 'countBy' } as Record<string, string>)[req.match.method];
  if (target === undefined) return undefined;
  const text = editChain(req.sourceCode, req.call, [{ rename: lastLink(req.chain), name: target }]);
  return text === undefined ? undefined : { text: `await ${text}`, exact: true };
}

/** `exists`/`existsBy`/`getExists()` in place of rows, a count or a row used only as "any?". */
function existsRewrite(req: RewriteRequest): ExistsRewrite | undefined {
  const shape = fetchShape(req);
  if (shape.opaque || shape.grouped) return undefined;
  const qb = qbChain(req);
  const method = req.match.method;
  const sourceAbsent = method === 'getOne' || method === 'findOne' || method === 'findOneBy' ? { sourceAbsent: 'null' as const } : {};
  if (qb) {
    if (method !== 'getMany' && method !== 'getOne' && method !== 'getCount') return undefined;
    if (shape.paged && method === 'getMany') return undefined;
    const text = editChain(req.sourceCode, req.call, [{ rename: qb.terminal, name: 'getExists' }]);
    return text === undefined ? undefined : { text: `await ${text}`, exact: true, absent: 'false', ...sourceAbsent };
  }
  if (shape.paged) return undefined;
  const target = ({ find: 'exists', findOne: 'exists', count: 'exists', findBy: 'existsBy', findOneBy: 'existsBy', countBy: 'existsBy' } as Record<string, string>)[method];
  if (target === undefined) return undefined;
  const text = editChain(req.sourceCode, req.call, [{ rename: lastLink(req.chain), name: target }]);
  return text === undefined ? undefined : { text: `await ${text}`, exact: true, absent: 'false', ...sourceAbsent };
}

/** Adds `select: { … }` (find options) or `.select([…])` (query builder). */
function selectRewrite(req: RewriteRequest, fields: readonly string[]): QueryRewrite | undefined {
  const shape = fetchShape(req);
  if (shape.opaque || !shape.wholeRows) return undefined;
  const qb = qbChain(req);
  if (qb) {
    if (shape.relations || qb.alias === undefined || (req.match.method !== 'getMany' && req.match.method !== 'getOne')) return undefined;
    const columns = fields.map((f) => quote(`${qb.alias!}.${f}`)).join(', ');
    const text = editChain(req.sourceCode, req.call, [{ after: qb.start.node, text: `.select([${columns}])` }]);
    return text === undefined ? undefined : { text: `await ${text}`, exact: false };
  }
  const repo = repoCall(req);
  const method = req.match.method;
  if (!repo || (method !== 'find' && method !== 'findBy' && method !== 'findOne' && method !== 'findOneBy')) return undefined;
  const select: [string, string] = ['select', fieldsObject(fields)];
  const options = repo.byForm
    ? `{ where: ${repo.options.kind === 'object' ? req.sourceCode.getText(repo.options.node) : '{}'}, select: ${select[1]} }`
    : editObject(req.sourceCode, repo.options, { add: [select] });
  const target = repo.byForm ? method.slice(0, -2) : method;
  return { text: `await ${repo.receiver}.${target}(${repo.entity}${options})`, exact: false };
}

/** Moves an in-memory filter, sort or slice into `where`, `order`, `take` (or `.take()` on a builder). */
function refineRewrite(req: RewriteRequest, refinement: Refinement): QueryRewrite | undefined {
  const shape = fetchShape(req);
  if (shape.opaque || shape.paged || shape.grouped) return undefined;
  const qb = qbChain(req);
  if (qb) {
    if (req.match.method !== 'getMany') return undefined;
    const before = req.chain.links[req.chain.links.length - 2]?.node;
    if (!before) return undefined;
    let add: string;
    if (refinement.kind === 'take') add = `.take(${refinement.count})`;
    else if (refinement.kind === 'order' && !qb.names.some((n) => n === 'orderBy' || n === 'addOrderBy')) add = `.orderBy(${quote(`${qb.alias!}.${refinement.field}`)}, '${refinement.direction.toUpperCase()}')`;
    else return undefined;
    const text = editChain(req.sourceCode, req.call, [{ after: before, text: add }]);
    return text === undefined ? undefined : { text: `await ${text}`, exact: refinement.kind === 'take' };
  }
  const repo = repoCall(req);
  if (!repo || (req.match.method !== 'find' && req.match.method !== 'findBy')) return undefined;
  if (repo.options.kind === 'opaque') return undefined;
  // `findBy(where)` becomes `find({ where, … })` when something other than the filter is added.
  const whereOf = (): Options => {
    if (repo.byForm) return repo.options;
    const where = repo.options.kind === 'object' ? repo.options.props.get('where') : undefined;
    return where ? readOptions(where.value) : { kind: 'absent' };
  };
  const findOptions = (add: readonly [string, string][], where?: string): string => {
    if (repo.byForm) return `{ where: ${where ?? (repo.options.kind === 'object' ? req.sourceCode.getText(repo.options.node) : '{}')}${add.map(([k, v]) => `, ${k}: ${v}`).join('')} }`;
    return editObject(req.sourceCode, repo.options, { add, ...(where !== undefined && { set: new Map([['where', where]]), add: repo.options.kind === 'object' && repo.options.props.has('where') ? add : [['where', where], ...add] }) });
  };
  let options: string;
  let method = 'find';
  switch (refinement.kind) {
    case 'equals':
    case 'true': {
      const where = whereOf();
      if (where.kind === 'opaque' || (where.kind === 'object' && where.props.has(refinement.field))) return undefined;
      const value = refinement.kind === 'true' ? 'true' : refinement.value;
      const newWhere = editObject(req.sourceCode, where, { add: [[refinement.field, value]] });
      if (repo.byForm) {
        options = newWhere;
        method = 'findBy';
      } else options = findOptions([], newWhere);
      break;
    }
    case 'order':
      if (!repo.byForm && hasAny(repo.options, ['order'])) return undefined;
      options = findOptions([['order', fieldsObject([refinement.field], `'${refinement.direction.toUpperCase()}'`)]]);
      break;
    case 'take':
      options = findOptions([['take', refinement.count]]);
      break;
  }
  return { text: `await ${repo.receiver}.${method}(${repo.entity}${options})`, exact: refinement.kind === 'take' && !shape.relations };
}

function lastLink(chain: Chain): CallLink {
  return chain.links[chain.links.length - 1] as CallLink;
}

/** Arguments before the entity's own: the manager form takes the entity class first. */
const ARITY: Readonly<Record<string, number>> = { insert: 1, save: 1, update: 2, delete: 1 };

/**
 * `insert(row)` per item → `insert(items.map(…))`; `save({ … })` of a new object → `insert(…)` (never
 * `save([...])`: it still sends one UPDATE per row); `update(key, values)`/`delete(key)` keyed by the item →
 * the array-of-ids or `In(ids)` criteria.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, call, scope, sourceCode } = req;
  if (req.onRow || match.optionsCall !== call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const arity = ARITY[match.method];
  if (arity === undefined) return undefined;
  const offset = call.arguments.length - arity;
  if (offset !== 0 && offset !== 1) return undefined;
  if (offset === 1 && scope.dependsOnItem(call.arguments[0]!)) return undefined;
  const arg = call.arguments[offset]!;
  if (match.method === 'insert' || match.method === 'save') {
    if (arg.type === AST_NODE_TYPES.ArrayExpression || arg.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(arg)) return undefined;
    // `save` of a fresh object literal is an insert; a loaded entity or an `id` makes it an update.
    if (match.method === 'save' && (!plainObject(arg) || objectProperty(arg, 'id') || hasNestedLiterals(arg))) return undefined;
    const splices: Splice[] = [mapSplice(scope, arg)];
    if (match.method === 'save') splices.push(renameMethod(call, 'insert')!);
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, splices) };
  }
  const values = match.method === 'update' ? call.arguments[offset + 1] : undefined;
  if (values && (values.type === AST_NODE_TYPES.SpreadElement || !independent(scope, values))) return undefined;
  let splice: Splice;
  let imports: (readonly [string, string])[] | undefined;
  let keyArray = false;
  if (scope.isItemKey(arg) && scope.isMovable(arg) && !(arg.type === AST_NODE_TYPES.Identifier && arg.name === scope.itemName)) {
    // Criteria may be an array of primary keys.
    splice = mapSplice(scope, arg);
    keyArray = true;
  } else {
    const filter = keyFilterSplice(scope, arg, arg, (ids) => `In(${ids})`);
    if (!filter) return undefined;
    splice = filter.splice;
    imports = [['typeorm', 'In']];
  }
  // `update([], …)` / `delete([])` throw "Empty criteria(s) are not allowed" where the loop ran zero times
  // (an empty `In([])` is fine: TypeORM writes it as `0=1`).
  return { kind: 'replace', text: spliceNodeText(sourceCode, call, [splice]), guardEmpty: keyArray, ...(imports && { imports }) };
}

const QB_ONE_ROW = new Set(['getOne', 'getOneOrFail', 'getRawOne']);
const FIND_ONE = new Set(['findOne', 'findOneOrFail']);
const FIND_ONE_BY: Readonly<Record<string, string>> = { findOneBy: 'findOne', findOneByOrFail: 'findOneOrFail' };
const FIND_MANY = new Set(['find', 'findAndCount']);
/** `u.id = :id`, `id = :id` in a query-builder `where`. */
const QB_EQUALITY = /^\s*(?:\w+\.)?"?(\w+)"?\s*=\s*:\w+\s*$/;
/** `u.id IN (:...ids)` in a query-builder `where`. */
const QB_IN = /((?:\w+\.)?\w+)\s+(NOT\s+)?IN\s*\(\s*:\.\.\.(\w+)\s*\)/i;

/** `manager.find(User, …)`: the entity comes first. */
function entityFirst(call: TSESTree.CallExpression): boolean {
  const arg0 = call.arguments[0];
  return (arg0?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(arg0.name)) || stringValue(arg0) !== undefined;
}

function queryShape(req: ShapeRequest): QueryShape | undefined {
  const { match, chain, sourceCode } = req;
  const qbStart = linkIndex(chain, QB_STARTS);
  if (qbStart !== -1) {
    if (match.execution !== 'terminal' || selectsAggregate(chain, sourceCode)) return undefined;
    const start = chain.links[qbStart] as CallLink;
    const from = linksNamed(chain, new Set(['from']))[0];
    const alias = stringValue(start.args[start.args.length - 1]) ?? stringValue(from?.args[1]);
    const limit = callClause(chain, new Set(['take', 'limit']));
    const last = chain.links.length - 1;
    let equalities: string[] | undefined = [];
    for (const link of linksNamed(chain, new Set(['where', 'andWhere', 'orWhere']))) {
      if (link.name === 'orWhere') {
        equalities = [];
        break;
      }
      const text = stringValue(link.args[0]);
      const column = text === undefined ? undefined : QB_EQUALITY.exec(text)?.[1];
      if (column !== undefined) equalities.push(column);
      else equalities.push(...(objectEqualities(asObject(link.args[0])) ?? []));
    }
    return {
      limit: limit ?? (QB_ONE_ROW.has(match.method) ? { node: methodNode((chain.links[last] as CallLink).node), label: `${match.method}()` } : undefined),
      offset: callClause(chain, new Set(['skip', 'offset'])),
      ordered: linkIndex(chain, new Set(['orderBy', 'addOrderBy'])) !== -1,
      uniqueMethod: false,
      equalities,
      addOrdering(column) {
        if (alias === undefined) return undefined;
        const at = limit ? linkIndex(chain, new Set(['take', 'limit'])) : last;
        const splice = insertCallBefore(chain, at, `.orderBy(${quote(`${alias}.${column}`)}, 'ASC')`);
        return splice ? [splice] : undefined;
      },
    };
  }
  const call = match.optionsCall;
  if (!call || call !== req.node) return undefined;
  const method = match.method;
  const index = entityFirst(call) ? 1 : 0;
  const arg = call.arguments[index];
  const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee;
  if (method === 'findOneById') return { ordered: true, uniqueMethod: true };
  const renamed = FIND_ONE_BY[method];
  if (renamed !== undefined) {
    const where = asObject(arg);
    return {
      limit: { node: callee, label: `${method}()` },
      ordered: false,
      uniqueMethod: false,
      equalities: objectEqualities(where),
      addOrdering(column) {
        if (!arg || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.computed) return undefined;
        return [
          { range: call.callee.property.range, text: renamed },
          { range: arg.range, text: `{ where: ${sourceCode.getText(arg)}, order: { ${column}: 'ASC' } }` },
        ];
      },
    };
  }
  if (!FIND_ONE.has(method) && !FIND_MANY.has(method)) return undefined;
  const options = asObject(arg);
  if (arg !== undefined && !options) return { ordered: true, uniqueMethod: false, opaque: true };
  // TypeORM 0.2: `findOne({ slug })`, `findOne(conditions, options)`: the first object is the filter.
  const conditions = options && !hasSpread(options) && !argKeysWithin(options, FIND_OPTION_KEYS) ? options : undefined;
  if (conditions) {
    const legacyOptions = asObject(call.arguments[index + 1]);
    if (call.arguments[index + 1] !== undefined && !legacyOptions) return { ordered: true, uniqueMethod: false, opaque: true };
    return {
      limit: FIND_ONE.has(method) ? { node: callee, label: `${method}()` } : optionClause(legacyOptions, 'take'),
      offset: optionClause(legacyOptions, 'skip'),
      ordered: hasSpread(legacyOptions) || objectProperty(legacyOptions, 'order') !== undefined,
      uniqueMethod: false,
      equalities: objectEqualities(conditions, isEqualityValue),
      addOrdering(column) {
        const text = `order: { ${column}: 'ASC' }`;
        const splice = legacyOptions ? addPropertySplice(sourceCode, legacyOptions, text) : call.arguments.length === index + 1 ? addArgumentSplice(sourceCode, call, `{ ${text} }`) : undefined;
        return splice ? [splice] : undefined;
      },
    };
  }
  const where = objectProperty(options, 'where');
  return {
    limit: FIND_ONE.has(method) ? { node: callee, label: `${method}()` } : optionClause(options, 'take'),
    offset: optionClause(options, 'skip'),
    ordered: hasSpread(options) || objectProperty(options, 'order') !== undefined,
    uniqueMethod: false,
    equalities: where ? objectEqualities(asObject(where.value), isEqualityValue) : [],
    addOrdering(column) {
      const text = `order: { ${column}: 'ASC' }`;
      const splice = options ? addPropertySplice(sourceCode, options, text) : call.arguments.length === index ? addArgumentSplice(sourceCode, call, `{ ${text} }`) : undefined;
      return splice ? [splice] : undefined;
    },
  };
}

/** A plain value, not a `FindOperator` call (`In(…)`, `MoreThan(…)`, `IsNull()`). */
function isEqualityValue(value: TSESTree.Node): boolean {
  return !(value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(value.callee.name));
}

function inListAt(node: TSESTree.Node, req: ShapeRequest): InListSite | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const name = calleeName(node);
  if (name === 'findByIds' && node === req.node) {
    const list = node.arguments[entityFirst(node) ? 1 : 0];
    return list ? { list, negated: false, acceptsSubquery: false } : undefined;
  }
  if (!req.chain.links.some((l) => l.node === node)) return undefined;
  if (name === 'whereInIds' || name === 'andWhereInIds' || name === 'orWhereInIds') {
    const list = node.arguments[0];
    return list ? { list, column: 'id', negated: false, acceptsSubquery: false } : undefined;
  }
  if (name === 'where' || name === 'andWhere' || name === 'orWhere' || name === 'having' || name === 'andHaving') {
    const match = QB_IN.exec(stringValue(node.arguments[0]) ?? '');
    const param = match ? objectProperty(asObject(node.arguments[1]), match[3]!) : undefined;
    if (!match || !param) return undefined;
    return { list: param.value, column: match[1], negated: match[2] !== undefined, acceptsSubquery: false };
  }
  return undefined;
}

function shapeOf(receiver: TSESTree.Expression, link: CallLink, ctx: RecognizeContext): { evidence: Evidence; role: 'repository' | 'manager' | 'model' } | undefined {
  const name = link.name!;
  // `dataSource.getRepository(User).find(...)`, `this.manager.getRepository(User)`.
  if (receiver.type === AST_NODE_TYPES.CallExpression) {
    const inner = calleeName(receiver);
    if (inner === 'getRepository' || inner === 'getCustomRepository' || inner === 'withRepository' || inner === 'getTreeRepository') {
      if (ctx.fileImports('mikroorm') && !ctx.fileImports('typeorm')) return undefined;
      return { evidence: 'shape', role: 'repository' };
    }
    return undefined;
  }
  const receiverName = lastName(receiver);
  if (receiverName === undefined) return undefined;
  const manager = /^(?:manager|entityManager|transactionalEntityManager|em)$/.test(receiverName) && ctx.fileImports('typeorm');
  const repoLike = REPO_NAME.test(receiverName) || manager;
  const modelLike = isModelLike(receiver) && !/Model$/.test(receiverName);
  if (!repoLike && !modelLike) return undefined;
  const role = manager ? 'manager' : repoLike ? 'repository' : 'model';
  const optionsArg = link.args[role === 'manager' ? 1 : 0];
  const strongOptions = optionsArg?.type === AST_NODE_TYPES.ObjectExpression && argKeysWithin(optionsArg, FIND_OPTION_KEYS, STRONG_FIND_KEYS);
  if (DISTINCTIVE.has(name)) return { evidence: repoLike || ctx.fileImports('typeorm') ? 'shape' : 'name', role };
  if (modelLike && !ctx.fileImports('typeorm')) return undefined; // Sequelize/Mongoose models share these names.
  if (REPO_OPS[name]!.startsWith('read') || name === 'count' || name === 'exists') {
    return { evidence: strongOptions || (repoLike && ctx.fileImports('typeorm')) ? 'shape' : 'name', role };
  }
  return { evidence: repoLike && (ctx.fileImports('typeorm') || strongOptions) ? 'shape' : 'name', role };
}

/** `repo.createQueryBuilder('u')…getMany()`; `null` when the chain is not a query builder. */
function recognizeQueryBuilder(chain: Chain, ctx: RecognizeContext) {
  const start = findCall(chain, QB_STARTS);
  if (start === -1) return null;
  const owner = exprBefore(chain, start);
  const origin = ctx.originOf(owner);
  if (origin && origin.orm !== 'typeorm') return null;
  if (!origin && ctx.fileImports('mikroorm') && !ctx.fileImports('typeorm')) return null;
  const last = chain.links[chain.links.length - 1]!;
  let terminal = last.kind === 'call' && last.name !== undefined ? QB_TERMINALS[last.name] : undefined;
  // `qb.relation('tags').of(post).set(tag)`: a RelationQueryBuilder's writes return promises (`set` here is not `update().set()`).
  if (!terminal && last.kind === 'call' && last.name !== undefined && RELATION_WRITES.has(last.name) && findCall(chain, new Set(['of']), start) !== -1 && findCall(chain, new Set(['relation']), start) !== -1) {
    terminal = 'write-one';
  }
  const evidence: Evidence = origin?.evidence ?? 'shape';
  const entity = (chain.links[start] as CallLink).args[0];
  const model = entity?.type === AST_NODE_TYPES.Identifier ? entity.name : origin?.model;
  const method = last.kind === 'call' ? last.name ?? 'createQueryBuilder' : 'createQueryBuilder';
  if (!terminal) {
    const operation: Operation = findCall(chain, QB_WRITES, start + 1) !== -1 ? 'write-many' : 'read-many';
    return { orm: 'typeorm' as const, operation, evidence, execution: 'inert' as const, method, model };
  }
  let operation: Operation = terminal;
  if (method === 'execute') {
    const write = findCall(chain, QB_WRITES, start + 1);
    if (write !== -1) operation = 'write-many';
  }
  if (findCall(chain, new Set(['relation']), start) !== -1 && (method === 'loadMany' || method === 'loadOne')) operation = 'relation-load';
  return { orm: 'typeorm' as const, operation, evidence, execution: 'terminal' as const, method, model };
}

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match, call } = req;
  if (call !== match.optionsCall) return undefined;
  const one: Record<string, string> = { findOneBy: 'findBy', findOne: 'find' };
  const manyNames = new Set(['findBy', 'find']);
  const many = manyNames.has(match.method);
  const target = many ? match.method : one[match.method];
  if (!target) return undefined;
  // Manager form takes the entity first.
  const entityFirst = call.arguments.length === 2 || (call.arguments[0]?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(call.arguments[0].name));
  const arg = call.arguments[entityFirst ? 1 : 0];
  if (arg?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const byForm = target === 'findBy';
  const filter = byForm ? arg : objectProperty(arg, 'where')?.value;
  if (filter?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (!byForm) {
    if (!many && (objectProperty(arg, 'order') || objectProperty(arg, 'skip'))) return undefined;
    if (many && (objectProperty(arg, 'take') || objectProperty(arg, 'skip'))) return undefined;
    const select = objectProperty(arg, 'select');
    if (select && select.value.type === AST_NODE_TYPES.ObjectExpression) return undefined;
  }
  const keyProp = itemKeyProperty(req, filter);
  if (!keyProp || othersDependOnItem(req, call, [keyProp.prop.value])) return undefined;
  const splices = [replacePropValue(keyProp.prop, keyProp.key, `In(${req.keysText(keyProp.prop.value)})`)];
  if (!many) splices.push(renameMethod(call, target)!);
  const text = spliceNodeText(req.sourceCode, call, splices);
  return { keyField: keyProp.key, keyNode: keyProp.prop.value, batchedText: `await ${text}`, many, imports: [['typeorm', 'In']] };
}

const RELATION_DECORATORS = new Set(['ManyToOne', 'OneToOne', 'OneToMany', 'ManyToMany']);
const ONE_LOOKUPS = new Set(['findOneBy', 'findOne', 'findOneByOrFail', 'findOneOrFail']);
const MANY_LOOKUPS = new Set(['findBy', 'find']);
/** Read-many `…By` methods: their argument is the filter, so `relations` needs the `find` form. */
const FIND_MANY_BY = new Set(['findBy', 'findAndCountBy']);

function eagerSupport(): EagerSupport {
  return {
    hint: (relation, source) =>
      source && source.optionsCall === undefined && source.method.startsWith('get')
        ? `leftJoinAndSelect('${stringArg(source.chain.links[findCall(source.chain, QB_STARTS)] as CallLink) ?? 'alias'}.${relation}', '${relation}')`
        : `relations: { ${keyText(relation)}: true }`,

    relationLoad(req) {
      const { query, member, ctx } = req;
      const text = (node: TSESTree.Node) => req.sourceCode.getText(node);
      if (member) {
        // Lazy relation: `await post.author` where `author: Promise<User>`.
        if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier || !req.isItem(member.object)) return undefined;
        const types = ctx.types;
        let evidence: Evidence | undefined = req.source?.evidence ?? ctx.rowOf?.(member.object)?.evidence;
        if (types) {
          if (!types.isPromise(member) || types.declaredWithDecorator(member, RELATION_DECORATORS) === false) return undefined;
          evidence = 'type';
        }
        if (evidence === undefined) return undefined;
        return { owner: member.object, relation: member.property.name, loaded: null, confirmed: true, evidence };
      }
      if (!query) return undefined;
      if (query.operation === 'relation-load') {
        // `createQueryBuilder().relation(Post, 'author').of(post).loadOne()`.
        const relationIndex = findCall(query.chain, new Set(['relation']));
        const ofIndex = findCall(query.chain, new Set(['of']));
        if (relationIndex === -1 || ofIndex === -1) return undefined;
        const relationLink = query.chain.links[relationIndex] as CallLink;
        const relation = stringArg(relationLink, relationLink.args.length - 1);
        const owner = (query.chain.links[ofIndex] as CallLink).args[0];
        if (relation === undefined || !owner || owner.type === AST_NODE_TYPES.SpreadElement || !req.isItem(owner)) return undefined;
        return { owner, relation, loaded: loadedText(text(owner), relation), confirmed: true };
      }
      const call = query.optionsCall;
      if (!call || call !== query.node || (query.operation !== 'read-one' && query.operation !== 'read-many')) return undefined;
      const byForm = query.method.endsWith('By') || query.method === 'findOneByOrFail';
      const entityFirst = entityArgFirst(call, query.model);
      const arg = call.arguments[entityFirst ? 1 : 0];
      if (arg?.type !== AST_NODE_TYPES.ObjectExpression || call.arguments.length > (entityFirst ? 2 : 1)) return undefined;
      let filter: TSESTree.Node | undefined = arg;
      if (!byForm) {
        // Only `{ where }`: other find options (select, order, relations…) have no place on a joined relation.
        if (arg.properties.length !== 1) return undefined;
        filter = objectProperty(arg, 'where')?.value;
      }
      const conditions = filter?.type === AST_NODE_TYPES.ObjectExpression ? objectConditions(filter) : undefined;
      const single = conditions && singleItemCondition(conditions, req.dependsOnItem);
      if (!single || single.rest.length > 0) return undefined;
      const keyed = keyedRelation(single.keyed, query.model, req.isItem);
      if (!keyed || !(keyed.many ? MANY_LOOKUPS : ONE_LOOKUPS).has(query.method)) return undefined;
      const confirmed = ctx.types ? ctx.types.hasProperty(keyed.owner, keyed.relation) : undefined;
      return { owner: keyed.owner, relation: keyed.relation, assumedFrom: keyed.assumedFrom, confirmed, loaded: loadedText(text(keyed.owner), keyed.relation) };
    },

    include({ source, relation, nested, sourceCode }) {
      if (nested !== undefined) return undefined;
      const call = source.optionsCall;
      if (call === undefined) return queryBuilderJoin(source.chain, relation, sourceCode);
      if (call !== source.node) return undefined;
      const name = source.method;
      const index = entityArgFirst(call, source.model) ? 1 : 0;
      const arg = call.arguments[index];
      if (call.arguments.length > index + 1) return undefined;
      const entry = `${keyText(relation)}: true`;
      if (FIND_MANY_BY.has(name)) {
        // `findBy(where)` → `find({ where, relations })`.
        if (!arg || arg.type === AST_NODE_TYPES.SpreadElement || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.computed) return undefined;
        return [
          { range: call.callee.property.range, text: name === 'findBy' ? 'find' : 'findAndCount' },
          { range: arg.range, text: `{ where: ${sourceCode.getText(arg)}, relations: { ${entry} } }` },
        ];
      }
      if (!FIND_MANY.has(name)) return undefined;
      if (!arg) {
        const splice = addCallArgument(sourceCode, call, `{ relations: { ${entry} } }`);
        return splice ? [splice] : undefined;
      }
      if (arg.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const relations = objectProperty(arg, 'relations');
      if (!relations) {
        if (arg.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
        return [addObjectEntry(sourceCode, arg, `relations: { ${entry} }`)];
      }
      const value = relations.value;
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        if (objectProperty(value, relation)) return [];
        return value.properties.some((p) => p.type !== AST_NODE_TYPES.Property) ? undefined : [addObjectEntry(sourceCode, value, entry)];
      }
      if (value.type === AST_NODE_TYPES.ArrayExpression) {
        if (value.elements.some((e) => e?.type === AST_NODE_TYPES.Literal && e.value === relation)) return [];
        return value.elements.every((e) => e?.type === AST_NODE_TYPES.Literal) ? [addArrayElement(sourceCode, value, `'${relation}'`)] : undefined;
      }
      return undefined;
    },
  };
}

/** `manager.find(Post, …)`: the EntityManager form takes the entity first. */
function entityArgFirst(call: TSESTree.CallExpression, model: string | undefined): boolean {
  const arg = call.arguments[0];
  return arg?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(arg.name) && (model === undefined || arg.name === model);
}

/** `repo.createQueryBuilder('post')…getMany()` → `….leftJoinAndSelect('post.author', 'author').getMany()`. */
function queryBuilderJoin(chain: Chain, relation: string, sourceCode: Readonly<TSESLint.SourceCode>): Splice[] | undefined {
  const start = findCall(chain, QB_STARTS);
  const last = chain.links[chain.links.length - 1];
  if (start === -1 || last?.kind !== 'call' || (last.name !== 'getMany' && last.name !== 'getManyAndCount')) return undefined;
  const alias = stringArg(chain.links[start] as CallLink);
  if (alias === undefined || !/^\w+$/.test(alias) || !/^\w+$/.test(relation)) return undefined;
  const path = `${alias}.${relation}`;
  for (const link of chain.links) {
    if (link.kind !== 'call' || link.name === undefined || !/Join/.test(link.name)) continue;
    // Already joined and selected, or the alias is taken.
    if (stringArg(link) === path && /AndSelect$/.test(link.name)) return [];
    if (stringArg(link, 1) === relation) return undefined;
  }
  const callee = last.node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const objectEnd = callee.object.range[1];
  const between = sourceCode.text.slice(objectEnd, callee.property.range[0]);
  const newline = between.includes('\n');
  const indent = newline ? between.slice(between.lastIndexOf('\n')) .replace(/\./, '') : '';
  return [{ range: [objectEnd, objectEnd], text: `${indent}.leftJoinAndSelect('${path}', '${relation}')` }];
}

/**
 * `update(criteria, { n: row.n + 1 })` → `increment(criteria, 'n', 1)` when `n` is the only value and the
 * criteria is an object (what `increment` takes); other payloads are reported without an edit.
 */
function atomicValue(req: AtomicValueRequest): AtomicEdit | undefined {
  const { match, call, sourceCode, change } = req;
  if (match.optionsCall !== call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const args = call.arguments;
  if (match.method === 'save' || match.method === 'insert' || match.method === 'upsert') {
    return payloadProperty(args[args.length - 1], req.value, change.field) ? { splices: undefined } : undefined;
  }
  if (match.method !== 'update' || args.length < 2) return undefined;
  const values = args[args.length - 1]!;
  const prop = payloadProperty(values, req.value, change.field);
  if (!prop) return undefined;
  const method = incrementMethod(change);
  const criteria = args[args.length - 2]!;
  if (!method || req.resultUsed || !onlyProperty(values as TSESTree.ObjectExpression, prop) || criteria.type !== AST_NODE_TYPES.ObjectExpression) return { splices: undefined };
  const before = args.slice(0, -1).map((a) => sourceCode.getText(a)).join(', ');
  return { splices: [{ range: call.range, text: `${sourceCode.getText(call.callee.object)}.${method}(${before}, ${quoted(change.field)}, ${change.amount})` }] };
}

/** `row.n += k; await repo.save(row);` with nothing else changed → `await repo.increment({ id: row.id }, 'n', k);` (primary key `id`). */
function atomicRow(req: AtomicRowRequest): AtomicRowEdit | undefined {
  const { persist, change, sourceCode, row } = req;
  const method = incrementMethod(change);
  const call = persist.call;
  if (!req.alone || !method || persist.match.method !== 'save' || call.arguments.length !== 1 || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const arg = call.arguments[0]!;
  if (arg.type !== AST_NODE_TYPES.Identifier || arg.name !== row) return undefined;
  return { change: `await ${sourceCode.getText(call.callee.object)}.${method}({ id: ${row}.id }, ${quoted(change.field)}, ${change.amount})`, removePersist: true };
}

/** `for (const row of await repo.findBy(where)) { row.n += 1; await repo.save(row); }` → `repo.increment(where, 'n', 1)`. */
function bulkAtomic(req: BulkAtomicRequest): { text: string } | undefined {
  const { read, change, sourceCode } = req;
  const call = read.match.optionsCall;
  const method = incrementMethod(change);
  if (!method || !call || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length !== 1) return undefined;
  const arg = call.arguments[0]!;
  let where: TSESTree.Node | undefined;
  if (read.match.method === 'findBy') where = arg;
  else if (read.match.method === 'find' && plainObject(arg) && staticKeys(arg)!.every((k) => k === 'where' || k === 'order' || k === 'select')) where = objectProperty(arg, 'where')?.value;
  if (where?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  return { text: `${sourceCode.getText(call.callee.object)}.${method}(${sourceCode.getText(where)}, ${quoted(change.field)}, ${change.amount})` };
}
