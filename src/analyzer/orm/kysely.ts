import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { spliceNodeText, type Splice } from '../fixes.js';
import { othersDependOnItem, renameMethod } from './batch.js';
import { calleeOf, findCall, isArrayArg, lastName, stringArg, type CallLink } from './common.js';
import { payloadProperty, quoted } from './atomic.js';
import { clientToHandle, handleName, mapSplice } from './bulk.js';
import type { AtomicEdit, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, Chain, Evidence, FetchShape, InListSite, Operation, OrmModule, QueryRewrite, QueryShape, RewriteRequest, ShapeRequest } from './types.js';
import { bareColumn, callClause, insertCallBefore, linkIndex, linksNamed, methodNode, quote, selectsAggregate, stringValue, withinChainArgs } from './shape.js';
import { editChain, type LinkEdit } from './rewrite.js';

const STARTS: Readonly<Record<string, Operation>> = {
  selectFrom: 'read-many',
  insertInto: 'write-one',
  replaceInto: 'write-one',
  updateTable: 'write-many',
  deleteFrom: 'write-many',
  mergeInto: 'write-many',
};
const TERMINALS = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream', 'explain']);

/** Builder methods (each returns a new builder). */
const BUILDER_METHODS = new Set([
  'select', 'selectAll', 'distinct', 'distinctOn', 'where', 'whereRef', 'having', 'havingRef', 'orderBy', 'groupBy', 'limit', 'offset',
  'fetch', 'top', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral', 'crossJoinLateral',
  'values', 'columns', 'expression', 'set', 'returning', 'returningAll', 'output', 'onConflict', 'onDuplicateKeyUpdate', 'ignore', 'orIgnore',
  'modifyFront', 'modifyEnd', 'forUpdate', 'forShare', 'forKeyShare', 'forNoKeyUpdate', 'skipLocked', 'noWait', 'clearSelect', 'clearWhere',
  'clearOrderBy', 'clearLimit', 'clearOffset', 'clearReturning', 'union', 'unionAll', 'intersect', 'intersectAll', 'except', 'exceptAll',
  'using', 'from', 'with', 'top', 'whenMatched', 'whenNotMatched', 'whenMatchedAnd', 'whenNotMatchedAnd', 'thenUpdateSet', 'thenDelete',
  'thenDoNothing', 'thenInsertValues', 'defaultValues', '$if', '$call', '$narrowType', '$assertType', '$castTo', '$notNull',
]);
/** Builder methods that keep the builder's type: `q = q.where(…)` type-checks. */
const SAME_TYPE_METHODS = new Set([
  'where', 'whereRef', 'having', 'havingRef', 'orderBy', 'groupBy', 'limit', 'offset', 'fetch', 'top', 'distinct', 'forUpdate',
  'forShare', 'forKeyShare', 'forNoKeyUpdate', 'skipLocked', 'noWait', 'modifyFront', 'modifyEnd', 'clearWhere', 'clearOrderBy',
  'clearLimit', 'clearOffset', 'set', 'values', 'onConflict', 'onDuplicateKeyUpdate', 'ignore', 'orIgnore',
]);

export const kysely: OrmModule = {
  id: 'kysely',
  name: 'Kysely',
  hints: {
    batch: `where('id', 'in', ids)`,
    updateEachBulk: `insertInto('t').values(rows).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ col: eb.ref('excluded.col') })))`,
    countBatch: `select(['authorId', (eb) => eb.fn.countAll().as('n')]).where('authorId', 'in', ids).groupBy('authorId')`,
    eager: 'jsonArrayFrom(…) or a join',
    bulk: `insertInto(t).values(rows), updateTable(t).set(values).where('id', 'in', ids)`,
    atomic: "set((eb) => ({ n: eb('n', '+', 1) }))",
    keyset: `where('id', '>', lastId).orderBy('id').limit(20)`,
    subquery: "`where('column', 'in', db.selectFrom('other').select('column').where(…))`, or a join",
  },
  packages: ['kysely'],
  methodNames: new Set([...TERMINALS, ...Object.keys(STARTS), ...BUILDER_METHODS, 'where', 'select', 'selectAll', 'orderBy', 'limit', 'offset', 'values', 'set', 'returning', 'returningAll', 'innerJoin', 'leftJoin', 'groupBy']),
  exports: { Kysely: 'factory' },
  derived: {
    factory: { new: 'client' },
  },
  typeNames: { Kysely: 'client', Transaction: 'transaction', ControlledTransaction: 'transaction' },
  distinctiveTypeNames: /^Kysely$/,
  transactionMethods: new Set(['transaction']),
  // Not thenable, immutable: `await qb` yields the builder, `qb.where(…)` returns a new one.
  executionModel: {
    builder: 'immutable',
    reexecution: 'runs-again',
    executeMethods: TERMINALS,
    builderMethods: BUILDER_METHODS,
    valueMethods: new Set(['as', 'compile', 'toOperationNode', '$asTuple', '$asScalar']),
    sameTypeMethods: SAME_TYPE_METHODS,
    builderTypeNames: /QueryBuilder$/,
    terminalsFor: (match) => (match.operation === 'read-many' || match.operation === 'read-one' || match.operation === 'count' ? ['execute()', 'executeTakeFirst()'] : ['execute()']),
  },

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
      // `selectFrom`/`insertInto`/… are Kysely's own vocabulary, and each takes exactly one argument (the table);
      // `tableService.updateTable(baseId, id, data)` or `list.mergeInto(other, true)` is an app method of the same name.
      if (startLink.args.length !== 1) return undefined;
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

  inListAt(node, req) {
    return inListAt(node, req);
  },

  queryShape(req) {
    return queryShape(req);
  },

  subquery(req, field) {
    return subquery(req, field);
  },

  atomicValue(req) {
    return atomicValue(req);
  },

  bulkAtomic(req) {
    return bulkAtomic(req);
  },

  outsideTransaction(req) {
    const start = findCall(req.chain, (name) => name in STARTS);
    return start < 0 ? undefined : clientToHandle(req, calleeOf(req.chain, start), handleName(req, 'the transaction'));
  },
  rowHints: {
    count: `.select((eb) => eb.fn.countAll().as('count'))`,
    exists: `.select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst()`,
    select: `.select(['id', …])`,
    filter: '.where() / .orderBy() / .limit()',
  },
  resultShape(match) {
    if (match.operation === 'read-many' && match.method === 'execute') return 'rows';
    if (match.operation === 'read-one' && (match.method === 'executeTakeFirst' || match.method === 'executeTakeFirstOrThrow')) return 'row';
    return undefined;
  },
  fetchShape: (req) => shapeOf(req, selectLinks(req.chain)),
  countRewrite(req) {
    const links = selectLinks(req.chain);
    const shape = shapeOf(req, links);
    const terminal = links[links.length - 1];
    if (req.match.method !== 'execute' || !terminal || shape.opaque || shape.paged || shape.grouped) return undefined;
    const edits: LinkEdit[] = links.filter((l) => l.name === 'select' || l.name === 'selectAll' || l.name === 'orderBy').map((l) => ({ remove: l }));
    edits.push({ replace: terminal, text: `.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()` });
    const text = editChain(req.sourceCode, req.call, edits);
    return text === undefined ? undefined : { text: `Number((await ${text}).count)`, exact: true };
  },
  existsRewrite(req) {
    const links = selectLinks(req.chain);
    const shape = shapeOf(req, links);
    const terminal = links[links.length - 1];
    const one = req.match.method === 'executeTakeFirst';
    if ((req.match.method !== 'execute' && !one) || !terminal || shape.opaque || shape.paged || shape.grouped) return undefined;
    const edits: LinkEdit[] = links.filter((l) => l.name === 'select' || l.name === 'selectAll' || l.name === 'orderBy').map((l) => ({ remove: l }));
    edits.push({ replace: terminal, text: `.select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst()` });
    const text = editChain(req.sourceCode, req.call, edits);
    return text === undefined ? undefined : { text: `await ${text}`, exact: true, absent: 'undefined', ...(one && { sourceAbsent: 'undefined' as const }) };
  },
  selectRewrite(req, fields) {
    const links = selectLinks(req.chain);
    const shape = shapeOf(req, links);
    const selectAll = links.find((l) => l.name === 'selectAll');
    if (shape.opaque || !shape.wholeRows || shape.relations || !selectAll || selectAll.args.length > 0) return undefined;
    const text = editChain(req.sourceCode, req.call, [{ replace: selectAll, text: `.select([${fields.map(quote).join(', ')}])` }]);
    return text === undefined ? undefined : ({ text: `await ${text}`, exact: false } satisfies QueryRewrite);
  },
  refineRewrite(req, refinement) {
    const links = selectLinks(req.chain);
    const shape = shapeOf(req, links);
    const terminal = links[links.length - 1];
    const before = links[links.length - 2];
    if (req.match.method !== 'execute' || !terminal || !before || shape.opaque || shape.paged || shape.grouped) return undefined;
    let add: string;
    switch (refinement.kind) {
      case 'equals':
        add = `.where(${quote(refinement.field)}, '=', ${refinement.value})`;
        break;
      case 'true':
        add = `.where(${quote(refinement.field)}, '=', true)`;
        break;
      case 'order':
        if (links.some((l) => l.name === 'orderBy')) return undefined;
        add = `.orderBy(${quote(refinement.field)}, '${refinement.direction}')`;
        break;
      case 'take':
        add = `.limit(${refinement.count})`;
        break;
    }
    const text = editChain(req.sourceCode, req.call, [{ after: before.node, text: add }]);
    return text === undefined ? undefined : { text: `await ${text}`, exact: refinement.kind === 'take' };
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

const ONE_ROW = new Set(['executeTakeFirst', 'executeTakeFirstOrThrow']);
const JOINS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral']);

/** `where('id', 'in', list)`, `eb('id', 'not in', list)` in the chain or a callback inside it. */
function inListAt(node: TSESTree.Node, req: ShapeRequest): InListSite | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 3) return undefined;
  const op = stringValue(node.arguments[1])?.toLowerCase();
  if (op !== 'in' && op !== 'not in') return undefined;
  if (!req.chain.links.some((l) => l.node === node) && !withinChainArgs(node, req)) return undefined;
  return { list: node.arguments[2]!, column: stringValue(node.arguments[0]), negated: op === 'not in', acceptsSubquery: true };
}

function queryShape(req: ShapeRequest): QueryShape | undefined {
  const { match, chain } = req;
  if (match.optionsCall === undefined || (chain.links.find((l) => l.kind === 'call') as CallLink | undefined)?.name !== 'selectFrom') return undefined;
  if (match.execution !== 'terminal' || selectsAggregate(chain, req.sourceCode)) return undefined;
  const limit = callClause(chain, new Set(['limit']));
  const last = chain.links.length - 1;
  const equalities: string[] = [];
  for (const link of linksNamed(chain, new Set(['where']))) {
    const column = stringValue(link.args[0]);
    if (column !== undefined && link.args.length === 3 && stringValue(link.args[1]) === '=') equalities.push(bareColumn(column));
  }
  const from = stringValue(match.optionsCall.arguments[0]);
  const alias = from?.split(/\s+as\s+|\s+/i).pop();
  const joined = linkIndex(chain, JOINS) !== -1;
  return {
    limit: limit ?? (ONE_ROW.has(match.method) ? { node: methodNode((chain.links[last] as CallLink).node), label: `${match.method}()` } : undefined),
    offset: callClause(chain, new Set(['offset'])),
    ordered: linkIndex(chain, new Set(['orderBy'])) !== -1,
    uniqueMethod: false,
    equalities: linkIndex(chain, new Set(['orWhere'])) === -1 ? equalities : [],
    addOrdering(column) {
      if (joined && alias === undefined) return undefined;
      const at = limit ? linkIndex(chain, new Set(['limit'])) : last;
      const splice = insertCallBefore(chain, at, `.orderBy(${quote(joined ? `${alias}.${column}` : column)})`);
      return splice ? [splice] : undefined;
    },
  };
}

/**
 * `db.selectFrom('posts').select(['authorId', 'title']).where(x).execute()` → the same builder selecting only
 * `authorId`, without its terminal: a subquery for `where('id', 'in', …)`.
 */
function subquery(req: ShapeRequest, field: string): string | undefined {
  const { chain, sourceCode, match } = req;
  if (match.operation !== 'read-many' || match.method !== 'execute') return undefined;
  if (linkIndex(chain, new Set(['limit', 'offset', 'union', 'unionAll', 'intersect', 'except', 'groupBy', 'having', '$if', 'modifyEnd'])) !== -1) return undefined;
  const selects = linksNamed(chain, new Set(['select', 'selectAll']));
  if (selects.length !== 1) return undefined;
  const select = selects[0]!;
  let column: string | undefined;
  if (select.name === 'selectAll') column = select.args.length === 0 && linkIndex(chain, JOINS) === -1 ? field : undefined;
  else {
    const columns = select.args.flatMap((a) => (a.type === AST_NODE_TYPES.ArrayExpression ? a.elements : [a]));
    column = columns
      .map((c) => (c && c.type !== AST_NODE_TYPES.SpreadElement ? stringValue(c) : undefined))
      .find((c) => c !== undefined && (/\s+as\s+/i.test(c) ? c.split(/\s+as\s+/i)[1]!.trim() : bareColumn(c)) === field);
  }
  if (column === undefined) return undefined;
  const callee = select.node.callee as TSESTree.MemberExpression;
  const last = chain.links[chain.links.length - 1] as CallLink;
  const before = chain.links[chain.links.length - 2]!;
  return spliceNodeText(sourceCode, req.node, [
    { range: [callee.property.range[0], select.node.range[1]], text: `select(${quote(column)})` },
    { range: [before.node.range[1], last.node.range[1]], text: '' },
  ]);
}


function selectLinks(chain: Chain): CallLink[] {
  const start = findCall(chain, new Set(['selectFrom']));
  return start === -1 ? [] : chain.links.slice(start).filter((l): l is CallLink => l.kind === 'call');
}

const GROUPING = new Set(['distinct', 'distinctOn', 'groupBy', 'having']);
const OPAQUE = new Set(['union', 'unionAll', 'intersect', 'except', '$if', '$call', 'modifyEnd', 'modifyFront', 'with', 'clearSelect', 'clearWhere', 'as', '$narrowType', '$castTo']);

function shapeOf(req: RewriteRequest, links: readonly CallLink[]): FetchShape {
  const names = links.map((l) => l.name ?? '');
  return {
    paged: names.some((n) => n === 'limit' || n === 'offset' || n === 'fetch' || n === 'top'),
    grouped: names.some((n) => GROUPING.has(n)),
    wholeRows: names.includes('selectAll') && !names.includes('select'),
    relations: names.some((n) => /join/i.test(n)),
    ordered: names.includes('orderBy'),
    opaque: names.some((n) => OPAQUE.has(n)) || links.length === 0,
    // `executeTakeFirst()` adds no LIMIT: every matching row is fetched and all but the first dropped.
    overfetches: (req.match.method === 'executeTakeFirst' || req.match.method === 'executeTakeFirstOrThrow') && !names.some((n) => n === 'limit' || n === 'top' || n === 'fetch'),
  };
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
  // `executeTakeFirst()` resolves to `undefined` when no row matches.
  return { keyField: field, keyNode: value, batchedText: `await ${spliceNodeText(sourceCode, req.call, splices)}`, many, missing: 'undefined' };
}

/**
 * `.set({ n: row.n + 1 })` → `.set((eb) => ({ n: eb('n', '+', 1) }))` (inside an existing `(eb) => …` the
 * value alone changes); a guard on the field becomes `.where('n', '<', max)` after the `set`.
 */
function atomicValue(req: AtomicValueRequest): AtomicEdit | undefined {
  const { chain, change, sourceCode } = req;
  const index = findCall(chain, new Set(['set']));
  const link = chain.links[index] as CallLink | undefined;
  const arg = link?.args[0];
  if (!link || link.args.length !== 1 || !arg) return undefined;
  const fn = arg.type === AST_NODE_TYPES.ArrowFunctionExpression ? arg : undefined;
  const object = fn ? (fn.body.type === AST_NODE_TYPES.ObjectExpression ? fn.body : undefined) : arg;
  if (!payloadProperty(object, req.value, change.field)) return undefined;
  const param = fn?.params[0];
  const eb = fn ? (param?.type === AST_NODE_TYPES.Identifier ? param.name : undefined) : 'eb';
  if (eb === undefined) return { splices: undefined };
  const value = `${eb}(${quoted(change.field)}, '${change.op}', ${change.amount})`;
  const splices: Splice[] = fn
    ? [{ range: req.value.range, text: value }]
    : [{ range: arg.range, text: `(eb) => (${spliceNodeText(sourceCode, arg, [{ range: req.value.range, text: value }])})` }];
  if (change.guard) splices.push({ range: [link.node.range[1], link.node.range[1]], text: `.where(${quoted(change.field)}, '${change.guard.op}', ${change.guard.limit})` });
  return { splices, conditional: change.guard !== undefined };
}

/** Every row of `selectFrom(t)…where(…)` bumped in a loop → `updateTable(t).set((eb) => …).where(…)`. */
function bulkAtomic(req: BulkAtomicRequest): { text: string } | undefined {
  const { read, change, sourceCode } = req;
  const startIndex = findCall(read.chain, new Set(['selectFrom']));
  const start = read.chain.links[startIndex] as CallLink | undefined;
  if (!start || start.args.length !== 1 || start.node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  let wheres = '';
  for (const link of read.chain.links.slice(startIndex + 1)) {
    if (link.kind !== 'call' || link.name === undefined) return undefined;
    if (['select', 'selectAll', 'orderBy', 'execute'].includes(link.name)) continue;
    if (link.name !== 'where' || link.node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    wheres += `.${sourceCode.text.slice(link.node.callee.property.range[0], link.node.range[1])}`;
  }
  const client = sourceCode.getText(start.node.callee.object);
  const set = `(eb) => ({ ${change.field}: eb(${quoted(change.field)}, '${change.op}', ${change.amount}) })`;
  return { text: `${client}.updateTable(${sourceCode.getText(start.args[0]!)}).set(${set})${wheres}.execute()` };
}
