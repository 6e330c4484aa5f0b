import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { objectProperty } from '../ast.js';
import { spliceNodeText, type Splice } from '../fixes.js';
import { othersDependOnItem, renameMethod } from './batch.js';
import { calleeOf, exprBefore, findCall, identArg, isArrayArg, lastName, type CallLink } from './common.js';
import { payloadProperty } from './atomic.js';
import { clientToHandle, handleName, independent, mapSplice } from './bulk.js';
import type { AtomicChange, AtomicEdit, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, Chain, EagerSupport, Evidence, ExistsRewrite, FetchShape, Operation, OrmModule, QueryMatch, QueryRewrite, QueryShape, Refinement, RewriteRequest, ShapeRequest } from './types.js';
import { addArgumentSplice, addPropertySplice, asObject, callClause, hasSpread, insertCallBefore, linkIndex, linksNamed, methodNode, optionClause } from './shape.js';
import { addCallArgument, addObjectEntry, keyedRelation, keyText, loadedText } from '../relations.js';
import { editChain, editObject, fieldsObject, hasAny, type Options, readOptions, receiverText } from './rewrite.js';

const SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);
const WRITE_STARTS: Readonly<Record<string, Operation>> = { insert: 'write-one', update: 'write-many', delete: 'write-many' };
const RELATIONAL: Readonly<Record<string, Operation>> = { findMany: 'read-many', findFirst: 'read-one' };
/** Terminals of the SQLite driver (`.all()`, `.get()`, `.run()`) and the explicit `.execute()`. */
const TERMINALS: Readonly<Record<string, Operation | undefined>> = { all: 'read-many', get: 'read-one', run: undefined, values: undefined, execute: undefined };
const CHAIN_METHODS = new Set([
  'from', 'where', 'orderBy', 'limit', 'offset', 'groupBy', 'having', 'leftJoin', 'rightJoin', 'innerJoin', 'fullJoin', 'crossJoin',
  'set', 'values', 'returning', 'onConflictDoUpdate', 'onConflictDoNothing', 'onDuplicateKeyUpdate', '$dynamic', 'for', 'as',
  'prepare', 'then', 'catch', 'finally', 'union', 'unionAll', 'intersect', 'except', '$withCache', 'toSQL', 'getSQL',
]);

/** Chain methods whose result is a subquery, a prepared statement or SQL, not a query to await. */
const VALUE_METHODS = new Set(['as', 'prepare', 'toSQL', 'getSQL']);
/** SQLite terminals that are builder methods when given arguments (`insert(t).values(rows)`). */
const ARGUMENTLESS_TERMINALS = new Set(['all', 'get', 'run', 'values']);

export const drizzle: OrmModule = {
  id: 'drizzle',
  name: 'Drizzle',
  hints: {
    batch: 'where(inArray(table.id, ids))',
    updateEachBulk: `insert(t).values(rows).onConflictDoUpdate({ target: t.id, set: { col: sql.raw('excluded.col') } })`,
    countBatch: `select({ authorId: t.authorId, n: count() }).from(t).where(inArray(t.authorId, ids)).groupBy(t.authorId)`,
    eager: 'with: { author: true }',
    bulk: 'insert(table).values(rows), update(table).set(values).where(inArray(table.id, ids))',
    atomic: 'set({ n: sql`${table.n} + 1` })',
    keyset: 'where(gt(table.id, lastId)).orderBy(table.id).limit(20)',
    subquery: '`inArray(table.column, db.select({ column: other.column }).from(other).where(…))`, or a join',
  },
  inOperators: { inArray: { column: 0, list: 1, acceptsSubquery: true }, notInArray: { column: 0, list: 1, negated: true, acceptsSubquery: true } },
  packages: ['drizzle-orm'],
  methodNames: new Set([...SELECTS, ...Object.keys(WRITE_STARTS), ...Object.keys(RELATIONAL), ...Object.keys(TERMINALS), ...CHAIN_METHODS, '$count']),
  exports: { drizzle: 'factory' },
  derived: {
    factory: { call: 'client' },
  },
  typeNames: {
    PgDatabase: 'client', MySqlDatabase: 'client', BaseSQLiteDatabase: 'client', NodePgDatabase: 'client', PostgresJsDatabase: 'client',
    NeonHttpDatabase: 'client', NeonDatabase: 'client', VercelPgDatabase: 'client', PgliteDatabase: 'client', MySql2Database: 'client',
    PlanetScaleDatabase: 'client', BetterSQLite3Database: 'client', LibSQLDatabase: 'client', BunSQLiteDatabase: 'client',
    DrizzleD1Database: 'client', ExpoSQLiteDatabase: 'client', SingleStoreDatabase: 'client', PgTransaction: 'transaction',
    MySqlTransaction: 'transaction', SQLiteTransaction: 'transaction', PgAsyncDatabase: 'client',
  },
  distinctiveTypeNames: /^(?:\w+(?:Pg|SQLite|MySql|Sqlite|LibSQL|D1|Neon\w*)Database|Pg\w*Database|NodePgDatabase|PostgresJsDatabase|BetterSQLite3Database|LibSQLDatabase|MySql2Database)$/,
  transactionMethods: new Set(['transaction']),
  // Builders extend QueryPromise: every `then` runs `execute()` again. `where()` & co. store into `this.config`.
  executionModel: {
    builder: 'mutable',
    reexecution: 'runs-again',
    executeMethods: new Set(['then', 'catch', 'finally', 'execute', 'iterator']),
    argumentlessExecuteMethods: ARGUMENTLESS_TERMINALS,
    builderMethods: new Set([...CHAIN_METHODS].filter((m) => !VALUE_METHODS.has(m) && m !== 'then' && m !== 'catch' && m !== 'finally')),
    valueMethods: VALUE_METHODS,
    builderTypeNames: /^(?:Pg|MySql|SQLite|SingleStore|Gel)\w*(?:Select|Insert|Update|Delete)\w*$|RelationalQuery$/,
  },

  recognize(chain, ctx) {
    const { links } = chain;
    // Relational API: `db.query.users.findMany({...})`.
    const rel = findCall(chain, (name) => name in RELATIONAL);
    if (rel >= 2 && links[rel - 1]?.kind === 'prop' && links[rel - 2]?.kind === 'prop' && (links[rel - 2] as { name: string }).name === 'query') {
      const clientExpr = exprBefore(chain, rel - 2);
      const origin = ctx.originOf(clientExpr);
      if (origin && origin.orm !== 'drizzle') return undefined;
      const link = links[rel] as CallLink;
      for (const later of links.slice(rel + 1)) if (later.kind !== 'call' || (later.name !== undefined && !CHAIN_METHODS.has(later.name) && !(later.name in TERMINALS))) return undefined;
      return {
        orm: 'drizzle',
        operation: RELATIONAL[link.name!]!,
        evidence: origin?.evidence ?? 'shape',
        execution: 'thenable',
        method: link.name!,
        model: (links[rel - 1] as { name: string }).name,
        optionsCall: link.node,
      };
    }
    const start = links.findIndex((l) => l.kind === 'call');
    if (start === -1) return undefined;
    const head = links[start] as CallLink;
    if (head.name === undefined) return undefined;
    const clientExpr = calleeOf(chain, start);
    const origin = ctx.originOf(clientExpr);
    if (origin && origin.orm !== 'drizzle') return undefined;
    for (const later of links.slice(start + 1)) if (later.kind !== 'call' || later.name === undefined || (!CHAIN_METHODS.has(later.name) && !(later.name in TERMINALS))) return undefined;
    const last = links[links.length - 1] as CallLink;
    const terminal = last.name !== undefined && last.name in TERMINALS && (!ARGUMENTLESS_TERMINALS.has(last.name) || last.args.length === 0) ? last.name : undefined;
    if (head.name === '$count') {
      if (!origin && !ctx.fileImports('drizzle')) return undefined;
      return { orm: 'drizzle', operation: 'count', evidence: origin?.evidence ?? 'shape', execution: 'thenable', method: '$count', model: identArg(head), optionsCall: head.node };
    }
    let operation: Operation;
    let model: string | undefined;
    let evidence: Evidence | undefined = origin?.evidence;
    if (SELECTS.has(head.name)) {
      const from = findCall(chain, new Set(['from']), start + 1);
      if (from === -1) return undefined;
      const table = (links[from] as CallLink).args[0];
      // Knex's `.from('users')` takes a string; Drizzle's takes a table object.
      if (!table || table.type === AST_NODE_TYPES.Literal || table.type === AST_NODE_TYPES.TemplateLiteral) return undefined;
      model = identArg(links[from] as CallLink);
      operation = terminal === 'get' ? 'read-one' : 'read-many';
      if (head.args.some((a) => /\bcount\(/.test(ctx.text(a)))) operation = 'count';
      evidence ??= 'shape';
    } else if (head.name in WRITE_STARTS) {
      const table = head.args[0];
      if (!table || table.type !== AST_NODE_TYPES.Identifier && table.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const next = links[start + 1];
      const expected = head.name === 'insert' ? 'values' : head.name === 'update' ? 'set' : undefined;
      if (!origin) {
        if (expected !== undefined && (next?.kind !== 'call' || next.name !== expected)) return undefined;
        if (head.name === 'delete' && (next?.kind !== 'call' || next.name !== 'where') && !ctx.fileImports('drizzle')) return undefined;
        // `repo.delete(id)`/`em.insert(...)` are other ORMs; Drizzle needs a table and its own chain.
        if (ctx.fileImports('typeorm') && !ctx.fileImports('drizzle')) return undefined;
      }
      model = identArg(head);
      operation = WRITE_STARTS[head.name]!;
      if (head.name === 'insert') {
        const values = findCall(chain, new Set(['values']), start + 1);
        if (values !== -1 && isArrayArg(links[values] as CallLink)) operation = 'write-many';
      }
      evidence ??= 'shape';
    } else if (head.name === 'execute' || head.name === 'run' || head.name === 'all' || head.name === 'get') {
      if (!origin) return undefined;
      operation = 'raw';
    } else {
      return undefined;
    }
    if (!origin && lastName(clientExpr) === undefined && clientExpr.type !== AST_NODE_TYPES.ThisExpression) evidence = 'name';
    const match: QueryMatch = { orm: 'drizzle', operation, evidence: evidence ?? 'shape', execution: terminal ? 'terminal' : 'thenable', method: terminal ?? head.name, model, optionsCall: head.node };
    return match;
  },

  batchLookup(req) {
    return batchLookup(req);
  },

  bulkWrite(req) {
    return bulkWrite(req);
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
    const { chain } = req;
    const rel = findCall(chain, (name) => name in RELATIONAL);
    const relational = rel >= 2 && chain.links[rel - 2]?.kind === 'prop' && (chain.links[rel - 2] as { name: string }).name === 'query';
    const start = relational ? rel - 2 : chain.links.findIndex((l) => l.kind === 'call');
    if (start < 0) return undefined;
    const clientExpr = relational ? exprBefore(chain, start) : calleeOf(chain, start);
    return clientToHandle(req, clientExpr, handleName(req, 'the transaction'));
  },
  eager: eagerSupport(),
  rowHints: {
    count: 'db.$count(table, where)',
    exists: '.limit(1)',
    select: 'db.select({ id: table.id, … })',
    filter: '.where() / .orderBy() / .limit()',
  },
  resultShape(match, chain) {
    if (match.method === '$count') return 'number';
    if (match.operation !== 'read-many' && match.operation !== 'read-one') return undefined;
    if (match.method === 'findMany') return 'rows';
    if (match.method === 'findFirst' || match.method === 'get') return 'row';
    const select = selectChain(chain);
    return select && (match.method === select.head.name || match.method === 'all' || match.method === 'execute') ? 'rows' : undefined;
  },
  fetchShape,
  countRewrite,
  existsRewrite,
  selectRewrite,
  refineRewrite,
};

/** Relational-query options that can move onto a `with` entry. */
const NESTED_ONE = new Set(['columns', 'with', 'extras']);
const NESTED_MANY = new Set(['columns', 'with', 'extras', 'orderBy', 'limit', 'offset']);

/** `eq(users.id, x)`, or the callback form `(users, { eq }) => eq(users.id, x)`. */
function whereEq(node: TSESTree.Node | undefined): ReturnType<typeof eqParts> {
  if (node?.type === AST_NODE_TYPES.ArrowFunctionExpression && node.body.type === AST_NODE_TYPES.CallExpression) {
    const parts = eqParts(node.body);
    return parts;
  }
  return eqParts(node);
}

function eagerSupport(): EagerSupport {
  return {
    hint: (relation) => `with: { ${keyText(relation)}: true }`,

    relationLoad(req) {
      const { query, ctx } = req;
      const call = query?.optionsCall;
      // Relational queries only: a core `select()` per item has no `with` twin.
      if (!query || !call || call !== query.node || !(query.method in RELATIONAL) || query.operation === 'relation-load') return undefined;
      const options = call.arguments[0];
      if (options?.type !== AST_NODE_TYPES.ObjectExpression || options.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
      const where = objectProperty(options, 'where');
      const parts = whereEq(where?.value);
      if (!parts || !req.dependsOnItem(parts.value)) return undefined;
      const key = parts.column.property.type === AST_NODE_TYPES.Identifier ? parts.column.property.name : undefined;
      if (key === undefined) return undefined;
      const keyed = keyedRelation({ key, value: parts.value }, query.model, req.isItem);
      if (!keyed || keyed.many !== (query.method === 'findMany')) return undefined;
      const allowed = keyed.many ? NESTED_MANY : NESTED_ONE;
      const nested: string[] = [];
      for (const prop of options.properties as TSESTree.Property[]) {
        if (prop === where) continue;
        const name = prop.key.type === AST_NODE_TYPES.Identifier && !prop.computed ? prop.key.name : undefined;
        if (name === undefined || !allowed.has(name) || req.dependsOnItem(prop.value)) return undefined;
        nested.push(req.sourceCode.getText(prop));
      }
      const sourceCallee = req.source?.optionsCall?.callee;
      const confirmed = sourceCallee && ctx.types ? ctx.types.optionHasKey(sourceCallee, 0, ['with'], keyed.relation) : undefined;
      return {
        owner: keyed.owner,
        relation: keyed.relation,
        assumedFrom: keyed.assumedFrom,
        confirmed,
        loaded: loadedText(req.sourceCode.getText(keyed.owner), keyed.relation),
        nested: nested.length > 0 ? `{ ${nested.join(', ')} }` : undefined,
      };
    },

    include({ source, relation, nested, sourceCode }) {
      const call = source.optionsCall;
      if (source.method !== 'findMany' || !call || call !== source.node) return undefined;
      const entry = `${keyText(relation)}: ${nested ?? 'true'}`;
      const arg = call.arguments[0];
      if (!arg) {
        const splice = addCallArgument(sourceCode, call, `{ with: { ${entry} } }`);
        return splice ? [splice] : undefined;
      }
      if (arg.type !== AST_NODE_TYPES.ObjectExpression || arg.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
      const withProp = objectProperty(arg, 'with');
      if (!withProp) return [addObjectEntry(sourceCode, arg, `with: { ${entry} }`)];
      if (withProp.value.type !== AST_NODE_TYPES.ObjectExpression || withProp.value.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
      const existing = objectProperty(withProp.value, relation);
      if (existing) return sourceCode.getText(existing.value) === (nested ?? 'true') ? [] : undefined;
      return [addObjectEntry(sourceCode, withProp.value, entry)];
    },
  };
}

/**
 * `insert(t).values(row)` per item → `values(items.map(…))` (guarded: Drizzle rejects an empty list);
 * `update(t).set(values)`/`delete(t)` with `where(eq(t.col, item.x))` → `where(inArray(t.col, keys))`.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, chain, scope, sourceCode, call } = req;
  const start = chain.links.findIndex((l) => l.kind === 'call');
  const head = chain.links[start] as CallLink | undefined;
  if (!head || head.name === undefined || !(head.name in WRITE_STARTS) || head.args.length !== 1 || scope.dependsOnItem(head.args[0]!)) return undefined;
  if (head.name === 'insert') {
    const valuesIndex = findCall(chain, new Set(['values']), start + 1);
    const values = valuesIndex === -1 ? undefined : (chain.links[valuesIndex] as CallLink);
    const row = values?.args[0];
    if (!values || values.args.length !== 1 || !row || row.type === AST_NODE_TYPES.ArrayExpression || row.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(row)) return undefined;
    if (othersDependOnItem(scope, call, [row])) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [mapSplice(scope, row)]), guardEmpty: true };
  }
  if (match.operation !== 'write-many') return undefined;
  const setIndex = findCall(chain, new Set(['set']), start + 1);
  const set = setIndex === -1 ? undefined : (chain.links[setIndex] as CallLink);
  if (head.name === 'update' && (!set?.args[0] || !independent(scope, set.args[0]))) return undefined;
  const whereIndex = findCall(chain, new Set(['where']), start + 1);
  const parts = whereIndex === -1 ? undefined : eqParts((chain.links[whereIndex] as CallLink).args[0]);
  if (!parts || !scope.isItemKey(parts.value) || !scope.isMovable(parts.value) || othersDependOnItem(scope, call, [parts.value])) return undefined;
  const splice: Splice = { range: parts.call.range, text: `inArray(${sourceCode.getText(parts.column)}, ${scope.mapText(parts.value)})` };
  return { kind: 'replace', text: spliceNodeText(sourceCode, call, [splice]), imports: [['drizzle-orm', 'inArray']] };
}

const LIMIT = new Set(['limit']);

function queryShape(req: ShapeRequest): QueryShape | undefined {
  const { match, chain, sourceCode } = req;
  const call = match.optionsCall;
  if (!call) return undefined;
  if (match.method === 'findMany' || match.method === 'findFirst') {
    const arg = call.arguments[0];
    const options = asObject(arg);
    if (arg !== undefined && !options) return { ordered: true, uniqueMethod: false, opaque: true };
    const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee;
    return {
      limit: match.method === 'findFirst' ? { node: callee, label: 'findFirst()' } : optionClause(options, 'limit'),
      offset: optionClause(options, 'offset'),
      ordered: hasSpread(options) || objectProperty(options, 'orderBy') !== undefined,
      uniqueMethod: false,
      equalities: !options || !objectProperty(options, 'where') ? [] : whereEqualities(objectProperty(options, 'where')?.value),
      addOrdering(column) {
        const text = `orderBy: (table, { asc }) => [asc(table.${column})]`;
        const splice = options ? addPropertySplice(sourceCode, options, text) : addArgumentSplice(sourceCode, call, `{ ${text} }`);
        return splice ? [splice] : undefined;
      },
    };
  }
  if (!SELECTS.has(match.method) && match.method !== 'get' && match.method !== 'all' && match.method !== 'execute') return undefined;
  const head = chain.links.find((l): l is CallLink => l.kind === 'call');
  if (!head || !SELECTS.has(head.name ?? '')) return undefined;
  const from = chain.links[linkIndex(chain, new Set(['from']))] as CallLink | undefined;
  const table = from?.args[0];
  const limit = callClause(chain, LIMIT);
  const whereLink = chain.links[linkIndex(chain, new Set(['where']))] as CallLink | undefined;
  const last = chain.links[chain.links.length - 1] as CallLink;
  return {
    limit: limit ?? (match.method === 'get' ? { node: methodNode(last.node), label: '.get()' } : undefined),
    offset: callClause(chain, new Set(['offset'])),
    ordered: linkIndex(chain, new Set(['orderBy'])) !== -1,
    uniqueMethod: false,
    equalities: whereLink ? whereEqualities(whereLink.args[0]) : [],
    addOrdering(column) {
      if (table?.type !== AST_NODE_TYPES.Identifier) return undefined;
      const at = limit ? linkIndex(chain, LIMIT) : chain.links.length - 1;
      const splice = insertCallBefore(chain, at, `.orderBy(${table.name}.${column})`);
      return splice ? [splice] : undefined;
    },
  };
}

/** Columns of `eq(t.col, v)`, `and(eq(…), eq(…))`, or `(t, { eq }) => eq(t.col, v)`. */
function whereEqualities(node: TSESTree.Node | undefined): string[] | undefined {
  if (!node) return undefined;
  if ((node.type === AST_NODE_TYPES.ArrowFunctionExpression) && node.body.type !== AST_NODE_TYPES.BlockStatement) return whereEqualities(node.body);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (node.callee.name === 'eq') {
    const column = node.arguments[0];
    return column?.type === AST_NODE_TYPES.MemberExpression && !column.computed && column.property.type === AST_NODE_TYPES.Identifier ? [column.property.name] : [];
  }
  if (node.callee.name === 'and') return node.arguments.flatMap((a) => whereEqualities(a) ?? []);
  return [];
}

/**
 * `db.select().from(posts).where(…)` → `db.select({ authorId: posts.authorId }).from(posts).where(…)`: the same
 * query as a one-column subquery for `inArray`. Undefined for chains whose rows are not plain table rows.
 */
function subquery(req: ShapeRequest, field: string): string | undefined {
  const { chain, sourceCode, match } = req;
  if (match.operation !== 'read-many' || !SELECTS.has(match.method) && match.method !== 'all' && match.method !== 'execute') return undefined;
  const headIndex = chain.links.findIndex((l) => l.kind === 'call');
  const head = chain.links[headIndex] as CallLink | undefined;
  if (head?.name !== 'select' && head?.name !== 'selectDistinct') return undefined;
  if (linkIndex(chain, new Set(['limit', 'offset', 'leftJoin', 'rightJoin', 'innerJoin', 'fullJoin', 'crossJoin', 'groupBy', 'having', 'union', 'unionAll', 'intersect', 'except', 'for', 'as', 'prepare', 'then', 'catch', 'finally', '$dynamic'])) !== -1) return undefined;
  const from = chain.links[linkIndex(chain, new Set(['from']))] as CallLink | undefined;
  const table = from?.args[0];
  if (table?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const projection = asObject(head.args[0]);
  let column: string;
  if (head.args.length === 0) column = `${table.name}.${field}`;
  else {
    const prop = objectProperty(projection, field);
    if (!prop || head.args.length !== 1) return undefined;
    column = sourceCode.getText(prop.value);
  }
  const splices: Splice[] = [{ range: [sourceCode.getTokenAfter(head.node.callee)!.range[1], head.node.range[1] - 1], text: `{ ${field}: ${column} }` }];
  const last = chain.links[chain.links.length - 1] as CallLink;
  if (last.name === 'all' || last.name === 'execute') splices.push({ range: [skipLinkStart(chain), last.node.range[1]], text: '' });
  return spliceNodeText(sourceCode, req.node, splices);
}

/** Where the last link's `.name()` begins (the end of the chain before it). */
function skipLinkStart(chain: Chain): number {
  const before = chain.links[chain.links.length - 2];
  return before ? before.node.range[1] : chain.base.range[1];
}

const JOINS = new Set(['leftJoin', 'rightJoin', 'innerJoin', 'fullJoin', 'crossJoin', 'leftJoinLateral', 'innerJoinLateral', 'crossJoinLateral']);
const SET_OPS = new Set(['union', 'unionAll', 'intersect', 'intersectAll', 'except', 'exceptAll', '$dynamic', 'as', 'for', 'prepare', '$withCache']);
const RELATIONAL_KEYS = new Set(['where', 'columns', 'with', 'extras', 'orderBy', 'limit', 'offset']);

/** `db.select(…).from(table)…`: the links that matter for a rewrite. */
interface SelectChain {
  readonly head: CallLink;
  readonly from: CallLink;
  readonly where: CallLink | undefined;
  readonly names: readonly string[];
  /** `.all()`/`.get()`/`.execute()` ends the chain: nothing can be appended. */
  readonly terminal: CallLink | undefined;
  /** `db`, `tx`, `this.db`: what `select` is called on. */
  readonly client: TSESTree.Expression;
}

function selectChain(chain: Chain): SelectChain | undefined {
  const start = chain.links.findIndex((l) => l.kind === 'call');
  const head = chain.links[start];
  if (head?.kind !== 'call' || head.name === undefined || !SELECTS.has(head.name)) return undefined;
  const from = findCall(chain, new Set(['from']), start + 1);
  if (from === -1) return undefined;
  const later = chain.links.slice(start + 1) as CallLink[];
  const last = later[later.length - 1];
  const terminal = last?.name !== undefined && last.name in TERMINALS ? last : undefined;
  const where = later.find((l) => l.name === 'where');
  return { head, from: chain.links[from] as CallLink, where, names: later.map((l) => l.name ?? ''), terminal, client: calleeOf(chain, start) };
}

interface RelationalCall {
  readonly call: TSESTree.CallExpression;
  readonly receiver: string;
  readonly options: Options;
}

function relationalCall(req: RewriteRequest): RelationalCall | undefined {
  const call = req.match.optionsCall;
  if ((req.match.method !== 'findMany' && req.match.method !== 'findFirst') || !call || call !== req.call || call.arguments.length > 1) return undefined;
  const receiver = receiverText(req.sourceCode, call);
  return receiver === undefined ? undefined : { call, receiver, options: readOptions(call.arguments[0]) };
}

function fetchShape(req: RewriteRequest): FetchShape {
  const relational = relationalCall(req);
  if (relational) {
    const { options } = relational;
    if (options.kind === 'opaque') return { paged: false, grouped: false, wholeRows: false, relations: false, opaque: true };
    return {
      paged: hasAny(options, ['limit', 'offset']),
      grouped: false,
      wholeRows: !hasAny(options, ['columns']),
      relations: hasAny(options, ['with']),
      ordered: hasAny(options, ['orderBy']),
      opaque: options.kind === 'object' && [...options.props.keys()].some((k) => !RELATIONAL_KEYS.has(k)),
      existsForm: req.match.method === 'findFirst',
    };
  }
  const select = selectChain(req.chain);
  if (!select) return { paged: false, grouped: false, wholeRows: false, relations: false, opaque: true };
  return {
    paged: select.names.some((n) => n === 'limit' || n === 'offset'),
    grouped: select.head.name !== 'select' || select.names.some((n) => n === 'groupBy' || n === 'having'),
    wholeRows: select.head.args.length === 0,
    relations: select.names.some((n) => JOINS.has(n)),
    ordered: select.names.includes('orderBy'),
    opaque: select.names.some((n) => SET_OPS.has(n)) || select.from.args.length !== 1 || (select.where !== undefined && select.where.args.length !== 1),
    existsForm: req.match.method === 'get',
  };
}

/** `db.select().from(t).where(c)` → `db.$count(t, c)`. */
function countRewrite(req: RewriteRequest): QueryRewrite | undefined {
  const select = selectChain(req.chain);
  const shape = fetchShape(req);
  if (!select || !rowsTerminal(select) || shape.opaque || shape.paged || shape.grouped || shape.relations) return undefined;
  const client = req.sourceCode.getText(select.client);
  const table = req.sourceCode.getText(select.from.args[0]!);
  const where = select.where ? `, ${req.sourceCode.getText(select.where.args[0]!)}` : '';
  return { text: `await ${client}.$count(${table}${where})`, exact: true };
}

/** Rows → the same query with `.limit(1)`; `$count` → a one-row select; relational `findMany` → `findFirst`. */
function existsRewrite(req: RewriteRequest): ExistsRewrite | undefined {
  const shape = fetchShape(req);
  if (req.match.method === '$count') {
    const head = req.match.optionsCall;
    const client = head?.callee.type === AST_NODE_TYPES.MemberExpression ? req.sourceCode.getText(head.callee.object) : undefined;
    const [table, where] = head?.arguments ?? [];
    if (!client || !table || (head?.arguments.length ?? 0) > 2 || table.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const filter = where ? `.where(${req.sourceCode.getText(where)})` : '';
    return {
      text: `await ${client}.select({ one: sql\`1\` }).from(${req.sourceCode.getText(table)})${filter}.limit(1)`,
      exact: true,
      absent: 'empty',
      imports: [['drizzle-orm', 'sql']],
    };
  }
  if (shape.opaque || shape.paged || shape.existsForm) return undefined;
  const relational = relationalCall(req);
  if (relational) {
    if (req.match.method !== 'findMany') return undefined;
    const text = editChain(req.sourceCode, req.call, [{ rename: { kind: 'call', name: 'findMany', node: relational.call, args: relational.call.arguments }, name: 'findFirst' }]);
    return text === undefined ? undefined : { text: `await ${text}`, exact: true, absent: 'undefined' };
  }
  const select = selectChain(req.chain);
  if (!select || !rowsTerminal(select) || shape.grouped) return undefined;
  const text = appendBeforeTerminal(req, select, '.limit(1)');
  return text === undefined ? undefined : { text: `await ${text}`, exact: true, absent: 'empty' };
}

/** No terminal, or one that returns every row (`.all()`, `.execute()`): the rewrites apply. */
function rowsTerminal(select: SelectChain): boolean {
  return select.terminal === undefined || select.terminal.name === 'all' || select.terminal.name === 'execute';
}

/** The query's text with `text` (a chain call) added before its terminal, or at its end when it has none. */
function appendBeforeTerminal(req: RewriteRequest, select: SelectChain, text: string): string | undefined {
  if (!select.terminal) return `${req.sourceCode.getText(req.call)}${text}`;
  const callee = select.terminal.node.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression ? editChain(req.sourceCode, req.call, [{ after: callee.object, text }]) : undefined;
}

/** `db.select()` → `db.select({ id: t.id, … })`; relational queries get `columns`. */
function selectRewrite(req: RewriteRequest, fields: readonly string[]): QueryRewrite | undefined {
  const shape = fetchShape(req);
  if (shape.opaque || !shape.wholeRows) return undefined;
  const relational = relationalCall(req);
  if (relational) {
    const withKeys = relational.options.kind === 'object' ? readOptions(relational.options.props.get('with')?.value) : { kind: 'absent' as const };
    if (withKeys.kind === 'opaque') return undefined;
    const columns = fields.filter((f) => !(withKeys.kind === 'object' && withKeys.props.has(f)));
    const args = editObject(req.sourceCode, relational.options, { add: [['columns', columns.length === 0 ? '{}' : fieldsObject(columns)]] });
    return { text: `await ${relational.receiver}.${req.match.method}(${args})`, exact: false };
  }
  const select = selectChain(req.chain);
  if (!select || shape.relations || fields.some((f) => !/^[A-Za-z_$][\w$]*$/.test(f))) return undefined;
  const table = req.sourceCode.getText(select.from.args[0]!);
  const text = editChain(req.sourceCode, req.call, [{ args: select.head, text: `{ ${fields.map((f) => `${f}: ${table}.${f}`).join(', ')} }` }]);
  return text === undefined ? undefined : { text: `await ${text}`, exact: false };
}

/** Moves an in-memory filter, sort or slice into `.where()`, `.orderBy()` or `.limit()`. */
function refineRewrite(req: RewriteRequest, refinement: Refinement): QueryRewrite | undefined {
  const shape = fetchShape(req);
  if (shape.opaque || shape.paged || shape.grouped) return undefined;
  const relational = relationalCall(req);
  if (relational) {
    if (req.match.method !== 'findMany' || relational.options.kind === 'opaque') return undefined;
    const model = req.match.model ?? 'table';
    let add: [string, string];
    switch (refinement.kind) {
      case 'equals':
      case 'true': {
        const value = refinement.kind === 'true' ? 'true' : refinement.value;
        if (hasAny(relational.options, ['where']) || new RegExp(`\\b(?:${model}|eq)\\b`).test(value)) return undefined;
        add = ['where', `(${model}, { eq }) => eq(${model}.${refinement.field}, ${value})`];
        break;
      }
      case 'order':
        if (hasAny(relational.options, ['orderBy'])) return undefined;
        add = ['orderBy', `(${model}, { ${refinement.direction} }) => [${refinement.direction}(${model}.${refinement.field})]`];
        break;
      case 'take':
        add = ['limit', refinement.count];
        break;
    }
    return { text: `await ${relational.receiver}.findMany(${editObject(req.sourceCode, relational.options, { add: [add] })})`, exact: refinement.kind === 'take' };
  }
  const select = selectChain(req.chain);
  if (!select || !rowsTerminal(select) || !/^[A-Za-z_$][\w$]*$/.test(refinementField(refinement))) return undefined;
  const table = req.sourceCode.getText(select.from.args[0]!);
  const column = `${table}.${refinementField(refinement)}`;
  const end = req.call;
  let text: string | undefined;
  let imports: [string, string][] = [];
  switch (refinement.kind) {
    case 'equals':
    case 'true': {
      const condition = `eq(${column}, ${refinement.kind === 'true' ? 'true' : refinement.value})`;
      if (select.where) {
        text = editChain(req.sourceCode, end, [{ args: select.where, text: `and(${req.sourceCode.getText(select.where.args[0]!)}, ${condition})` }]);
        imports = [['drizzle-orm', 'and'], ['drizzle-orm', 'eq']];
      } else {
        const lastJoin = linksNamed(req.chain, JOINS).pop();
        text = editChain(req.sourceCode, end, [{ after: (lastJoin ?? select.from).node, text: `.where(${condition})` }]);
        imports = [['drizzle-orm', 'eq']];
      }
      break;
    }
    case 'order':
      if (select.names.includes('orderBy')) return undefined;
      text = appendBeforeTerminal(req, select, `.orderBy(${refinement.direction}(${column}))`);
      imports = [['drizzle-orm', refinement.direction]];
      break;
    case 'take':
      text = appendBeforeTerminal(req, select, `.limit(${refinement.count})`);
      break;
  }
  return text === undefined ? undefined : { text: `await ${text}`, exact: refinement.kind === 'take', imports };
}

function refinementField(refinement: Refinement): string {
  return refinement.kind === 'take' ? 'id' : refinement.field;
}

/** `eq(table.col, item.x)` → the column node and the value node. */
function eqParts(node: TSESTree.Node | undefined): { column: TSESTree.MemberExpression; value: TSESTree.Node; call: TSESTree.CallExpression } | undefined {
  if (node?.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'eq') return undefined;
  const [column, value] = node.arguments;
  if (column?.type !== AST_NODE_TYPES.MemberExpression || column.computed || !value) return undefined;
  return { column, value, call: node };
}

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match, chain, sourceCode } = req;
  let eqNode: TSESTree.Node | undefined;
  let many: boolean;
  let rename: ReturnType<typeof renameMethod>;
  if (match.method === 'findFirst' || match.method === 'findMany') {
    const options = match.optionsCall?.arguments[0];
    if (options?.type !== AST_NODE_TYPES.ObjectExpression || match.optionsCall !== req.call) return undefined;
    if (objectProperty(options, 'limit') || objectProperty(options, 'offset') || (match.method === 'findFirst' && objectProperty(options, 'orderBy'))) return undefined;
    eqNode = objectProperty(options, 'where')?.value;
    many = match.method === 'findMany';
    rename = many ? undefined : renameMethod(req.call, 'findMany');
  } else if (match.operation === 'read-many' && match.method === 'select') {
    const where = findCall(chain, new Set(['where']));
    if (where === -1 || findCall(chain, new Set(['limit', 'offset'])) !== -1) return undefined;
    eqNode = (chain.links[where] as CallLink).args[0];
    // `select … where(eq(...))` returns an array either way.
    many = true;
  } else {
    return undefined;
  }
  const parts = eqParts(eqNode);
  if (!parts || !req.isItemKey(parts.value) || othersDependOnItem(req, req.call, [parts.value])) return undefined;
  const columnText = sourceCode.getText(parts.column);
  const splices: Splice[] = [{ range: parts.call.range, text: `inArray(${columnText}, ${req.keysText(parts.value)})` }];
  if (rename) splices.push(rename);
  const keyField = parts.column.property.type === AST_NODE_TYPES.Identifier ? parts.column.property.name : undefined;
  if (keyField === undefined) return undefined;
  // The relational `findFirst` resolves to `undefined` when no row matches.
  return { keyField, keyNode: parts.value, batchedText: `await ${spliceNodeText(sourceCode, req.call, splices)}`, many, missing: 'undefined', imports: [['drizzle-orm', 'inArray']] };
}

/** ``sql`${users.n} + 1` ``: the column plus the amount, a literal inline and anything else as a parameter. */
function sqlExpression(table: string, change: AtomicChange): string {
  const amount = /^\d+(?:\.\d+)?$/.test(change.amount) ? change.amount : `\${${change.amount}}`;
  return `sql\`\${${table}.${change.field}} ${change.op} ${amount}\``;
}

/** `.set({ n: row.n + 1 })` on `update(table)` → ``.set({ n: sql`${table.n} + 1` })``. */
function atomicValue(req: AtomicValueRequest): AtomicEdit | undefined {
  const { chain, change, sourceCode } = req;
  const start = chain.links.findIndex((l) => l.kind === 'call');
  const head = chain.links[start] as CallLink | undefined;
  const setIndex = findCall(chain, new Set(['set']), start + 1);
  const set = chain.links[setIndex] as CallLink | undefined;
  if (head?.name !== 'update' || head.args.length !== 1 || !set || !payloadProperty(set.args[0], req.value, change.field)) return undefined;
  const table = head.args[0]!;
  if (table.type !== AST_NODE_TYPES.Identifier && table.type !== AST_NODE_TYPES.MemberExpression) return { splices: undefined };
  const splices: Splice[] = [{ range: req.value.range, text: sqlExpression(sourceCode.getText(table), change) }];
  const imports: [string, string][] = [['drizzle-orm', 'sql']];
  return { splices, imports };
}

/** Every row of `db.select().from(t).where(w)` bumped in a loop → ``db.update(t).set({ n: sql`…` }).where(w)``. */
function bulkAtomic(req: BulkAtomicRequest): { text: string; imports: [string, string][] } | undefined {
  const { read, change, sourceCode } = req;
  const start = read.chain.links.findIndex((l) => l.kind === 'call');
  const head = read.chain.links[start] as CallLink | undefined;
  if (head?.name !== 'select' || head.args.length > 0) return undefined;
  let table: TSESTree.Node | undefined;
  let where = '';
  for (const link of read.chain.links.slice(start + 1)) {
    if (link.kind !== 'call' || link.name === undefined) return undefined;
    if (link.name === 'from' && link.args.length === 1) table = link.args[0];
    else if (link.name === 'where' && link.args.length === 1) where = `.where(${sourceCode.getText(link.args[0]!)})`;
    else if (link.name !== 'orderBy') return undefined;
  }
  if (table?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const client = sourceCode.getText(exprBefore(read.chain, start));
  const tableText = sourceCode.getText(table);
  return { text: `${client}.update(${tableText}).set({ ${change.field}: ${sqlExpression(tableText, change)} })${where}`, imports: [['drizzle-orm', 'sql']] };
}
