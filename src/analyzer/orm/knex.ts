import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, staticKey } from '../ast.js';
import { type Splice, spliceNodeText } from '../fixes.js';
import type { ItemScope } from '../item-scope.js';
import { incrementMethod, onlyProperty, payloadProperty, quoted } from './atomic.js';
import { clientToHandle, handleName, independent, mapSplice } from './bulk.js';
import { itemKeyProperty, othersDependOnItem } from './batch.js';
import { calleeOf, type CallLink, exprBefore, findCall, isArrayArg, lastName, PROMISE_LIKE, stringArg } from './common.js';
import type { AtomicEdit, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, Chain, Evidence, FetchShape, InListSite, Operation, OrmModule, PageClause, QueryMatch, QueryRewrite, QueryShape, Refinement, RewriteRequest, ShapeRequest } from './types.js';
import { asObject, bareColumn, callClause, insertCallBefore, linkIndex, linksNamed, methodNode, objectEqualities, quote, selectsAggregate, stringValue, withinChainArgs } from './shape.js';
import { editChain, type LinkEdit } from './rewrite.js';

/** Builder methods shared by Knex and Objection (Objection builders extend Knex's vocabulary). */
export const KNEX_BUILDER_METHODS = new Set([
  'select', 'column', 'columns', 'distinct', 'distinctOn', 'from', 'into', 'table', 'as', 'where', 'andWhere', 'orWhere', 'whereNot',
  'whereIn', 'whereNotIn', 'orWhereIn', 'whereNull', 'whereNotNull', 'whereBetween', 'whereNotBetween', 'whereRaw', 'whereExists',
  'whereNotExists', 'whereLike', 'whereILike', 'whereJsonObject', 'join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin',
  'fullOuterJoin', 'crossJoin', 'joinRaw', 'groupBy', 'groupByRaw', 'orderBy', 'orderByRaw', 'having', 'havingRaw', 'havingIn',
  'offset', 'limit', 'union', 'unionAll', 'with', 'withRecursive', 'returning', 'onConflict', 'merge', 'ignore', 'forUpdate',
  'forShare', 'skipLocked', 'noWait', 'clearSelect', 'clearWhere', 'clearOrder', 'modify', 'timeout', 'transacting', 'clone',
  'first', 'pluck', 'count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'insert', 'update',
  'del', 'delete', 'increment', 'decrement', 'truncate', 'upsert', 'options', 'connection', 'hintComment', 'comment', 'jsonExtract',
]);
const READ_ONE = new Set(['first']);
const COUNTS = new Set(['count', 'countDistinct']);
const AGGREGATES = new Set(['min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct']);
const WRITES = new Set(['insert', 'update', 'del', 'delete', 'increment', 'decrement', 'truncate', 'upsert']);
/** Methods that make a bare `db('users')` chain Knex, not some other callable. */
const DISTINCTIVE = new Set(['where', 'whereIn', 'first', 'select', 'insert', 'update', 'del', 'pluck', 'orderBy', 'join', 'leftJoin', 'returning', 'increment', 'decrement', 'onConflict', 'whereNull', 'whereNotNull', 'count']);
/** Calls that send a Knex builder (each `then` makes a new runner). */
const KNEX_EXECUTE = new Set(['then', 'catch', 'finally', 'stream', 'pipe', 'asCallback']);
/** Calls whose result is SQL text or a subquery alias, not a query to run. */
export const KNEX_VALUE_METHODS = new Set(['toSQL', 'toQuery', 'toString', 'as']);
/** Builder methods that make the statement another kind: a count, a single row, a write. */
export const KNEX_RESHAPE_METHODS = new Set([
  'first', 'pluck', 'count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'insert', 'update', 'del',
  'delete', 'increment', 'decrement', 'truncate', 'upsert',
]);
/** Methods on the knex instance that start a query without a table call. */
const ROOT_STARTS = new Set(['select', 'from', 'table', 'insert', 'queryBuilder', 'with', 'count', 'first', 'pluck', 'update', 'del', 'delete', 'distinct', 'withRecursive', 'into', 'raw', 'batchInsert']);

/** Decides the operation of a Knex-style builder chain from its methods. */
export function builderOperation(chain: Chain, from: number): { operation: Operation; method: string } {
  let operation: Operation = 'read-many';
  let method = 'select';
  for (let i = from; i < chain.links.length; i++) {
    const link = chain.links[i]!;
    if (link.kind !== 'call' || link.name === undefined) continue;
    if (WRITES.has(link.name)) {
      operation = link.name === 'insert' ? (isArrayArg(link) ? 'write-many' : 'write-one') : 'write-many';
      method = link.name;
    } else if (READ_ONE.has(link.name) && !operation.startsWith('write')) {
      operation = 'read-one';
      method = link.name;
    } else if (COUNTS.has(link.name) && !operation.startsWith('write')) {
      operation = 'count';
      method = link.name;
    } else if (AGGREGATES.has(link.name) && !operation.startsWith('write')) {
      operation = 'aggregate';
      method = link.name;
    } else if (link.name === 'pluck') {
      method = 'pluck';
    }
  }
  return { operation, method };
}

export const knex: OrmModule = {
  id: 'knex',
  name: 'Knex',
  hints: {
    batch: `whereIn('id', ids)`,
    updateEachBulk: `insert(rows).onConflict('id').merge(['col'])`,
    countBatch: `whereIn('author_id', ids).groupBy('author_id').select('author_id').count('* as n')`,
    eager: 'a join',
    keyset: `where('id', '>', lastId).orderBy('id').limit(20)`,
    subquery: "`whereIn('column', knex('other').select('column').where(…))`, or a join",
    bulk: `insert(rows), whereIn('id', ids).update(values)`,
    upsertBulk: `insert(rows).onConflict('id').merge()`,
    atomic: "increment('n', 1)",
  },
  valueMethods: { pluck: 0 },
  packages: ['knex'],
  methodNames: new Set([...KNEX_BUILDER_METHODS, ...ROOT_STARTS, 'raw', 'then']),
  exports: { default: 'factory', knex: 'factory', Knex: 'factory' },
  derived: {
    factory: { call: 'client' },
    client: { transaction: 'transaction' },
  },
  typeNames: { Knex: 'client', Transaction: 'transaction', QueryBuilder: 'client' },
  distinctiveTypeNames: /^Knex$/,
  clientNames: /^(?:knex|knexClient|trx)$/,
  transactionMethods: new Set(['transaction']),
  executionModel: {
    builder: 'mutable',
    reexecution: 'runs-again',
    executeMethods: KNEX_EXECUTE,
    builderMethods: new Set([...KNEX_BUILDER_METHODS].filter((m) => m !== 'clone' && !KNEX_VALUE_METHODS.has(m))),
    valueMethods: KNEX_VALUE_METHODS,
    reshapeMethods: KNEX_RESHAPE_METHODS,
    cloneMethod: 'clone',
    builderTypeNames: /^(?:QueryBuilder|QueryInterface|ChainableInterface)$/,
  },

  recognize(chain, ctx) {
    const { links } = chain;
    if (links.length === 0) return undefined;
    // The start: `knex('users')` (a direct call), `this.knex('users')`, or `knex.select(...)`/`knex.raw(...)`.
    const start = links.findIndex((l) => l.kind === 'call');
    if (start === -1) return undefined;
    const head = links[start] as CallLink;
    let clientExpr: TSESTree.Expression;
    if (head.name === undefined) clientExpr = exprBefore(chain, start);
    else if (ROOT_STARTS.has(head.name)) clientExpr = calleeOf(chain, start);
    else if (stringArg(head) !== undefined && head.node.callee.type === AST_NODE_TYPES.MemberExpression) clientExpr = head.node.callee;
    else return undefined;
    const startLink = head;
    /** `knex('users')` or `this.knex('users')`: the client itself is called with the table. */
    const direct = head.name === undefined || clientExpr === head.node.callee;
    const origin = ctx.originOf(clientExpr);
    let evidence: Evidence;
    if (origin) {
      if (origin.orm !== 'knex' || (origin.role !== 'client' && origin.role !== 'transaction')) return undefined;
      evidence = origin.evidence;
    } else {
      const name = lastName(clientExpr);
      if (name === undefined) return undefined;
      if (direct && stringArg(startLink) === undefined && startLink.args[0]?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const laterMethods = links.slice(start + 1).filter((l): l is CallLink => l.kind === 'call' && l.name !== undefined && !PROMISE_LIKE.has(l.name));
      if (laterMethods.some((l) => !KNEX_BUILDER_METHODS.has(l.name!))) return undefined;
      const knexy = laterMethods.some((l) => DISTINCTIVE.has(l.name!));
      if (/^(?:knex|trx|knexClient)$/i.test(name)) evidence = direct || knexy ? 'shape' : 'name';
      else if (/^(?:db|database|connection|conn|client|k)$/.test(name) && direct && knexy) evidence = ctx.fileImports('knex') || !otherSqlOrm(ctx) ? 'shape' : 'name';
      else return undefined;
    }
    for (const link of links.slice(start + 1)) {
      if (link.kind !== 'call' || link.name === undefined) return undefined;
      if (!KNEX_BUILDER_METHODS.has(link.name) && !PROMISE_LIKE.has(link.name) && link.name !== 'raw') return undefined;
    }
    if (!direct && startLink.name === 'raw') return { orm: 'knex', operation: 'raw', evidence, execution: 'thenable', method: 'raw' };
    if (!direct && startLink.name === 'batchInsert') return undefined;
    const { operation, method } = builderOperation(chain, start);
    const table = (direct ? stringArg(startLink) : undefined) ?? tableOf(chain, start);
    return { orm: 'knex', operation, evidence, execution: 'thenable', method, model: table, optionsCall: startLink.node } satisfies QueryMatch;
  },

  batchLookup(req) {
    return builderBatchLookup(req);
  },

  bulkWrite(req) {
    return builderBulkWrite(req);
  },

  inListAt(node, req) {
    return builderInListAt(node, req);
  },

  queryShape(req) {
    return builderShape(req);
  },

  subquery(req, field) {
    return builderSubquery(req, field);
  },

  atomicValue(req) {
    return builderAtomicValue(req, 'update', (field, op, amount) => {
      const base = req.chain.base;
      return base.type === AST_NODE_TYPES.Identifier || base.type === AST_NODE_TYPES.ThisExpression
        ? { text: `${req.sourceCode.getText(req.chain.links[0]?.kind === 'prop' ? req.chain.links[0].node : base)}.raw('?? ${op} ?', [${quoted(field)}, ${amount}])` }
        : undefined;
    });
  },

  bulkAtomic(req) {
    return builderBulkAtomic(req);
  },

  outsideTransaction(req) {
    const { chain } = req;
    const start = chain.links.findIndex((l) => l.kind === 'call');
    const head = chain.links[start] as CallLink | undefined;
    if (!head) return undefined;
    // `knex('users')…` (the client is called) or `knex.select()…`.
    const clientExpr = head.name === undefined ? exprBefore(chain, start) : calleeOf(chain, start);
    return clientToHandle(req, clientExpr, handleName(req, 'the transaction'));
  },
  rowHints: {
    count: `.count({ count: '*' }).first()`,
    exists: '.first()',
    select: `.select('id', …)`,
    filter: '.where() / .orderBy() / .limit()',
  },
  resultShape(match) {
    if (match.operation === 'read-many' && match.method === 'select') return 'rows';
    if (match.operation === 'read-one' && match.method === 'first') return 'row';
    return undefined;
  },
  fetchShape: (req) => builderFetchShape(req, builderLinks(req.chain)),
  countRewrite(req) {
    const links = builderLinks(req.chain);
    const shape = builderFetchShape(req, links);
    if (req.match.method !== 'select' || shape.opaque || shape.paged || shape.grouped) return undefined;
    // An aggregate next to plain columns or an ORDER BY is an error in most databases: drop them.
    const edits: LinkEdit[] = links.filter((l) => l.name === 'select' || l.name === 'column' || l.name === 'columns' || l.name === 'orderBy' || l.name === 'orderByRaw').map((l) => ({ remove: l }));
    const text = editChain(req.sourceCode, req.call, edits);
    return text === undefined ? undefined : { text: `Number((await ${text}.count({ count: '*' }).first())?.count)`, exact: true };
  },
  existsRewrite(req) {
    const shape = builderFetchShape(req, builderLinks(req.chain));
    if (req.match.method !== 'select' || shape.opaque || shape.paged || shape.grouped) return undefined;
    return { text: `await ${req.sourceCode.getText(req.call)}.first()`, exact: true, absent: 'undefined' };
  },
  selectRewrite: (req, fields) => builderSelect(req, fields, builderLinks(req.chain)),
  refineRewrite: (req, refinement) => builderRefine(req, refinement, builderLinks(req.chain)),
};

/**
 * Knex/Objection builders: `insert(row)` per item → `insert(items.map(…))`; `update(values)`/`del()`
 * filtered on the item (`where('id', item.id)`) → `whereIn('id', keys)`.
 */
export function builderBulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, chain, call, scope, sourceCode } = req;
  const writeIndex = findCall(chain, new Set([match.method]));
  const write = writeIndex === -1 ? undefined : (chain.links[writeIndex] as CallLink);
  if (!write) return undefined;
  if (match.method === 'insert') {
    const row = write.args[0];
    if (write.args.length !== 1 || !row || row.type === AST_NODE_TYPES.ArrayExpression || row.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(row)) return undefined;
    if (othersDependOnItem(scope, call, [row])) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [mapSplice(scope, row)]), guardEmpty: true };
  }
  if (!BULK_FILTERED.has(match.method) || write.args.some((a) => !independent(scope, a))) return undefined;
  const whereIn = whereInSplice(scope, chain, call);
  return whereIn ? { kind: 'replace', text: spliceNodeText(sourceCode, call, [whereIn]) } : undefined;
}

const BULK_FILTERED = new Set(['update', 'del', 'delete', 'patch']);

/** The one `where` on the item (`where('id', u.id)`, `where('id', '=', u.id)`, `where({ id: u.id })`) as `whereIn('id', keys)`. */
export function whereInSplice(scope: ItemScope, chain: Chain, call: TSESTree.CallExpression): Splice | undefined {
  let found: { link: CallLink; column: string; value: TSESTree.Node } | undefined;
  for (const link of chain.links) {
    if (link.kind !== 'call' || !link.args.some((a) => scope.dependsOnItem(a))) continue;
    if (found || (link.name !== 'where' && link.name !== 'andWhere')) return undefined;
    const args = link.args;
    const column = args[0]?.type === AST_NODE_TYPES.Literal && typeof args[0].value === 'string' ? args[0].value : undefined;
    if (column !== undefined && args.length === 2) found = { link, column, value: args[1]! };
    else if (column !== undefined && args.length === 3 && args[1]?.type === AST_NODE_TYPES.Literal && args[1].value === '=') found = { link, column, value: args[2]! };
    else if (args.length === 1 && args[0]?.type === AST_NODE_TYPES.ObjectExpression && args[0].properties.length === 1) {
      const prop = args[0].properties[0]!;
      const key = prop.type === AST_NODE_TYPES.Property ? staticKey(prop) : undefined;
      if (key === undefined || prop.type !== AST_NODE_TYPES.Property) return undefined;
      found = { link, column: key, value: prop.value };
    } else return undefined;
  }
  if (!found || !scope.isItemKey(found.value) || !scope.isMovable(found.value) || othersDependOnItem(scope, call, [found.value])) return undefined;
  const callee = found.link.node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return { range: [callee.property.range[0], found.link.node.range[1]], text: `whereIn(${quote(found.column)}, ${scope.mapText(found.value)})` };
}

const IN_METHODS: Readonly<Record<string, boolean>> = {
  whereIn: false, orWhereIn: false, andWhereIn: false, havingIn: false, orHavingIn: false,
  whereNotIn: true, orWhereNotIn: true, andWhereNotIn: true, havingNotIn: true, orHavingNotIn: true,
};
const JOINS = new Set(['join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin', 'rightOuterJoin', 'fullOuterJoin', 'crossJoin', 'joinRaw', 'joinRelated', 'leftJoinRelated', 'innerJoinRelated', 'withGraphJoined']);
const AGGREGATE_LINKS = new Set([...COUNTS, ...AGGREGATES]);
const WHERES = new Set(['where', 'andWhere', 'orWhere', 'findOne']);

/** `.whereIn('id', list)`, `.where('id', 'in', list)` in a Knex/Objection chain or a callback inside it. */
export function builderInListAt(node: TSESTree.Node, req: ShapeRequest): InListSite | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!req.chain.links.some((l) => l.node === node) && !withinChainArgs(node, req)) return undefined;
  const name = calleeName(node);
  if (name === undefined) return undefined;
  const negated = IN_METHODS[name];
  const [column, second, third] = node.arguments;
  if (negated !== undefined && second) return { list: second, column: stringValue(column), negated, acceptsSubquery: true };
  if ((name === 'where' || name === 'andWhere' || name === 'orWhere') && third) {
    const op = stringValue(second)?.toLowerCase();
    if (op === 'in' || op === 'not in') return { list: third, column: stringValue(column), negated: op === 'not in', acceptsSubquery: true };
  }
  if (name === 'findByIds' && req.match.orm === 'objection' && second === undefined && column) return { list: column, column: 'id', negated: false, acceptsSubquery: false };
  return undefined;
}

/** The table (or its alias) a Knex chain starts from: `knex('users as u')` → `u`. */
function tableAlias(chain: Chain): string | undefined {
  for (const link of chain.links) {
    if (link.kind !== 'call') continue;
    if (link.name === undefined || link.name === 'from' || link.name === 'table' || link.name === 'into') {
      const text = stringValue(link.args[0]);
      if (text !== undefined) return text.split(/\s+as\s+|\s+/i).pop();
    }
  }
  return undefined;
}

/** Limit, offset, ordering and equality filter of a Knex/Objection builder chain. */
export function builderShape(req: ShapeRequest, oneRow: ReadonlySet<string> = new Set(['first'])): QueryShape | undefined {
  const { chain } = req;
  // `count('* as n').first()`, `max('age').first()`: one aggregate row.
  if (selectsAggregate(chain, req.sourceCode) || linkIndex(chain, AGGREGATE_LINKS) !== -1) return undefined;
  const limit = callClause(chain, new Set(['limit']));
  const firstIndex = linkIndex(chain, oneRow);
  const implicit = firstIndex === -1 ? undefined : (chain.links[firstIndex] as CallLink);
  let offset: PageClause | undefined = callClause(chain, new Set(['offset']));
  const page = linksNamed(chain, new Set(['page', 'range']))[0];
  if (!offset && page) offset = { node: methodNode(page.node), value: page.args[0], factor: page.name === 'page' ? page.args[1] : undefined, label: `.${page.name}()` };
  const pageLimit = page ? { node: methodNode(page.node), value: page.args[1], label: `.${page.name}()` } : undefined;
  let equalities: string[] | undefined = [];
  for (const link of linksNamed(chain, WHERES)) {
    if (link.name === 'orWhere') {
      equalities = [];
      break;
    }
    const [column, second, third] = link.args;
    const columnName = stringValue(column);
    if (columnName !== undefined && second && (link.args.length === 2 || (link.args.length === 3 && stringValue(second) === '=' && third))) equalities.push(bareColumn(columnName));
    else equalities.push(...(objectEqualities(asObject(column)) ?? []));
  }
  const joined = linkIndex(chain, JOINS) !== -1;
  return {
    limit: limit ?? pageLimit ?? (implicit ? { node: methodNode(implicit.node), label: `.${implicit.name}()` } : undefined),
    offset,
    ordered: linkIndex(chain, new Set(['orderBy', 'orderByRaw'])) !== -1,
    uniqueMethod: linkIndex(chain, new Set(['findById'])) !== -1,
    equalities,
    addOrdering(column) {
      const at = limit ? linkIndex(chain, new Set(['limit'])) : firstIndex;
      if (at === -1) return undefined;
      let qualified = column;
      if (joined) {
        const alias = tableAlias(chain);
        if (alias === undefined) return undefined;
        qualified = `${alias}.${column}`;
      }
      const splice = insertCallBefore(chain, at, `.orderBy(${quote(qualified)})`);
      return splice ? [splice] : undefined;
    },
  };
}

const SUBQUERY_BLOCKERS = new Set([
  'first', 'limit', 'offset', 'page', 'range', 'findById', 'findOne', 'findByIds', 'count', 'countDistinct', 'min', 'max', 'sum', 'avg',
  'then', 'catch', 'finally', 'union', 'unionAll', 'withGraphFetched', 'withGraphJoined', 'eager', 'modify', 'returning', 'clearSelect',
  'resultSize', 'throwIfNotFound', 'castTo', 'runAfter', 'timeout', 'transacting',
]);
const SELECTS = new Set(['select', 'column', 'columns', 'pluck']);

/**
 * The rows query as a one-column subquery for `whereIn`: `knex('posts').where(x)` → `knex('posts').where(x).select('authorId')`,
 * an existing `select`/`pluck` narrowed to `field`. Undefined when the chain's rows are not plain table rows.
 */
export function builderSubquery(req: ShapeRequest, field: string): string | undefined {
  const { chain, sourceCode, match } = req;
  if (match.operation !== 'read-many') return undefined;
  if (linkIndex(chain, SUBQUERY_BLOCKERS) !== -1 || chain.links.some((l) => l.kind === 'call' && l.name?.startsWith('$'))) return undefined;
  const selects = linksNamed(chain, SELECTS);
  if (selects.length > 1) return undefined;
  const select = selects[0];
  if (!select) return `${sourceCode.getText(req.node)}.select(${quote(field)})`;
  const columns = select.args.flatMap((a) => (a.type === AST_NODE_TYPES.ArrayExpression ? a.elements : [a]));
  const column = columns.map((c) => (c && c.type !== AST_NODE_TYPES.SpreadElement ? stringValue(c) : undefined)).find((c) => c !== undefined && outputName(c) === field);
  if (column === undefined) return undefined;
  const callee = select.node.callee as TSESTree.MemberExpression;
  return spliceNodeText(sourceCode, req.node, [{ range: [callee.property.range[0], select.node.range[1]], text: `select(${quote(column.split(/\s+as\s+/i)[0]!.trim())})` }]);
}

/** The key a selected column has in the result rows: `'p.author_id as authorId'` → `authorId`. */
function outputName(column: string): string {
  const parts = column.split(/\s+as\s+/i);
  return parts.length > 1 ? parts[1]!.trim() : bareColumn(column);
}

/** The call links of a Knex-style builder chain, from its start. */
export function builderLinks(chain: Chain): CallLink[] {
  const start = chain.links.findIndex((l) => l.kind === 'call');
  return start === -1 ? [] : chain.links.slice(start).filter((l): l is CallLink => l.kind === 'call');
}

const BUILDER_SELECTS = new Set(['select', 'column', 'columns']);
const BUILDER_GROUPING = new Set(['distinct', 'distinctOn', 'groupBy', 'groupByRaw', 'having', 'havingRaw', 'havingIn']);
const BUILDER_OPAQUE = new Set(['union', 'unionAll', 'with', 'withRecursive', 'modify', 'clearSelect', 'clearWhere', 'clearOrder', 'joinRaw', 'as', 'modifiers']);

/** What a Knex-style builder chain (Knex or Objection) says about its rows. */
export function builderFetchShape(req: RewriteRequest, links: readonly CallLink[]): FetchShape {
  const names = links.map((l) => l.name ?? '');
  const projected = links.some((l) => (l.name !== undefined && BUILDER_SELECTS.has(l.name) && !l.args.every(isStar)) || (l.name === 'first' && l.args.length > 0));
  return {
    paged: names.some((n) => n === 'limit' || n === 'offset' || n === 'page' || n === 'range'),
    grouped: names.some((n) => BUILDER_GROUPING.has(n)),
    wholeRows: !projected,
    relations: names.some((n) => /join|^withGraph/i.test(n)),
    ordered: names.some((n) => n === 'orderBy' || n === 'orderByRaw'),
    opaque: names.some((n) => BUILDER_OPAQUE.has(n)),
    existsForm: req.match.orm === 'knex' && req.match.method === 'first',
  };
}

function isStar(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === '*';
}

/** Narrows a Knex-style builder to `fields`: fills an empty/`*` select, or adds one after the start. */
export function builderSelect(req: RewriteRequest, fields: readonly string[], links: readonly CallLink[], after?: CallLink): QueryRewrite | undefined {
  const shape = builderFetchShape(req, links);
  if (shape.opaque || !shape.wholeRows || shape.relations) return undefined;
  const columns = fields.map(quote).join(', ');
  const existing = links.find((l) => l.name !== undefined && BUILDER_SELECTS.has(l.name));
  const first = links.find((l) => l.name === 'first');
  let edit: LinkEdit;
  if (existing) edit = { args: existing, text: columns };
  else if (first) edit = { args: first, text: columns };
  else {
    const anchor = after ?? links[0];
    if (!anchor) return undefined;
    edit = { after: anchor.node, text: `.select(${columns})` };
  }
  const text = editChain(req.sourceCode, req.call, [edit]);
  return text === undefined ? undefined : { text: `await ${text}`, exact: false };
}

/** Appends `.where()`, `.orderBy()` or `.limit()` to a Knex-style builder. */
export function builderRefine(req: RewriteRequest, refinement: Refinement, links: readonly CallLink[]): QueryRewrite | undefined {
  const shape = builderFetchShape(req, links);
  if (shape.opaque || shape.paged || shape.grouped || (req.match.method !== 'select' && req.match.method !== 'query')) return undefined;
  let add: string;
  switch (refinement.kind) {
    case 'equals':
      add = `.where(${quote(refinement.field)}, ${refinement.value})`;
      break;
    case 'true':
      add = `.where(${quote(refinement.field)}, true)`;
      break;
    case 'order':
      if (links.some((l) => l.name === 'orderBy' || l.name === 'orderByRaw')) return undefined;
      add = `.orderBy(${quote(refinement.field)}, '${refinement.direction}')`;
      break;
    case 'take':
      add = `.limit(${refinement.count})`;
      break;
  }
  return { text: `await ${req.sourceCode.getText(req.call)}${add}`, exact: refinement.kind === 'take' };
}

function otherSqlOrm(ctx: { fileImports(orm: 'drizzle' | 'kysely' | 'prisma'): boolean }): boolean {
  return ctx.fileImports('drizzle') || ctx.fileImports('kysely') || ctx.fileImports('prisma');
}

function tableOf(chain: Chain, from: number): string | undefined {
  for (let i = from; i < chain.links.length; i++) {
    const link = chain.links[i]!;
    if (link.kind === 'call' && (link.name === 'from' || link.name === 'into' || link.name === 'table')) return stringArg(link);
  }
  return undefined;
}

/**
 * Knex/Objection: `…where('k', item.k).first()` or `…where({ k: item.k })` → `…whereIn('k', keys)`.
 * The `.first()` (one row) is dropped; rows are then looked up per item.
 */
export function builderBatchLookup(req: BatchRequest): BatchPlan | undefined {
  const { chain, sourceCode } = req;
  const links = chain.links;
  const last = links[links.length - 1]!;
  if (last.kind !== 'call') return undefined;
  const many = last.name !== 'first';
  let whereLink: CallLink | undefined;
  for (const link of links) {
    if (link.kind !== 'call') continue;
    if (link.name === 'limit' || link.name === 'offset' || link.name === 'orderBy' || (link.name !== undefined && WRITES.has(link.name))) return undefined;
    if (link.name === 'where' || link.name === 'andWhere') {
      if (link.args.some((a) => req.dependsOnItem(a))) {
        if (whereLink) return undefined;
        whereLink = link;
      }
    }
  }
  if (!whereLink) return undefined;
  let keyField: string | undefined;
  let keyNode: TSESTree.Node | undefined;
  const args = whereLink.args;
  if (args.length === 2 && args[0]?.type === AST_NODE_TYPES.Literal && typeof args[0].value === 'string' && req.isItemKey(args[1]!)) {
    keyField = args[0].value;
    keyNode = args[1];
  } else if (args.length === 3 && args[0]?.type === AST_NODE_TYPES.Literal && typeof args[0].value === 'string' && args[1]?.type === AST_NODE_TYPES.Literal && args[1].value === '=' && req.isItemKey(args[2]!)) {
    keyField = args[0].value;
    keyNode = args[2];
  } else if (args.length === 1 && args[0]?.type === AST_NODE_TYPES.ObjectExpression && args[0].properties.length === 1) {
    const prop = itemKeyProperty(req, args[0]);
    if (prop) {
      keyField = prop.key;
      keyNode = prop.prop.value;
    }
  }
  if (keyField === undefined || keyNode === undefined) return undefined;
  if (othersDependOnItem(req, req.call, [keyNode])) return undefined;
  const callee = whereLink.node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const splices = [
    { range: [callee.property.range[0], whereLink.node.range[1]] as const, text: `whereIn(${JSON.stringify(keyField).replace(/^"|"$/g, "'")}, ${req.keysText(keyNode)})` },
  ];
  if (!many) {
    const prev = exprBefore(chain, links.length - 1);
    splices.push({ range: [prev.range[1], last.node.range[1]] as const, text: '' });
  }
  const field = keyField.includes('.') ? keyField.slice(keyField.lastIndexOf('.') + 1) : keyField;
  // `.first()` resolves to `undefined` when no row matches.
  return { keyField: field, keyNode, batchedText: `await ${spliceNodeText(sourceCode, req.call, splices)}`, many, missing: 'undefined' };
}

/** Methods a per-row read chain may have for `bulkAtomic` to keep its filter. */
const FILTERS = new Set(['where', 'andWhere', 'orWhere', 'whereIn', 'whereNot', 'whereNotIn', 'whereNull', 'whereNotNull', 'whereBetween', 'whereLike', 'whereILike', 'whereRaw', 'whereExists']);
const DROPPED_READ_METHODS = new Set(['select', 'column', 'columns', 'orderBy', 'orderByRaw']);

/**
 * Knex/Objection: `update({ n: row.n + 1 })` (or `patch`) → `increment('n', 1)` when `n` is the only value,
 * else the value becomes a raw `?? + ?` expression; a guard on the field becomes a `where('n', '<', max)`.
 */
export function builderAtomicValue(
  req: AtomicValueRequest,
  writeMethod: 'update' | 'patch',
  rawValue: (field: string, op: string, amount: string) => { text: string; imports?: readonly (readonly [string, string])[] } | undefined,
): AtomicEdit | undefined {
  const { chain, change } = req;
  const index = findCall(chain, new Set([writeMethod]));
  const link = chain.links[index] as CallLink | undefined;
  if (!link || link.args.length !== 1) return undefined;
  const values = link.args[0]!;
  const prop = payloadProperty(values, req.value, change.field);
  if (!prop) return undefined;
  const callee = link.node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return { splices: undefined };
  const method = incrementMethod(change);
  const splices: Splice[] = [];
  let imports: readonly (readonly [string, string])[] | undefined;
  if (method && onlyProperty(values as TSESTree.ObjectExpression, prop)) {
    splices.push({ range: [callee.property.range[0], link.node.range[1]], text: `${method}(${quoted(change.field)}, ${change.amount})` });
  } else {
    const raw = rawValue(change.field, change.op, change.amount);
    if (!raw) return { splices: undefined };
    splices.push({ range: req.value.range, text: raw.text });
    imports = raw.imports;
  }
  const guarded = change.guard !== undefined;
  if (change.guard) splices.push({ range: [callee.property.range[0], callee.property.range[0]], text: `where(${quoted(change.field)}, '${change.guard.op}', ${change.guard.limit}).` });
  return { splices, ...(imports && { imports }), conditional: guarded };
}

/** Every row of `knex('t').where(…)` (or `Model.query().where(…)`) bumped in a loop → that filter with `.increment('n', 1)`. */
export function builderBulkAtomic(req: BulkAtomicRequest): { text: string } | undefined {
  const { read, change, sourceCode } = req;
  const method = incrementMethod(change);
  const start = read.chain.links.findIndex((l) => l.kind === 'call');
  const head = read.chain.links[start] as CallLink | undefined;
  if (!method || !head) return undefined;
  let text = sourceCode.getText(head.node);
  for (const link of read.chain.links.slice(start + 1)) {
    if (link.kind !== 'call' || link.name === undefined) return undefined;
    if (DROPPED_READ_METHODS.has(link.name) || PROMISE_LIKE.has(link.name)) continue;
    if (!FILTERS.has(link.name) || link.node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    text += `.${sourceCode.text.slice(link.node.callee.property.range[0], link.node.range[1])}`;
  }
  return { text: `${text}.${method}(${quoted(change.field)}, ${change.amount})` };
}
