import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type BuilderVariable, type LazyQuery } from '../analyzer/index.js';

type Options = [];
type MessageId =
  | 'notExecuted'
  | 'notRun'
  | 'awaitNotThenable'
  | 'awaitKeepsBuilder'
  | 'variableNotExecuted'
  | 'variableNotRun'
  | 'addAwait'
  | 'addTerminal'
  | 'removeAwait';

const WRITES = new Set(['write-one', 'write-many']);

export default createRule<Options, MessageId>({
  name: 'no-unexecuted-query',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow lazy queries that are built but never executed, and `await` on query builders that are not promises',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      notExecuted:
        '`{{call}}` is never awaited, so {{orm}} never sends this query{{effect}}. Await it, or return it to a caller that does.',
      notRun:
        '`{{call}}` builds a {{orm}} query and drops it: {{orm}} builders run only through a terminal call such as `{{terminal}}`, so nothing is sent{{effect}}. Call the terminal and await it.',
      awaitNotThenable:
        'Awaiting `{{call}}` sends nothing: {{orm}} builders are not promises, so `await` returns the builder itself. Call `{{terminal}}` and await that.',
      awaitKeepsBuilder:
        '`await` on `{{call}}` does nothing: {{orm}} builders are not promises, so `{{name}}` gets the builder itself, as it would without `await`. Remove the `await`.',
      variableNotExecuted:
        '`{{name}}` holds `{{call}}`, which is never awaited, returned or passed on, so {{orm}} never sends it{{effect}}. Await it, or remove it.',
      variableNotRun:
        '`{{name}}` holds a {{orm}} builder that never reaches a terminal call such as `{{terminal}}`, so nothing is sent{{effect}}. Run it, or remove it.',
      addAwait: 'Add `await`.',
      addTerminal: 'Run it with `{{terminal}}`.',
      removeAwait: 'Remove the `await`.',
    },
    schema: [],
  },
  create(context) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const sourceCode = context.sourceCode;

    return {
      CallExpression(node) {
        const lazy = orm.lazy.lazyQuery(node);
        if (!lazy) return;
        const where = orm.lazy.valueContext(node);
        if (where.kind === 'dropped') reportDropped(node, lazy, where.direct, where.voidNode);
        else if (where.kind === 'awaited' && !lazy.thenable) reportAwaitInert(node, lazy);
      },
      VariableDeclarator(node) {
        const variable = orm.lazy.builderVariable(node);
        if (!variable) return;
        const root = orm.lazy.rootQuery(variable);
        if (variable.origin.kind === 'query' && !variable.exported && !variable.usedInTypes && variable.uses.every((u) => u.kind === 'mutate' || u.kind === 'discard')) {
          reportUnused(variable, root);
        }
        for (const use of variable.uses) {
          if (use.awaitsInert) reportAwaitInert(use.end, root, variable);
        }
      },
    };

    function reportDropped(node: TSESTree.CallExpression, lazy: LazyQuery, direct: boolean, voidNode: TSESTree.UnaryExpression | undefined): void {
      const { query } = lazy;
      const data = { call: query.displayName, orm: orm.module(query.orm).name, effect: effectOf(lazy) };
      const canAwait = orm.lazy.inAsyncFunction(node);
      if (lazy.thenable) {
        const addAwait = (fixer: TSESLint.RuleFixer) => (voidNode ? fixer.replaceTextRange([voidNode.range[0], voidNode.range[0] + 4], 'await') : fixer.insertTextBefore(node, 'await '));
        context.report({
          node,
          messageId: 'notExecuted',
          data,
          ...(canAwait && direct ? { fix: addAwait } : {}),
          ...(canAwait && !direct ? { suggest: [{ messageId: 'addAwait' as const, fix: addAwait }] } : {}),
        });
        return;
      }
      const terminals = terminalsOf(lazy);
      context.report({
        node,
        messageId: 'notRun',
        data: { call: data.call, orm: data.orm, effect: data.effect, terminal: terminals[0] ?? 'execute()' },
        suggest: terminals.map((terminal) => ({
          messageId: 'addTerminal' as const,
          data: { terminal },
          fix: (fixer: TSESLint.RuleFixer) => {
            const fixes = [fixer.insertTextAfter(node, `.${terminal}`)];
            if (canAwait) fixes.push(voidNode ? fixer.replaceTextRange([voidNode.range[0], voidNode.range[0] + 4], 'await') : fixer.insertTextBefore(node, 'await '));
            return fixes;
          },
        })),
      });
    }

    function reportAwaitInert(node: TSESTree.Expression, lazy: LazyQuery, variable?: BuilderVariable): void {
      const terminals = terminalsOf(lazy);
      const call = variable && node.type === AST_NODE_TYPES.Identifier ? node.name : variable ? sourceCode.getText(node).replace(/\s+/g, ' ') : lazy.query.displayName;
      const awaited = orm.lazy.valueContext(node);
      const kept = awaited.kind === 'awaited' && awaited.node.type === AST_NODE_TYPES.AwaitExpression ? keptBuilder(awaited.node, lazy) : undefined;
      if (kept) {
        const awaitNode = kept.awaitNode;
        context.report({
          node,
          messageId: 'awaitKeepsBuilder',
          data: { call: shorten(call), orm: orm.module(lazy.query.orm).name, name: kept.name },
          suggest: sourceCode.getCommentsInside(awaitNode).length > 0 ? [] : [
            {
              messageId: 'removeAwait',
              fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(awaitNode, sourceCode.getText(awaitNode.argument)),
            },
          ],
        });
        return;
      }
      context.report({
        node,
        messageId: 'awaitNotThenable',
        data: { call: shorten(call), orm: orm.module(lazy.query.orm).name, terminal: terminals[0] ?? 'execute()' },
        suggest: terminals.map((terminal) => ({
          messageId: 'addTerminal' as const,
          data: { terminal },
          fix: (fixer: TSESLint.RuleFixer) => fixer.insertTextAfter(node, `.${terminal}`),
        })),
      });
    }

    /** `const qb = await repo.createQueryBuilder()…; qb.andWhere(…)`: the code wants the builder, the `await` is noise. */
    function keptBuilder(awaitNode: TSESTree.AwaitExpression, lazy: LazyQuery): { name: string; awaitNode: TSESTree.AwaitExpression } | undefined {
      const declared = orm.lazy.valueContext(awaitNode);
      if (declared.kind !== 'declared' || declared.declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = sourceCode.getDeclaredVariables(declared.declarator)[0];
      const builderUse = variable?.references.some((ref) => {
        const member = ref.identifier.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier || member.property.type !== AST_NODE_TYPES.Identifier) return false;
        const name = member.property.name;
        return lazy.model.builderMethods.has(name) || lazy.model.executeMethods.has(name);
      });
      return builderUse ? { name: declared.declarator.id.name, awaitNode } : undefined;
    }

    function reportUnused(variable: BuilderVariable, lazy: LazyQuery): void {
      const { query } = lazy;
      const name = variable.name;
      const call = query.displayName;
      const ormName = orm.module(query.orm).name;
      const effect = effectOf(lazy);
      if (lazy.thenable) {
        context.report({ node: query.node, messageId: 'variableNotExecuted', data: { name, call, orm: ormName, effect } });
      } else {
        context.report({ node: query.node, messageId: 'variableNotRun', data: { name, orm: ormName, effect, terminal: terminalsOf(lazy)[0] ?? 'execute()' } });
      }
    }
  },
});

function effectOf(lazy: LazyQuery): string {
  return WRITES.has(lazy.query.operation) ? ', and nothing is written' : '';
}

function terminalsOf(lazy: LazyQuery): readonly string[] {
  const terminals = lazy.model.terminalsFor?.(lazy.query, lazy.query.chain);
  return terminals && terminals.length > 0 ? terminals : ['execute()'];
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
