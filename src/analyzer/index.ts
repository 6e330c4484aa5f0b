import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, decomposeChain, isChainHead, isFunction, nextChainCall, parentSkippingWrappers, propertyName, skipTypeWrappers, walk } from './ast.js';
import { Bindings, ormOfSource, type TransactionCallback } from './bindings.js';
import { type RowFlow, rowFlowOf } from './dataflow.js';
import { isTypeScriptFile } from './fixes.js';
import { itemScope, type ItemScope } from './item-scope.js';
import { enclosingIterations, variesPerIteration, type Iteration } from './iteration.js';
import { describeIteration, perItemLookup } from './per-item.js';
import { createLazyAnalysis, type LazyAnalysis } from './lazy.js';
import { isBuiltinGlobal } from './orm/common.js';
import { isMethodOfInterest, ORM_MODULES, ormModule } from './orm/index.js';
import { type Chain, type Evidence, EVIDENCE_RANK, type InListSite, type Origin, type OrmId, type OrmModule, type QueryMatch, type QueryShape, type RecognizeContext, type RewriteRequest, type ShapeRequest } from './orm/types.js';
import { type EagerLoad, findEagerLoad } from './relations.js';
import { readSettings, type OrmSettings } from './settings.js';
import { getTypeInfo, TypeOracle } from './type-info.js';

export type { Iteration } from './iteration.js';
export type { TransactionCallback } from './bindings.js';
export type { ItemScope } from './item-scope.js';
export type { BatchPlan, Evidence, InListSite, Operation, OrmId, PageClause, QueryMatch, QueryShape } from './orm/types.js';
export type { EagerLoad } from './relations.js';
export type { ExistsRewrite, QueryRewrite, FetchShape, Refinement, ResultShape, RewriteRequest } from './orm/types.js';
export type { RowFlow, RowUse, RowUseKind, ValueFlow } from './dataflow.js';
export type { BuilderUse, BuilderVariable, LazyAnalysis, LazyQuery, UseKind, ValueContext } from './lazy.js';

/** A call the analyzer recognised as an ORM query. */
export interface QueryCall extends QueryMatch {
  /** The last call of the chain (the one that is awaited or returned). */
  readonly node: TSESTree.CallExpression;
  readonly chain: Chain;
  /** `prisma.user.findMany(…)`, for messages. */
  readonly displayName: string;
}

export interface OrmAnalysis {
  /** False when the file shows no sign of any supported ORM; rules return `{}` at once. */
  readonly touchesOrm: boolean;
  readonly isTypeScript: boolean;
  /** The checker, when `parserOptions.projectService` (or `project`) is on. */
  readonly types: TypeOracle | null;
  readonly settings: OrmSettings;
  /** The query whose chain ends at `call`; undefined for other calls and inner chain links. */
  queryAt(call: TSESTree.CallExpression): QueryCall | undefined;
  /**
   * The query whose rows `expr` holds, through `await`, parentheses, type wrappers and `const` aliases.
   * With `subsets`, also through copies and subsets of the rows (`.filter()`, `.slice()`, `.sort()`) and
   * the rows part of `[rows, count]` / `{ rows, count }` results (`findAndCount`); the pair itself is then
   * not rows.
   */
  rowsSource(expr: TSESTree.Expression, options?: RowsSourceOptions): QueryCall | undefined;
  /**
   * Whether the query actually runs where it is written: eager calls and terminals always do; a
   * thenable runs when awaited, `then`ed, returned from an async function or a per-item callback
   * whose results are awaited together, or handed to `Promise.all`. A builder passed as an argument
   * (a subquery) or dropped does not.
   */
  isExecuted(query: QueryCall): boolean;
  /** Loops and per-item callbacks repeating `node`, innermost first, up to the enclosing function. */
  iterations(node: TSESTree.Node): readonly Iteration[];
  /** Whether `node` can change from one turn of `iteration` to the next (see `variesPerIteration`). */
  variesPerIteration(node: TSESTree.Node, iteration: Iteration): boolean;
  /**
   * Whether the table the query runs on is chosen per turn of `iteration`: the repository or model is picked
   * by the item (`getRepository(ctx, field.entity)`, `prisma[field.model]`), so the turns cannot share one query.
   */
  targetVariesPerIteration(query: QueryCall, iteration: Iteration): boolean;
  /** How messages name an iteration's item and construct. */
  describeIteration(iteration: Iteration): { item: string; loop: string };
  /** The two-place fix that turns a per-item lookup into one batched query before `iteration`. */
  batchedLookupFix(query: QueryCall, iteration: Iteration): TSESLint.ReportFixFunction | undefined;
  /** What a receiver is (client, repository, model…). */
  originOf(expr: TSESTree.Expression): Origin | undefined;
  /**
   * The query that loaded (or created) the single row `expr` holds: `await find…()` itself, a variable
   * initialised by one (used before any reassignment), or the item of a loop/array callback over a
   * read's rows.
   */
  rowOf(expr: TSESTree.Expression): QueryCall | undefined;
  /** The nearest transaction callback `node` runs in, stopping at callbacks that run later (`afterCommit`, timers). */
  transactionAt(node: TSESTree.Node): TransactionCallback | undefined;
  /** Per-item tests and `items.map(…)` text for a `for…of` loop or array callback over a plain collection. */
  itemScope(iteration: Iteration): ItemScope | undefined;
  /**
   * When `target` (a per-item query, or a property read such as `post.author` in `await post.author`)
   * loads one relation of the item of an enclosing iteration over rows, the eager-load candidate.
   * `prefer-eager-load` reports these; `no-query-in-loop` leaves them alone.
   */
  eagerLoadCandidate(target: QueryCall | TSESTree.MemberExpression): EagerLoad | undefined;
  module(id: OrmId): OrmModule;
  /** Lazy query objects: which calls build one, where it goes, and what the code does with builder variables. */
  readonly lazy: LazyAnalysis;
  /** The query whose chain or arguments hold `node` (through callbacks passed to it); undefined outside queries. */
  enclosingQuery(node: TSESTree.Node): QueryCall | undefined;
  /** The limit, offset, ordering and key filter of a query, from its ORM module; cached. */
  shapeOf(query: QueryCall): QueryShape | undefined;
  /** The IN condition at `node` (a call such as `whereIn(…)`/`In(…)` or a property such as `in:`/`$in:`), if any. */
  inListAt(node: TSESTree.CallExpression | TSESTree.Property): InList | undefined;
  /** The IN conditions inside `query`'s arguments (`{ id: { in: ids } }`, `whereIn('id', ids)`, `In(ids)`). */
  inListsOf(query: QueryCall): InList[];
  /** The unique keys (each a list of columns) of `query`'s model, from type information; undefined without it. */
  uniqueKeysOf(query: QueryCall): string[][] | undefined;
  /** `query` rewritten as a subquery selecting `field`, in its ORM's builder (to replace an IN list built from its rows). */
  subqueryOf(query: QueryCall, field: string): string | undefined;
  /** The import an identifier is bound to (`import`/`require`), if any. */
  importOf(node: TSESTree.Identifier): { readonly source: string; readonly imported: string } | undefined;
  /**
   * Where the result of an awaited query goes (`const rows = await q; rows.length`…), each use classified;
   * undefined when the query is not awaited or its module cannot say what it yields.
   */
  rowUses(query: QueryCall): RowFlow | undefined;
  /** The input of the per-ORM rewrite hooks (`countRewrite`, `existsRewrite`…) for `query`. */
  rewriteRequest(query: QueryCall): RewriteRequest;
}

/** An IN condition and the query it filters. */
export interface InList extends InListSite {
  readonly orm: OrmId;
  /** The query the condition belongs to; undefined for an operator built outside any query (`const c = In(ids)`). */
  readonly query: QueryCall | undefined;
  readonly evidence: Evidence;
}

export interface RowsSourceOptions {
  /** Also through subsets/copies of the rows and the rows part of `findAndCount`-style pairs. */
  readonly subsets?: boolean;
}

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Names of the ORMs' IN operators (`In`, `inArray`, `notInArray`). */
const IN_OPERATOR_NAMES: ReadonlySet<string> = new Set(ORM_MODULES.flatMap((m) => Object.keys(m.inOperators ?? {})));

/** Array methods whose result holds some of the receiver's rows (the same row objects). */
const SUBSET_METHODS = new Set(['filter', 'slice', 'sort', 'toSorted', 'reverse', 'toReversed']);

const analyses = new WeakMap<TSESTree.Program, OrmAnalysis>();

/** The analysis of the file being linted, built on first use and shared by all rules; it never reports. */
export function getOrmAnalysis(context: AnyContext): OrmAnalysis {
  const ast = context.sourceCode.ast;
  let analysis = analyses.get(ast);
  if (analysis === undefined) {
    analysis = buildAnalysis(context);
    analyses.set(ast, analysis);
  }
  return analysis;
}

/** Tokens that suggest ORM code; a file with none of them (and no ORM import) is skipped. */
const ORM_HINT =
  /\b(?:prisma|findMany|findUnique|findFirst|findOneBy|findBy|findAll|findByPk|findOne|findById|createQueryBuilder|getRepository|selectFrom|insertInto|updateTable|deleteFrom|countDocuments|withGraphFetched|knex|trx|Repository|EntityManager|em|db|tx|drizzle|sequelize|mongoose|typegoose|typeorm|kysely|objection|mikro-orm|query|transaction|populate|getMany|persist|flush)\b|\$relatedQuery/;

function buildAnalysis(context: AnyContext): OrmAnalysis {
  const sourceCode = context.sourceCode;
  const settings = readSettings(context);
  const importedOrms = new Set<OrmId>();
  /** Local names bound by imports from an ORM or a configured module (`inArray`, `In as TypeormIn`). */
  const ormImportNames = new Set<string>();
  let configuredImport = false;
  // Every ORM package name is one of the hint's words: a file without any (and no configured module or
  // client) imports none, and every rule returns at once. Checked first, as most files of an app are such.
  const hinted = ORM_HINT.test(sourceCode.text);
  const scanImports = hinted || settings.modules.size > 0;
  for (const stmt of scanImports ? sourceCode.ast.body : []) {
    const source = importSource(stmt);
    if (source === undefined) continue;
    const mod = ormOfSource(ORM_MODULES, source);
    if (mod) importedOrms.add(mod.id);
    if (settings.modules.has(source)) configuredImport = true;
    if ((mod || settings.modules.has(source)) && stmt.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const spec of stmt.specifiers) ormImportNames.add(spec.local.name);
    }
  }
  // `require('knex')` anywhere at top level of a CommonJS file.
  if (scanImports && importedOrms.size === 0 && /\brequire\(\s*['"]/.test(sourceCode.text)) {
    for (const match of sourceCode.text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const mod = ormOfSource(ORM_MODULES, match[1]!);
      if (mod) importedOrms.add(mod.id);
    }
  }
  const touchesOrm = hinted || importedOrms.size > 0 || configuredImport || settings.clients.size > 0;
  const services = touchesOrm ? getTypeInfo(context) : null;
  const types = services ? new TypeOracle(services) : null;
  const bindings = new Bindings(sourceCode, ORM_MODULES, settings, importedOrms, types);
  const isTypeScript = isTypeScriptFile(context.filename);
  const recognizeContext: RecognizeContext = {
    originOf: (expr) => bindings.originOf(expr),
    fileImports: (orm) => importedOrms.has(orm),
    text: (node) => sourceCode.getText(node),
    rowOf: (expr) => rowOrigin(expr),
    types,
  };
  const queryCache = new Map<TSESTree.CallExpression, QueryCall | null>();
  const recognizing = new Set<TSESTree.CallExpression>();
  const iterationCache = new Map<TSESTree.Node, readonly Iteration[]>();
  const rowOriginCache = new Map<TSESTree.Node, Origin | null>();
  const eagerCache = new Map<TSESTree.Node, EagerLoad | null>();
  const enclosingCache = new Map<TSESTree.CallExpression, QueryCall | null>();

  function iterations(node: TSESTree.Node): readonly Iteration[] {
    let cached = iterationCache.get(node);
    if (cached === undefined) {
      cached = enclosingIterations(node, sourceCode);
      iterationCache.set(node, cached);
    }
    return cached;
  }
  bindings.rowQuery = (expr) => {
    const row = rowOf(expr);
    return row ? { orm: row.orm, evidence: row.evidence, model: row.model } : undefined;
  };

  const flowCache = new Map<TSESTree.CallExpression, RowFlow | null>();

  function rowUses(query: QueryCall): RowFlow | undefined {
    const cached = flowCache.get(query.node);
    if (cached !== undefined) return cached ?? undefined;
    let result: RowFlow | undefined;
    try {
      const shape = ormModule(query.orm).resultShape?.(query, query.chain);
      const awaited = parentSkippingWrappers(query.node);
      if (shape !== undefined && awaited?.type === AST_NODE_TYPES.AwaitExpression && skipTypeWrappers(awaited.argument) === query.node) {
        result = rowFlowOf(sourceCode, awaited, shape);
      }
    } catch {
      result = undefined;
    }
    flowCache.set(query.node, result ?? null);
    return result;
  }

  // Every rule asks about each call in turn, one right after the other: the last answer is kept apart.
  let lastCall: TSESTree.CallExpression | undefined;
  let lastQuery: QueryCall | undefined;

  function queryAt(call: TSESTree.CallExpression): QueryCall | undefined {
    if (call === lastCall) return lastQuery;
    // Most calls are rejected by their shape alone: do that before touching the cache (an AST node used
    // as a Map key costs an identity hash and an entry, for every call of every file).
    const result = cannotBeQuery(call) ? undefined : cachedQueryAt(call);
    lastCall = call;
    lastQuery = result;
    return result;
  }

  function cachedQueryAt(call: TSESTree.CallExpression): QueryCall | undefined {
    const cached = queryCache.get(call);
    if (cached !== undefined) {
      if (recognizing.has(call)) bindings.guardHits++;
      return cached ?? undefined;
    }
    let result: QueryCall | undefined;
    // Recognising a chain may ask what a receiver row is, which may ask about this call again.
    queryCache.set(call, null);
    recognizing.add(call);
    try {
      result = recognize(call);
    } catch {
      // Never let an unexpected AST shape crash the lint run.
      result = undefined;
    } finally {
      recognizing.delete(call);
    }
    queryCache.set(call, result ?? null);
    return result;
  }

  function recognize(call: TSESTree.CallExpression): QueryCall | undefined {
    const chain = decomposeChain(call);
    let best: QueryMatch | undefined;
    for (const mod of ORM_MODULES) {
      const match = mod.recognize(chain, recognizeContext);
      if (!match) continue;
      if (!best || EVIDENCE_RANK[match.evidence] > EVIDENCE_RANK[best.evidence] || (EVIDENCE_RANK[match.evidence] === EVIDENCE_RANK[best.evidence] && importedOrms.has(match.orm) && !importedOrms.has(best.orm))) {
        best = match;
      }
    }
    if (!best) return undefined;
    if (types && !best.typeChecked) {
      const verdict = typeVerdict(chain, best);
      if (verdict === 'reject') return undefined;
      if (verdict === 'confirm') best = { ...best, evidence: 'type' };
    }
    return { ...best, node: call, chain, displayName: displayName(chain, sourceCode) };
  }

  /** The checker's view of the call that decides the operation: confirm, reject, or no opinion. */
  function typeVerdict(chain: Chain, match: QueryMatch): 'confirm' | 'reject' | undefined {
    const decisive = match.optionsCall ?? chain.links[chain.links.length - 1]?.node;
    const callee = decisive?.type === AST_NODE_TYPES.CallExpression ? skipTypeWrappers(decisive.callee) : undefined;
    if (callee?.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const orm = types!.declaringOrm(callee);
    if (orm === undefined) return undefined;
    if (orm === 'other') return 'reject';
    // Objection builders re-declare Knex's API, Prisma's generated client can sit anywhere.
    return orm === match.orm || (match.orm === 'knex' && orm === 'objection') || (match.orm === 'objection' && orm === 'knex') ? 'confirm' : 'reject';
  }

  function rowsSource(expr: TSESTree.Expression, depth = 0): QueryCall | undefined {
    if (depth > 5) return undefined;
    const node = skipTypeWrappers(expr);
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return rowsSource(node.argument, depth + 1);
      case AST_NODE_TYPES.CallExpression:
        return queryAt(node);
      case AST_NODE_TYPES.Identifier: {
        const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
        const def = variable?.defs[0];
        if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
        // Reassigned variables may hold other rows.
        if (variable.references.some((ref) => ref.isWrite() && ref.identifier !== def.node.id)) return undefined;
        return rowsSource(def.node.init, depth + 1);
      }
      default:
        return undefined;
    }
  }

  function isExecuted(query: QueryCall): boolean {
    if (query.execution === 'eager' || query.execution === 'terminal') return true;
    if (query.execution === 'inert') return false;
    return consumedAsPromise(query.node, 0);
  }

  function consumedAsPromise(node: TSESTree.Node, depth: number): boolean {
    if (depth > 6) return false;
    const parent = parentSkippingWrappers(node);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
        return true;
      case AST_NODE_TYPES.MemberExpression: {
        // `q.then(…)`, `q.catch(…)`: the promise is consumed.
        const name = parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : undefined;
        return parent.object === node && (name === 'then' || name === 'catch' || name === 'finally');
      }
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test !== node && consumedAsPromise(parent, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.SequenceExpression:
        return consumedAsPromise(parent, depth + 1);
      case AST_NODE_TYPES.ArrayExpression:
        return consumedAsPromise(parent, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
        // `Promise.all([q1, q2])`, `Promise.all(qs)`; `prisma.$transaction([q1, q2])` runs them too.
        const callee = skipTypeWrappers(parent.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise') return true;
        return calleeName(parent) === '$transaction';
      }
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== node) return false;
        let fn: TSESTree.Node | undefined = parent;
        while (fn && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) fn = fn.parent;
        if (!fn) return false;
        if ((fn as TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration).async) return true;
        // A per-item callback whose results are awaited together, or a function returning the promise
        // to its caller (who will await it; we cannot see that far, so assume it runs).
        const it = enclosingIterations(fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.body === node ? node : parent, sourceCode)[0];
        if (it?.kind === 'callback' && it.callback === fn) return it.concurrent;
        return true;
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.id.type !== AST_NODE_TYPES.Identifier) return false;
        const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
        return variable?.references.some((ref) => ref.identifier !== parent.id && consumedAsPromise(ref.identifier, depth + 1)) ?? false;
      }
      default:
        return false;
    }
  }

  function rowOf(expr: TSESTree.Expression, depth = 0): QueryCall | undefined {
    if (depth > 4) return undefined;
    const node = skipTypeWrappers(expr);
    if (node.type === AST_NODE_TYPES.AwaitExpression) return rowOf(node.argument, depth + 1);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const query = queryAt(node);
      return query?.operation === 'read-one' || (query?.operation === 'write-one' && query.method === 'create') ? query : undefined;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs[0];
    if (!variable || !def || variable.defs.length !== 1) return undefined;
    // After a reassignment the variable may hold anything.
    if (variable.references.some((ref) => ref.isWrite() && ref.identifier !== def.name && ref.identifier.range[0] < node.range[0])) return undefined;
    if (def.type === 'Variable') {
      const declarator = def.node;
      if (declarator.id === def.name && declarator.init) return rowOf(declarator.init, depth + 1);
      const loop = declarator.parent.parent;
      if (declarator.id === def.name && loop.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) return rowsOfCollection(loop.right);
      return undefined;
    }
    if (def.type === 'Parameter' && isFunction(def.node) && def.node.params[0] === def.name) {
      const fn = def.node;
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
      const callee = skipTypeWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !PER_ROW_CALLBACKS.has(calleeName(call) ?? '')) return undefined;
      return rowsOfCollection(callee.object);
    }
    return undefined;
  }

  function rowsOfCollection(expr: TSESTree.Expression): QueryCall | undefined {
    const query = rowsSource(expr);
    return query?.operation === 'read-many' ? query : undefined;
  }

  function transactionAt(node: TSESTree.Node): TransactionCallback | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) {
        const tx = bindings.transactionOf(current);
        if (tx) return tx;
        const call = current.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(current) && DEFERRED_CALLBACKS.has(calleeName(call) ?? '')) return undefined;
      }
    }
    return undefined;
  }


  const shapeCache = new Map<TSESTree.CallExpression, QueryShape | null>();

  function shapeRequest(query: QueryCall): ShapeRequest {
    return { match: query, chain: query.chain, node: query.node, sourceCode };
  }

  function shapeOf(query: QueryCall): QueryShape | undefined {
    const cached = shapeCache.get(query.node);
    if (cached !== undefined) return cached ?? undefined;
    let shape: QueryShape | undefined;
    try {
      shape = ormModule(query.orm).queryShape?.(shapeRequest(query));
    } catch {
      shape = undefined;
    }
    shapeCache.set(query.node, shape ?? null);
    return shape;
  }

  function enclosingQuery(node: TSESTree.Node): QueryCall | undefined {
    // The search from any call it passes gives the same answer: remembered for those calls, so that the
    // many nodes of one big expression do not each climb the same way.
    const passed: TSESTree.CallExpression[] = [];
    let result: QueryCall | undefined;
    let current: TSESTree.Node | undefined = node;
    for (let depth = 0; current && depth < 60; depth++) {
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const known = enclosingCache.get(current);
        if (known !== undefined) {
          result = known ?? undefined;
          break;
        }
        passed.push(current);
        let head: TSESTree.CallExpression = current;
        for (let guard = 0; !isChainHead(head) && guard < 50; guard++) head = nextChainCall(head)!;
        const query = queryAt(head);
        if (query) {
          result = query;
          break;
        }
      } else if (isFunction(current) && current !== node) {
        // Callbacks passed to a call (`.where((qb) => …)`) belong to it; other functions end the search.
        if (current.parent?.type !== AST_NODE_TYPES.CallExpression) break;
      } else if (current.type === AST_NODE_TYPES.Program) {
        break;
      }
      current = current.parent;
    }
    for (const call of passed) enclosingCache.set(call, result ?? null);
    return result;
  }

  function inListAt(node: TSESTree.CallExpression | TSESTree.Property): InList | undefined {
    try {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipTypeWrappers(node.callee);
        // An operator is imported from the ORM (possibly renamed), required under its own name, or
        // re-exported by the app under its own name (then the checker says whose it is).
        if (callee.type === AST_NODE_TYPES.Identifier && (IN_OPERATOR_NAMES.has(callee.name) || ormImportNames.has(callee.name))) {
          const imp = bindings.importOf(callee);
          let mod = imp ? ormOfSource(ORM_MODULES, imp.source) ?? (settings.modules.has(imp.source) ? ormModule(settings.modules.get(imp.source)!) : undefined) : undefined;
          let op = mod && imp ? mod.inOperators?.[imp.imported] : undefined;
          // Re-exported through the app's own module (`import { inArray } from './db'`): the checker knows.
          const typed = !op && imp && types ? types.declaringExport(callee) : undefined;
          if (typed) {
            mod = ormModule(typed.orm);
            op = mod.inOperators?.[typed.name];
          }
          if (mod && op) {
            const list = node.arguments[op.list];
            if (!list) return undefined;
            const column = op.column === undefined ? undefined : node.arguments[op.column];
            const query = enclosingQuery(node);
            return {
              orm: mod.id,
              list,
              column: column ? sourceCode.getText(column) : undefined,
              negated: op.negated ?? false,
              acceptsSubquery: op.acceptsSubquery ?? false,
              query: query?.orm === mod.id ? query : undefined,
              evidence: 'import',
            };
          }
        }
      }
      const query = enclosingQuery(node);
      if (!query) return undefined;
      const site = ormModule(query.orm).inListAt?.(node, shapeRequest(query));
      return site ? { ...site, orm: query.orm, query, evidence: query.evidence } : undefined;
    } catch {
      return undefined;
    }
  }

  /** `rowsSource` with `subsets`: rows through `.filter()`/`.slice()`… and the rows part of pairs. */
  function rowsOf(expr: TSESTree.Expression, depth = 0): QueryCall | undefined {
    if (depth > 6) return undefined;
    const node = skipTypeWrappers(expr);
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return rowsOf(node.argument, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        const query = queryAt(node);
        if (query) return ormModule(query.orm).rowsPart?.[query.method] === undefined ? query : undefined;
        const callee = skipTypeWrappers(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && SUBSET_METHODS.has(propertyName(callee) ?? '')) return rowsOf(callee.object, depth + 1);
        return undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const pair = rowsSource(node.object);
        const part = propertyName(node);
        return pair && part !== undefined && ormModule(pair.orm).rowsPart?.[pair.method] === part ? pair : undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
        const def = variable?.defs[0];
        if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init) return undefined;
        if (variable.references.some((ref) => ref.isWrite() && ref.identifier !== def.name)) return undefined;
        const id = def.node.id;
        if (id === def.name) return rowsOf(def.node.init, depth + 1);
        // `const [rows, count] = await repo.findAndCount()`, `const { rows } = await Post.findAndCountAll()`.
        let part: string | number | undefined;
        if (id.type === AST_NODE_TYPES.ArrayPattern) {
          const index = id.elements.indexOf(def.name as TSESTree.DestructuringPattern);
          part = index === -1 ? undefined : index;
        } else if (id.type === AST_NODE_TYPES.ObjectPattern) {
          const prop = id.properties.find((p) => p.type === AST_NODE_TYPES.Property && p.value === def.name);
          part = prop?.type === AST_NODE_TYPES.Property && !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : undefined;
        }
        const pair = part === undefined ? undefined : rowsSource(def.node.init);
        return pair && ormModule(pair.orm).rowsPart?.[pair.method] === part ? pair : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * The ORM row `expr` is, as an origin: `rowOf`, or else the item of an iteration over a subset of a
   * query's rows (`rows.filter(…)`, the rows of `findAndCount`).
   */
  function rowOrigin(expr: TSESTree.Expression): Origin | undefined {
    const node = skipTypeWrappers(expr);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const cached = rowOriginCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    rowOriginCache.set(node, null); // guards against cycles while computing
    let result: Origin | undefined;
    try {
      let query = rowOf(node);
      if (!query) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
        const def = variable?.defs[0];
        const iteration = def ? iterations(node).find((it) => it.item === def.name) : undefined;
        query = iteration?.iterable ? rowsOf(iteration.iterable) : undefined;
        if (query?.operation !== 'read-many') query = undefined;
      }
      if (query) result = { orm: query.orm, role: 'row', evidence: query.evidence, model: query.model };
    } catch {
      result = undefined;
    }
    rowOriginCache.set(node, result ?? null);
    return result;
  }

  function eagerLoadCandidate(target: QueryCall | TSESTree.MemberExpression): EagerLoad | undefined {
    const key: TSESTree.Node = 'type' in target ? target : target.node;
    const cached = eagerCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let result: EagerLoad | undefined;
    try {
      result = findEagerLoad(
        { sourceCode, ctx: recognizeContext, iterations, rowsSource: (expr) => rowsOf(expr), module: ormModule },
        'type' in target ? { member: target } : { query: target },
      );
    } catch {
      result = undefined;
    }
    eagerCache.set(key, result ?? null);
    return result;
  }

  let lazy: LazyAnalysis | undefined;

  const analysis: OrmAnalysis = {
    touchesOrm,
    isExecuted,
    isTypeScript,
    types,
    settings,
    queryAt,
    rowsSource: (expr, options) => (options?.subsets ? rowsOf(expr) : rowsSource(expr)),
    iterations,
    originOf: (expr) => bindings.originOf(expr),
    eagerLoadCandidate,
    rowOf: (expr) => rowOf(expr),
    transactionAt,
    itemScope: (iteration) => itemScope(sourceCode, iteration),
    module: ormModule,
    enclosingQuery,
    shapeOf,
    inListAt,
    inListsOf(query) {
      const out: InList[] = [];
      for (const link of query.chain.links) {
        if (link.kind !== 'call') continue;
        for (const arg of link.args) {
          walk(arg, (n) => {
            if (n.type !== AST_NODE_TYPES.CallExpression && n.type !== AST_NODE_TYPES.Property) return;
            const site = inListAt(n);
            if (site?.query?.node === query.node) out.push(site);
          });
        }
      }
      return out;
    },
    importOf: (node) => bindings.importOf(node),
    uniqueKeysOf(query) {
      const method = ormModule(query.orm).uniqueLookupMethod;
      const callee = query.optionsCall ? skipTypeWrappers(query.optionsCall.callee) : undefined;
      if (!types || method === undefined || callee?.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      return types.uniqueKeys(callee.object, method);
    },
    subqueryOf(query, field) {
      try {
        return ormModule(query.orm).subquery?.(shapeRequest(query), field);
      } catch {
        return undefined;
      }
    },
    variesPerIteration: (node, iteration) => variesPerIteration(node, iteration, sourceCode),
    targetVariesPerIteration(query, iteration) {
      const derivedMethods = new Set(Object.values(ormModule(query.orm).derived).flatMap((m) => Object.keys(m ?? {})));
      const end = query.optionsCall ? query.chain.links.findIndex((l) => l.node === query.optionsCall) : query.chain.links.length - 1;
      for (const link of query.chain.links.slice(0, Math.max(end, 0))) {
        if (link.kind === 'prop' && link.node.computed && variesPerIteration(link.node.property, iteration, sourceCode)) return true;
        if (link.kind === 'call' && link.name !== undefined && derivedMethods.has(link.name) && link.args.some((a) => variesPerIteration(a, iteration, sourceCode))) return true;
      }
      return false;
    },
    describeIteration: (iteration) => describeIteration(iteration),
    batchedLookupFix(query, iteration) {
      return perItemLookup(sourceCode, analysis, query, iteration)?.fix;
    },

    rowUses,
    rewriteRequest: (query) => ({ match: query, chain: query.chain, call: query.node, sourceCode, isTypeScript }),
    get lazy() {
      lazy ??= createLazyAnalysis({ sourceCode, types, queryAt, module: ormModule });
      return lazy;
    },
  };
  return analysis;
}

/** Array methods whose callback receives one row at a time. */
const PER_ROW_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findLast']);
/** Calls whose callback runs later, outside the enclosing transaction. */
const DEFERRED_CALLBACKS = new Set(['afterCommit', 'afterRollback', 'setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'on', 'once', 'addListener', 'queueMicrotask']);

function importSource(stmt: TSESTree.ProgramStatement): string | undefined {
  if (stmt.type === AST_NODE_TYPES.ImportDeclaration) return stmt.source.value;
  if ((stmt.type === AST_NODE_TYPES.ExportNamedDeclaration || stmt.type === AST_NODE_TYPES.ExportAllDeclaration) && stmt.source) return stmt.source.value;
  if (stmt.type === AST_NODE_TYPES.TSImportEqualsDeclaration && stmt.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
    return stmt.moduleReference.expression.value;
  }
  return undefined;
}

/**
 * Calls that are surely not the head of a query chain, decided from their own shape: inner links of a
 * chain, and methods no ORM knows on a receiver that is not itself a call chain (chains such as
 * Prisma's fluent `findUnique(…).posts()` end in a relation name, so those are looked at).
 */
function cannotBeQuery(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(callee);
    const object = skipTypeWrappers(callee.object);
    if (name !== undefined && !isMethodOfInterest(name) && object.type !== AST_NODE_TYPES.CallExpression) return true;
    // `Promise.all(…)`, `Object.assign(…)`, `Math.max(…)`: names an ORM has too, on a receiver no ORM is.
    if (object.type === AST_NODE_TYPES.Identifier && isBuiltinGlobal(object.name)) return true;
  }
  return !isChainHead(call);
}

/** `prisma.user.findMany()`, `knex('users')…first()`: the chain with arguments elided. */
function displayName(chain: Chain, sourceCode: Readonly<TSESLint.SourceCode>): string {
  let out = sourceCode.getText(chain.base);
  if (out.length > 30) out = '…';
  const links = chain.links;
  const shown = links.length > 5 ? [...links.slice(0, 3), undefined, ...links.slice(-1)] : links;
  for (const link of shown) {
    if (link === undefined) {
      out += '…';
      continue;
    }
    if (link.kind === 'prop') out += `.${link.name}`;
    else {
      const arg0 = link.args[0];
      const args = link.args.length === 0 ? '()' : link.args.length === 1 && arg0?.type === AST_NODE_TYPES.Literal && typeof arg0.value === 'string' && arg0.value.length <= 20 ? `(${sourceCode.getText(arg0)})` : '(…)';
      out += link.name === undefined ? args : `.${link.name}${args}`;
    }
  }
  return out;
}

/** Whether an expression's value is consumed by `await` (directly or through `Promise.all`/return). */
export function awaitedParent(call: TSESTree.CallExpression): TSESTree.AwaitExpression | undefined {
  const parent = parentSkippingWrappers(call);
  return parent?.type === AST_NODE_TYPES.AwaitExpression ? parent : undefined;
}

export type { Evidence as EvidenceLevel };
