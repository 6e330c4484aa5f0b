import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type Iteration, type OrmAnalysis, type QueryCall } from '../analyzer/index.js';
import { parentSkippingWrappers, promiseTailOf, skipTypeWrappers, walk } from '../analyzer/ast.js';
import { hasComments, importEdits, indentOf } from '../analyzer/fixes.js';
import { canAwaitAt, statementOf, visitIdentifiers } from '../analyzer/item-scope.js';
import { isPromiseCombinator, stepsByBatch } from '../analyzer/iteration.js';
import { abbreviateCall } from '../analyzer/text.js';
import type { BulkWritePlan } from '../analyzer/orm/types.js';

type Options = [{ ignoreModels: string[]; checkWhileLoops: boolean }];
type MessageId = 'writeInLoop' | 'dependentWriteInLoop' | 'flushInLoop' | 'useBulkWrite' | 'deferAfterLoop';

const WRITES = new Set(['write-one', 'write-many', 'flush']);
/** Methods that update rows they are given (`update`, `updateOne`, `findByIdAndUpdate`, Kysely `updateTable`). */
const UPDATE_ONE = /^update(?:One|Table)?$|AndUpdate$/;
/** Item or collection names that say the loop already works in batches. */
const CHUNKED = /chunk|batch|page|slice|group|bucket|part/i;

export default createRule<Options, MessageId>({
  name: 'no-write-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database writes that run once per item of a loop or array callback',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      writeInLoop:
        '`{{call}}` runs once per {{item}} in this {{loop}}: N items cost N statements and N round trips. Write them all with one bulk statement ({{orm}}: `{{hint}}`).',
      dependentWriteInLoop:
        '`{{call}}` runs once per {{item}} in this {{loop}}, and the loop feeds its result into the next write (ids generated row by row, parent before child), so it cannot simply become one bulk statement. Write each level in bulk instead: all parents with one statement that returns their ids, then all children.',
      flushInLoop:
        '`{{call}}` sends the pending changes once per {{item}} in this {{loop}}: N flushes cost N round trips and N transactions. Queue the changes in the loop and flush once after it ({{orm}}: `{{hint}}`).',
      useBulkWrite: 'Replace the {{loop}} with one `{{bulk}}`.',
      deferAfterLoop: 'Run `{{bulk}}` once after the {{loop}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreModels: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Models/tables whose per-item writes are accepted (for example an audit log written row by row on purpose).',
          },
          checkWhileLoops: {
            type: 'boolean',
            description:
              'Also report writes in `while`/`do…while` loops and counted `for` loops that show no collection bound. Off by default: such loops usually process one page or one job per turn.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreModels: [], checkWhileLoops: false }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const ignored = new Set(options.ignoreModels);
    const sourceCode = context.sourceCode;

    return {
      CallExpression(node) {
        const inner = promiseTailOf(node);
        if (inner && orm.queryAt(inner)) return;
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || !WRITES.has(query.operation) || query.execution === 'inert') return;
        if (query.model !== undefined && ignored.has(query.model)) return;
        if (!orm.isExecuted(query)) return;
        const iteration = repeatingIteration(orm, query, options.checkWhileLoops);
        if (!iteration || isChunked(orm, query, iteration, sourceCode)) return;
        const mod = orm.module(query.orm);
        const described = orm.describeIteration(iteration);
        const data = { call: query.displayName, item: described.item, loop: described.loop, orm: mod.name, hint: (query.method === 'upsert' ? mod.hints.upsertBulk : undefined) ?? mod.hints.bulk ?? mod.hints.batch };
        if (feedsOtherWrites(orm, query, iteration, sourceCode)) {
          context.report({ node: query.node, messageId: 'dependentWriteInLoop', data });
          return;
        }
        const plan = bulkPlan(orm, query, iteration, sourceCode);
        // An update per item of a collection with no one-statement rewrite gives each row its own values
        // (`position: i`, `name: user.name.trim()`): the ORM's form for that, not updateMany, which writes the
        // same values to every row.
        if (!plan && iteration.item !== undefined && UPDATE_ONE.test(query.method) && mod.hints.updateEachBulk !== undefined) data.hint = mod.hints.updateEachBulk;
        const suggestion = plan ? suggestionFor(plan, iteration, described.loop, sourceCode) : undefined;
        context.report({
          node: query.node,
          messageId: query.operation === 'flush' ? 'flushInLoop' : 'writeInLoop',
          data,
          suggest: suggestion ? [suggestion] : [],
        });
      },
    };
  },
});

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageId>;

/** The innermost iteration that runs `query` once per item of a collection. */
function repeatingIteration(orm: OrmAnalysis, query: QueryCall, checkWhileLoops: boolean): Iteration | undefined {
  for (const iteration of orm.iterations(query.node)) {
    if (iteration.bound === 'small' || isConstantList(iteration)) continue;
    if (iteration.bound === 'unknown' && !checkWhileLoops) continue;
    return iteration;
  }
  return undefined;
}

/**
 * `for (const chunk of chunks) await db.insert(t).values(chunk)`, `for (let i = 0; i < n; i += size)
 * { const batch = rows.slice(i, i + size); … }`: each turn already writes a batch.
 */
function isChunked(orm: OrmAnalysis, query: QueryCall, iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const names = [iteration.item, iteration.iterable].map((n) => (n ? sourceCode.getText(n) : ''));
  const chunkNames = names.some((n) => CHUNKED.test(n));
  if (query.operation === 'write-many' && (chunkNames || stepsByBatch(iteration) || filtersByItemList(orm, query, iteration, sourceCode))) return true;
  // The payload is one batch: the item itself (`createMany({ data: rows })`) or a batch-named value.
  let passed = false;
  let batchNamed = false;
  const item = iteration.item?.type === AST_NODE_TYPES.Identifier ? iteration.item.name : undefined;
  for (const link of query.chain.links) {
    if (link.kind !== 'call') continue;
    for (const arg of link.args) {
      walk(arg, (n) => {
        const parent = n.parent;
        // A whole argument or property value; not a filter value (`where: { id }` is one row per turn).
        const whole = parent === link.node || (parent?.type === AST_NODE_TYPES.Property && parent.value === n && !inWhere(parent));
        if (n.type === AST_NODE_TYPES.Identifier && whole) {
          if (n.name === item) passed = true;
          else if (CHUNKED.test(n.name)) batchNamed = true;
        }
      });
    }
  }
  if (query.operation === 'write-many' && batchNamed) return true;
  if (!passed || iteration.item?.type !== AST_NODE_TYPES.Identifier) return false;
  return query.operation === 'write-many' || chunkNames || orm.types?.isArray(iteration.item) === true;
}

/**
 * `for (const [type, ids] of idsByType) await prisma.t.updateMany({ where: { id: { in: ids } }, data: { type } })`:
 * the IN list is (part of) the item, so each turn writes a group of rows, one statement per group.
 */
function filtersByItemList(orm: OrmAnalysis, query: QueryCall, iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const item = iteration.item;
  if (!item) return false;
  return orm.inListsOf(query).some((site) => {
    const list = skipTypeWrappers(site.list as TSESTree.Expression);
    if (list.type !== AST_NODE_TYPES.Identifier) return false;
    const def = ASTUtils.findVariable(sourceCode.getScope(list), list)?.defs[0];
    // `where: { id }` with the item itself (Sequelize, MikroORM) is one value per turn, not a list.
    if (site.implicit && def?.name === item) return false;
    return def !== undefined && def.name.range[0] >= item.range[0] && def.name.range[1] <= item.range[1];
  });
}

/**
 * Whether the write's result reaches another write in the loop or the next iteration (parent rows
 * whose generated ids the children need), or the write itself uses such a result.
 */
function feedsOtherWrites(orm: OrmAnalysis, query: QueryCall, iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const loop = iteration.node;
  const inLoop = (node: TSESTree.Node) => node.range[0] >= loop.range[0] && node.range[1] <= loop.range[1];
  const isQueryArg = (node: TSESTree.Node): boolean => {
    for (let current: TSESTree.Node | undefined = node.parent; current && inLoop(current); current = current.parent) {
      if (current.type !== AST_NODE_TYPES.CallExpression || current === query.node) continue;
      if (!current.arguments.some((a) => a.range[0] <= node.range[0] && a.range[1] >= node.range[1])) continue;
      const other = orm.queryAt(current) ?? nextQuery(orm, current);
      if (other && other.node !== query.node) return true;
    }
    return false;
  };
  // The result, through `await` and member reads (`(await create()).id`).
  let result: TSESTree.Node = query.node;
  for (let parent = parentSkippingWrappers(result); parent; parent = parentSkippingWrappers(result)) {
    if (parent.type === AST_NODE_TYPES.AwaitExpression || (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === result)) result = parent;
    else break;
  }
  if (isQueryArg(result)) return true;
  const holder = parentSkippingWrappers(result);
  const targets: TSESTree.Node[] = [];
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === result) targets.push(holder.id);
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === result) targets.push(holder.left);
  for (const target of targets) {
    const ids: TSESTree.Identifier[] = [];
    visitIdentifiers(target, (id) => ids.push(id));
    for (const id of ids) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      if (!variable) continue;
      // Declared outside the loop and read in it: the next turn uses this turn's row.
      if (variable.defs[0] && !inLoop(variable.defs[0].name) && variable.references.some((ref) => ref.isRead() && inLoop(ref.identifier))) return true;
      if (variable.references.some((ref) => ref.isRead() && inLoop(ref.identifier) && (isQueryArg(ref.identifier) || (ref.identifier.type === AST_NODE_TYPES.Identifier && assignsOuter(ref.identifier, inLoop, sourceCode))))) return true;
    }
  }
  // The child side: this write's arguments read a variable some other write in the loop produced.
  let usesParent = false;
  for (const link of query.chain.links) {
    if (link.kind !== 'call' || usesParent) continue;
    for (const arg of link.args) {
      visitIdentifiers(arg, (id) => {
        if (usesParent) return;
        const def = ASTUtils.findVariable(sourceCode.getScope(id), id)?.defs[0];
        if (def?.type === 'Variable' && inLoop(def.node) && def.node.init && containsWrite(orm, def.node.init, query)) usesParent = true;
      });
    }
  }
  return usesParent;
}

/** The query whose chain continues from `call` (`knex('t').insert(x)` is inside `….returning('id')`). */
function nextQuery(orm: OrmAnalysis, call: TSESTree.CallExpression): QueryCall | undefined {
  let current: TSESTree.Node = call;
  for (let i = 0; i < 6; i++) {
    const parent = parentSkippingWrappers(current);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      current = parent.parent;
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const query = orm.queryAt(current);
        if (query) return query;
      }
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** `outer = row.id` or `const x = row.id` that is then assigned to an outer variable (one level). */
function assignsOuter(id: TSESTree.Identifier, inLoop: (n: TSESTree.Node) => boolean, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let node: TSESTree.Node = id;
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(parent.left), parent.left);
    return variable?.defs[0] !== undefined && !inLoop(variable.defs[0].name);
  }
  return false;
}

function containsWrite(orm: OrmAnalysis, node: TSESTree.Node, except: QueryCall): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.CallExpression && n !== except.node) {
      const other = orm.queryAt(n);
      if (other && WRITES.has(other.operation)) found = true;
    }
    return undefined;
  });
  return found;
}

interface Planned {
  readonly plan: BulkWritePlan;
  /** The statement the whole plan replaces (`replace`), or the loop statement (`defer`). */
  readonly statement: TSESTree.Statement;
  /** For `defer`: the awaited write expression and its statement. */
  readonly write?: { readonly expr: TSESTree.Node; readonly statement: TSESTree.Statement };
}

/** The module's bulk form of this write, when the iteration has a shape it can replace. */
function bulkPlan(orm: OrmAnalysis, query: QueryCall, iteration: Iteration, sourceCode: Readonly<TSESLint.SourceCode>): Planned | undefined {
  const mod = orm.module(query.orm);
  if (!mod.bulkWrite) return undefined;
  const scope = orm.itemScope(iteration);
  if (!scope || iteration.kind === 'for-await') return undefined;
  if (orm.types && orm.types.isArray(scope.iterable) === false) return undefined;
  const awaited = parentSkippingWrappers(query.node)?.type === AST_NODE_TYPES.AwaitExpression ? parentSkippingWrappers(query.node)! : query.node;
  const receiver = query.chain.links.length === 1 ? query.chain.base : undefined;
  const onRow = receiver !== undefined && orm.originOf(receiver)?.role === 'row';
  const rows = receiver && onRow ? orm.rowOf(receiver) : undefined;
  const plan = mod.bulkWrite({
    match: query,
    chain: query.chain,
    call: query.node,
    sourceCode,
    scope,
    onRow,
    rowsQuery: rows && rows.orm === query.orm ? { chain: rows.chain, match: rows } : undefined,
  });
  if (!plan) return undefined;
  if (plan.kind === 'replace') {
    // The bulk call is evaluated once, where the iteration was.
    if (!scope.isMovable(query.node)) return undefined;
    const statement = soleWriteStatement(iteration, query, awaited);
    return statement ? { plan, statement } : undefined;
  }
  // `defer`: the write is the last statement of a loop body; the loop stays.
  if (iteration.kind !== 'for-of') return undefined;
  const loop = iteration.node as TSESTree.ForOfStatement;
  const writeStatement = statementOf(awaited);
  const body = loop.body;
  const statements = body.type === AST_NODE_TYPES.BlockStatement ? body.body : [body];
  if (!writeStatement || statements[statements.length - 1] !== writeStatement) return undefined;
  if (plan.inLoop === null && statements.length === 1 && body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const loopStatement = statementOf(loop);
  if (loopStatement !== loop) return undefined;
  return { plan, statement: loop, write: { expr: awaited, statement: writeStatement } };
}

/**
 * The statement made only of this write: `for (const u of users) await W;`, `users.forEach((u) => W)`,
 * `await Promise.all(users.map((u) => W))`. The result must be discarded.
 */
function soleWriteStatement(iteration: Iteration, query: QueryCall, awaited: TSESTree.Node): TSESTree.Statement | undefined {
  const only = (body: TSESTree.Node): boolean => {
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      if (body.body.length !== 1) return false;
      const stmt = body.body[0]!;
      if (stmt.type === AST_NODE_TYPES.ExpressionStatement) return skipTypeWrappers(stmt.expression) === awaited;
      if (stmt.type === AST_NODE_TYPES.ReturnStatement) return stmt.argument !== null && skipTypeWrappers(stmt.argument) === awaited;
      return false;
    }
    if (body.type === AST_NODE_TYPES.ExpressionStatement) return skipTypeWrappers(body.expression) === awaited;
    return skipTypeWrappers(body as TSESTree.Expression) === awaited || skipTypeWrappers(body as TSESTree.Expression) === query.node;
  };
  if (iteration.kind === 'for-of') {
    const loop = iteration.node as TSESTree.ForOfStatement;
    if (!only(loop.body)) return undefined;
    return statementOf(loop) === loop ? loop : undefined;
  }
  if (iteration.kind !== 'callback' || !iteration.callback || !only(iteration.callback.body)) return undefined;
  const call = iteration.node as TSESTree.CallExpression;
  if (iteration.method === 'forEach') {
    const stmt = parentSkippingWrappers(call);
    return stmt?.type === AST_NODE_TYPES.ExpressionStatement ? stmt : undefined;
  }
  if (iteration.method !== 'map') return undefined;
  // `await Promise.all(users.map(…));` with the result discarded.
  const combinator = parentSkippingWrappers(call);
  if (combinator?.type !== AST_NODE_TYPES.CallExpression || combinator.arguments[0] !== call || !isPromiseCombinator(combinator)) return undefined;
  const awaitExpr = parentSkippingWrappers(combinator);
  if (awaitExpr?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const stmt = parentSkippingWrappers(awaitExpr);
  return stmt?.type === AST_NODE_TYPES.ExpressionStatement ? stmt : undefined;
}

function suggestionFor(planned: Planned, iteration: Iteration, loop: string, sourceCode: Readonly<TSESLint.SourceCode>): Suggestion | undefined {
  const { plan, statement } = planned;
  if (!canAwaitAt(statement, sourceCode) || hasComments(sourceCode, statement)) return undefined;
  const indent = indentOf(sourceCode, statement);
  if (plan.kind === 'replace') {
    const iterable = iteration.iterable ? sourceCode.getText(iteration.iterable) : undefined;
    if (plan.guardEmpty && iterable === undefined) return undefined;
    const call = `await ${plan.text};`;
    const text = plan.guardEmpty ? `if (${iterable!}.length > 0) ${call}` : call;
    return {
      messageId: 'useBulkWrite',
      data: { loop, bulk: abbreviateCall(plan.text) },
      fix: (fixer) => {
        const imports = importEdits(sourceCode, fixer, plan.imports ?? [], [{ range: statement.range, text }]);
        return imports ? [...imports, fixer.replaceText(statement, text)] : null;
      },
    };
  }
  const write = planned.write!;
  return {
    messageId: 'deferAfterLoop',
    data: { loop, bulk: abbreviateCall(plan.after) },
    fix: (fixer) => {
      const fixes: TSESLint.RuleFix[] = [];
      if (plan.inLoop === null) {
        const previous = sourceCode.getTokenBefore(write.statement);
        fixes.push(fixer.removeRange([previous ? previous.range[1] : write.statement.range[0], write.statement.range[1]]));
      } else {
        fixes.push(fixer.replaceText(write.expr, plan.inLoop));
      }
      fixes.push(fixer.insertTextAfter(statement, `\n${indent}await ${plan.after};`));
      return fixes;
    },
  };
}

/** Whether a property sits directly in a `where: { … }` filter object. */
function inWhere(property: TSESTree.Property): boolean {
  const object = property.parent;
  const holder = object.type === AST_NODE_TYPES.ObjectExpression ? object.parent : undefined;
  return holder?.type === AST_NODE_TYPES.Property && holder.value === object && !holder.computed && holder.key.type === AST_NODE_TYPES.Identifier && holder.key.name === 'where';
}

/** `for (const role of DEFAULT_ROLES)`: a module constant in SCREAMING_CASE is a short, fixed list. */
function isConstantList(iteration: Iteration): boolean {
  const iterable = iteration.iterable ? skipTypeWrappers(iteration.iterable) : undefined;
  const name = iterable?.type === AST_NODE_TYPES.Identifier ? iterable.name : iterable?.type === AST_NODE_TYPES.MemberExpression && iterable.property.type === AST_NODE_TYPES.Identifier ? iterable.property.name : undefined;
  return name !== undefined && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{2,}[0-9]*$/.test(name);
}
