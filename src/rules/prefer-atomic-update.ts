import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type OrmAnalysis, type QueryCall } from '../analyzer/index.js';
import { isFunction, parentSkippingWrappers, skipTypeWrappers, staticKey, walk } from '../analyzer/ast.js';
import { ensureNamedImport, hasComments } from '../analyzer/fixes.js';
import { canAwaitAt, statementOf } from '../analyzer/item-scope.js';
import { arithmeticOnField, fieldRead, guardOf, mutationOf, type FieldRead } from '../analyzer/read-modify-write.js';
import { abbreviateCall } from '../analyzer/text.js';
import type { AtomicChange } from '../analyzer/orm/types.js';

type Options = [];
type MessageId = 'readModifyWrite' | 'conditionalReadModifyWrite' | 'useAtomicUpdate' | 'useConditionalUpdate' | 'useBulkAtomicUpdate';
type Suggestion = TSESLint.SuggestionReportDescriptor<MessageId>;
type Imports = readonly (readonly [string, string])[] | undefined;

const WRITES = new Set(['write-one', 'write-many']);
const PERSISTS = new Set(['write-one', 'write-many', 'flush']);

export default createRule<Options, MessageId>({
  name: 'prefer-atomic-update',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require numeric columns to be changed by the database (atomic increment) instead of read, changed in JavaScript and written back',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      readModifyWrite:
        '`{{row}}.{{field}}` was read by `{{read}}` and is written back as a value computed in JavaScript: a change another request makes in between is lost (lost update), and the read costs a round trip. Let the database compute it in the write ({{orm}}: `{{hint}}`).',
      conditionalReadModifyWrite:
        '`{{row}}.{{field}}` is checked and changed on the copy read by `{{read}}`: two requests can both pass the check and both write, and one change is lost. Put the condition and the change in one update ({{orm}}: `{{hint}}`).',
      useAtomicUpdate: 'Compute `{{field}}` in the database: `{{update}}`.',
      useConditionalUpdate: 'Check and change `{{field}}` in one statement: `{{update}}`.',
      useBulkAtomicUpdate: 'Replace the {{loop}} with one `{{update}}`.',
    },
    schema: [],
  },
  create(context) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const sourceCode = context.sourceCode;

    /** The loaded row `read.row` holds, when an ORM query (not a look-alike) loaded it. */
    const rowQuery = (read: FieldRead): QueryCall | undefined => {
      const row = orm.rowOf(read.row);
      return row && row.evidence !== 'name' ? row : undefined;
    };

    const changeOf = (read: FieldRead, op: AtomicChange['op'], amount: TSESTree.Expression | undefined, at: TSESTree.Node): AtomicChange => {
      const guard = guardOf(at, read, sourceCode);
      return { field: read.field, op, amount: amountText(amount, sourceCode), guard: guard && { op: guard.op, limit: sourceCode.getText(guard.limit) } };
    };

    const report = (node: TSESTree.Node, read: FieldRead, row: QueryCall, change: AtomicChange, suggestion: Suggestion | undefined) => {
      const mod = orm.module(row.orm);
      context.report({
        node,
        messageId: change.guard ? 'conditionalReadModifyWrite' : 'readModifyWrite',
        data: { row: read.row.name, field: read.field, read: row.displayName, orm: mod.name, hint: mod.hints.atomic ?? mod.hints.batch },
        suggest: suggestion ? [suggestion] : [],
      });
    };

    return {
      BinaryExpression(node) {
        if (node.operator !== '+' && node.operator !== '-' && node.operator !== '*') return;
        // Where the value goes first: most arithmetic is not a value handed to a write.
        const write = writeContaining(orm, node);
        if (!write || write.evidence === 'name' || !WRITES.has(write.operation)) return;
        const arithmetic = arithmeticOnField(node, sourceCode, orm.types);
        if (!arithmetic) return;
        const row = rowQuery(arithmetic.read);
        if (!row || row.orm !== write.orm || !sameModel(row, write)) return;
        const mod = orm.module(write.orm);
        const change = changeOf(arithmetic.read, arithmetic.op, arithmetic.amount, node);
        const edit = mod.atomicValue?.({ match: write, chain: write.chain, call: write.node, sourceCode, value: node, change, resultUsed: resultUsed(write.node) });
        // Undefined: the expression is not a value this write stores (a filter, an option).
        if (!edit || compareAndSet(write, arithmetic.read, sourceCode)) return;
        const splices = edit.splices;
        // A guarded change is only rewritten when the guard moves into the statement too.
        const single: Suggestion | undefined =
          splices && (!change.guard || edit.conditional)
            ? {
                messageId: edit.conditional ? 'useConditionalUpdate' : 'useAtomicUpdate',
                data: { field: change.field, update: updatePreview(sourceCode, write.node, splices) },
                fix: (fixer) => withImports(sourceCode, fixer, edit.imports, splices.map((s) => fixer.replaceTextRange(s.range, s.text))),
              }
            : undefined;
        report(node, arithmetic.read, row, change, loopSuggestion(orm, arithmetic.read, row, change, [statementOf(awaitedOf(write.node))], sourceCode) ?? single);
      },
      'UpdateExpression, AssignmentExpression'(node: TSESTree.UpdateExpression | TSESTree.AssignmentExpression) {
        const statement = parentSkippingWrappers(node);
        if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return;
        const mutation = mutationOf(node, sourceCode, orm.types);
        if (!mutation) return;
        const row = rowQuery(mutation.read);
        if (!row) return;
        const persist = persistingWrite(orm, mutation.read, row, node, sourceCode);
        if (!persist) return;
        const change = changeOf(mutation.read, mutation.op, mutation.amount, node);
        const loop = loopSuggestion(orm, mutation.read, row, change, [statement, statementOf(awaitedOf(persist.node))], sourceCode);
        // A guarded change needs the guard in the statement; the row forms cannot carry it.
        report(node, mutation.read, row, change, loop ?? (change.guard ? undefined : rowSuggestion(orm, mutation.read, row, change, statement, persist, sourceCode)));
      },
    };
  },
});

/** The write whose arguments contain `node` (through object literals, `$set`, chained builders). */
function writeContaining(orm: OrmAnalysis, node: TSESTree.Node): QueryCall | undefined {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.Property:
        if (parent.value !== child) return undefined;
        continue;
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        continue;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        // Kysely `set((eb) => ({ … }))`.
        if (parent.body !== child) return undefined;
        continue;
      case AST_NODE_TYPES.CallExpression: {
        if (!parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return undefined;
        return queryOfChain(orm, parent);
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The query whose chain includes `call` (`db.update(t).set({…}).where(…)` for the `set` call). */
function queryOfChain(orm: OrmAnalysis, call: TSESTree.CallExpression): QueryCall | undefined {
  let current: TSESTree.Node = call;
  for (let i = 0; i < 10; i++) {
    const query = current.type === AST_NODE_TYPES.CallExpression ? orm.queryAt(current) : undefined;
    if (query) return query;
    const parent = parentSkippingWrappers(current);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(parent.object) === current) {
      const grand = parentSkippingWrappers(parent);
      if (grand?.type !== AST_NODE_TYPES.CallExpression) return undefined;
      current = grand;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/**
 * Optimistic locking: the write also filters on the value it read (`where: { version: row.version }`,
 * `.where('version', row.version)`), so a concurrent change makes it match nothing instead of being lost.
 */
function compareAndSet(write: QueryCall, read: FieldRead, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const same = (node: TSESTree.Node | undefined): boolean => {
    if (!node) return false;
    const other = fieldRead(skipTypeWrappers(node as TSESTree.Expression));
    return other !== undefined && other.field === read.field && other.row.name === read.row.name;
  };
  let found = false;
  for (const link of write.chain.links) {
    if (link.kind !== 'call') continue;
    const [first, second, third] = link.args;
    if (first?.type === AST_NODE_TYPES.Literal && first.value === read.field && (same(second) || same(third))) return true;
    for (const arg of link.args) {
      walk(arg, (n) => {
        if (n.type === AST_NODE_TYPES.Property && staticKey(n) === read.field && same(n.value)) found = true;
        return found ? false : undefined;
      });
    }
  }
  void sourceCode;
  return found;
}

/** Same model, when both sides name one (`prisma.user` read, `prisma.user` write). */
function sameModel(read: QueryCall, write: QueryCall): boolean {
  if (read.model === undefined || write.model === undefined) return true;
  const norm = (m: string) => m.toLowerCase().replace(/s$/, '');
  return norm(read.model) === norm(write.model);
}

function awaitedOf(call: TSESTree.Node): TSESTree.Node {
  const parent = parentSkippingWrappers(call);
  return parent?.type === AST_NODE_TYPES.AwaitExpression ? parent : call;
}

/** Whether the write's value is used (not a bare `await write;` statement). */
function resultUsed(call: TSESTree.Node): boolean {
  return parentSkippingWrappers(awaitedOf(call))?.type !== AST_NODE_TYPES.ExpressionStatement;
}

function amountText(amount: TSESTree.Expression | undefined, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (!amount) return '1';
  const text = sourceCode.getText(amount);
  const simple = amount.type === AST_NODE_TYPES.Literal || amount.type === AST_NODE_TYPES.Identifier || amount.type === AST_NODE_TYPES.MemberExpression || amount.type === AST_NODE_TYPES.CallExpression;
  return simple ? text : `(${text})`;
}

/**
 * The write after `mutation` that stores the changed row: the row's own `save()`, a write taking the row
 * (`repo.save(row)`, `em.persistAndFlush(row)`) or its field (`data: { n: row.n }`), or a unit-of-work flush.
 */
function persistingWrite(orm: OrmAnalysis, read: FieldRead, row: QueryCall, mutation: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): QueryCall | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(read.row), read.row);
  if (!variable) return undefined;
  const scope = enclosingFunctionBody(mutation);
  if (!scope) return undefined;
  const isRow = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(sourceCode.getScope(node), node) === variable;
  let found: QueryCall | undefined;
  walk(scope, (node) => {
    if (found) return false;
    if (node.range[1] <= mutation.range[1] && !(node.range[0] <= mutation.range[0] && node.range[1] >= mutation.range[1])) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || node.range[0] < mutation.range[1]) return undefined;
    const query = orm.queryAt(node);
    if (!query || query.evidence === 'name' || query.orm !== row.orm || !PERSISTS.has(query.operation)) return undefined;
    if (query.operation === 'flush' || isRow(query.chain.base)) {
      found = query;
      return false;
    }
    for (const link of query.chain.links) {
      if (link.kind !== 'call') continue;
      for (const arg of link.args) {
        walk(arg, (n) => {
          if (found) return false;
          if (isRow(n)) found = query;
          return undefined;
        });
      }
    }
    return found ? false : undefined;
  });
  return found;
}

function enclosingFunctionBody(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current.body;
    if (current.type === AST_NODE_TYPES.Program) return current;
  }
  return undefined;
}

/** The single-row fix: the ORM's atomic form in place of the change (and of the persisting statement when it writes by itself). */
function rowSuggestion(
  orm: OrmAnalysis,
  read: FieldRead,
  row: QueryCall,
  change: AtomicChange,
  statement: TSESTree.ExpressionStatement,
  persist: QueryCall,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Suggestion | undefined {
  const mod = orm.module(row.orm);
  const persistStatement = statementOf(awaitedOf(persist.node));
  const siblings = statement.parent.type === AST_NODE_TYPES.BlockStatement || statement.parent.type === AST_NODE_TYPES.Program ? statement.parent.body : undefined;
  const adjacent = siblings !== undefined && persistStatement !== undefined && siblings[siblings.indexOf(statement) + 1] === persistStatement;
  const alone = adjacent && !otherChanges(read, statement, persist, sourceCode);
  const edit = mod.atomicRow?.({ sourceCode, row: read.row.name, change, persist: { match: persist, chain: persist.chain, call: persist.node }, alone });
  if (!edit) return undefined;
  if (edit.removePersist && (!alone || persistStatement?.type !== AST_NODE_TYPES.ExpressionStatement || hasComments(sourceCode, persistStatement))) return undefined;
  if (edit.change.startsWith('await ') && !canAwaitAt(statement, sourceCode)) return undefined;
  return {
    messageId: 'useAtomicUpdate',
    data: { field: change.field, update: preview(edit.change.replace(/^await /, '')) },
    fix: (fixer) => {
      const fixes = [fixer.replaceText(statement, `${edit.change};`)];
      if (edit.removePersist && persistStatement) {
        const previous = sourceCode.getTokenBefore(persistStatement);
        fixes.push(fixer.removeRange([previous ? previous.range[1] : persistStatement.range[0], persistStatement.range[1]]));
      }
      return fixes;
    },
  };
}

/** Whether anything other than `statement` changes the row between its read and `persist`. */
function otherChanges(read: FieldRead, statement: TSESTree.Node, persist: QueryCall, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(read.row), read.row);
  if (!variable) return true;
  for (const ref of variable.references) {
    const id = ref.identifier;
    if (id.range[0] >= statement.range[0] && id.range[1] <= statement.range[1]) continue;
    if (id.range[0] >= persist.node.range[0] && id.range[1] <= persist.node.range[1]) continue;
    const parent = id.parent;
    // `row.x = …`, `row.x++`, `Object.assign(row, …)`, `row.set(…)`: another change.
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === id) {
      const grand = parent.parent;
      if ((grand?.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) || grand?.type === AST_NODE_TYPES.UpdateExpression) return true;
      if (grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === parent) return true;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(id as TSESTree.Identifier)) return true;
  }
  return false;
}

/**
 * The loop case: `for (const row of rows) { row.n += 1; await row.save(); }` (or the write with `row.n + 1`)
 * over every row a read returned, with nothing else in the body, becomes one bulk atomic update.
 */
function loopSuggestion(
  orm: OrmAnalysis,
  read: FieldRead,
  row: QueryCall,
  change: AtomicChange,
  statements: readonly (TSESTree.Node | undefined)[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): Suggestion | undefined {
  if (row.operation !== 'read-many' || change.guard) return undefined;
  const iteration = orm.iterations(read.row)[0];
  if (iteration?.kind !== 'for-of' || iteration.item?.type !== AST_NODE_TYPES.Identifier || iteration.item.name !== read.row.name) return undefined;
  const loop = iteration.node as TSESTree.ForOfStatement;
  const body = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  const inBody = statements.filter((s): s is TSESTree.Node => s !== undefined && s.range[0] >= loop.body.range[0] && s.range[1] <= loop.body.range[1]);
  if (body.length !== inBody.length || !body.every((s) => inBody.includes(s))) return undefined;
  if (statementOf(loop) !== loop || hasComments(sourceCode, loop) || !canAwaitAt(loop, sourceCode)) return undefined;
  // The rows keep their old values after the rewrite: nothing may read them after the loop.
  const iterable = skipTypeWrappers(loop.right);
  if (iterable.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(iterable), iterable);
    if (!variable || variable.references.some((ref) => ref.identifier.range[0] > loop.range[1])) return undefined;
  }
  const plan = orm.module(row.orm).bulkAtomic?.({ sourceCode, read: { match: row, chain: row.chain, call: row.node }, change });
  if (!plan) return undefined;
  return {
    messageId: 'useBulkAtomicUpdate',
    data: { loop: orm.describeIteration(iteration).loop, update: preview(plan.text) },
    fix: (fixer) => withImports(sourceCode, fixer, plan.imports, [fixer.replaceText(loop, `await ${plan.text};`)]),
  };
}

function withImports(sourceCode: Readonly<TSESLint.SourceCode>, fixer: TSESLint.RuleFixer, imports: Imports, fixes: TSESLint.RuleFix[]): TSESLint.RuleFix[] | null {
  const out: TSESLint.RuleFix[] = [];
  for (const [source, name] of imports ?? []) {
    const importFix = ensureNamedImport(sourceCode, fixer, source, name);
    if (importFix === undefined) return null;
    if (importFix) out.push(importFix);
  }
  return [...out, ...fixes];
}

/** The write after the edits, for the suggestion's message. */
function updatePreview(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.Node, splices: readonly { range: readonly [number, number]; text: string }[]): string {
  const [start, end] = [Math.min(call.range[0], ...splices.map((s) => s.range[0])), Math.max(call.range[1], ...splices.map((s) => s.range[1]))];
  let text = '';
  let cursor = start;
  for (const s of [...splices].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
    text += sourceCode.text.slice(cursor, s.range[0]) + s.text;
    cursor = s.range[1];
  }
  text += sourceCode.text.slice(cursor, end);
  return preview(text);
}

/** A statement for a message: whole when short, else with long arguments elided. */
function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= 90 ? flat : abbreviateCall(flat);
}
