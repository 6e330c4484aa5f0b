import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type BuilderUse, type BuilderVariable } from '../analyzer/index.js';

type Options = [];
type MessageId =
  | 'executedTwice'
  | 'executedTwiceThrows'
  | 'sharedBuilder'
  | 'reshapedBuilder'
  | 'sharedModuleBuilder'
  | 'sharedModuleQuery'
  | 'changedAfterRun'
  | 'changedAfterPass'
  | 'discardedResult'
  | 'useFirstResult'
  | 'useClone'
  | 'assignResult';

export default createRule<Options, MessageId>({
  name: 'no-query-reuse',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow running one query object twice, sharing a mutable query builder between queries, and discarding immutable builder results',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      executedTwice:
        '`{{name}}` already ran on line {{line}}, and {{orm}} sends the same query again here: one more round trip for the same rows. Reuse the first result.',
      executedTwiceThrows:
        '`{{name}}` already ran on line {{line}}, and {{orm}} throws when the same query object runs twice. Reuse the first result, or run a copy made with `{{name}}.{{clone}}()`.',
      sharedBuilder:
        '`{{other}}` (line {{line}}) is `{{name}}` itself, not a copy ({{orm}} builders change in place): `.{{method}}()` here changes that query too. {{remedy}}',
      reshapedBuilder:
        '`.{{reshape}}()` on line {{line}} changed `{{name}}` in place (a mutable {{orm}} builder), and this query starts from that changed builder. {{remedy}}',
      sharedModuleBuilder:
        '`{{name}}` is one mutable {{orm}} builder shared by every call, and `.{{method}}()` changes it in place: each call adds to the same query. {{remedy}}',
      sharedModuleQuery:
        '`{{name}}` is one {{orm}} query object shared by every call, and {{orm}} runs a query object only once: the second call throws. Build it inside the function, or run `{{name}}.{{clone}}()`.',
      changedAfterRun:
        '`{{name}}` already ran on line {{line}}, and {{orm}} throws when a builder is changed after it ran. Run a copy made with `{{name}}.{{clone}}()` there.',
      changedAfterPass:
        '`{{name}}` went into `{{consumer}}` on line {{line}} and is changed here: that query holds the same mutable {{orm}} builder, so it changes too. {{remedy}}',
      discardedResult:
        '`{{name}}.{{method}}()` returns a new {{orm}} builder and leaves `{{name}}` as it was, so this call does nothing. Assign the result.',
      useFirstResult: 'Use `{{result}}` from line {{line}}.',
      useClone: 'Use a copy: `{{name}}.{{clone}}()`.',
      assignResult: 'Assign it back to `{{name}}`.',
    },
    schema: [],
  },
  create(context) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const sourceCode = context.sourceCode;

    return {
      VariableDeclarator(node) {
        const variable = orm.lazy.builderVariable(node);
        if (!variable) return;
        const reported = new Set<TSESTree.Node>();
        const report = (descriptor: TSESLint.ReportDescriptor<MessageId> & { node: TSESTree.Node }): void => {
          if (reported.has(descriptor.node)) return;
          reported.add(descriptor.node);
          context.report(descriptor);
        };
        checkDiscarded(variable, report);
        checkExecutedTwice(variable, report);
        if (variable.model.builder === 'mutable') {
          checkChangedAfterRun(variable, report);
          checkShared(variable, report);
          checkReshaped(variable, report);
          checkModuleLevel(variable, report);
          checkChangedAfterPass(variable, report);
        }
      },
    };

    type Report = (descriptor: TSESLint.ReportDescriptor<MessageId> & { node: TSESTree.Node }) => void;

    function base(variable: BuilderVariable) {
      const clone = variable.model.cloneMethod;
      const ormName = orm.module(variable.orm).name;
      return {
        name: variable.name,
        orm: ormName,
        clone: clone ?? 'clone',
        remedy: clone
          ? `Start each query from a copy: \`${variable.name}.${clone}()\`.`
          : `Build each query from scratch: ${ormName} builders cannot be copied.`,
      };
    }

    /** A suggestion inserting `.clone()` after the variable at `use`. */
    function cloneAt(variable: BuilderVariable, use: BuilderUse): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const clone = variable.model.cloneMethod;
      if (!clone) return [];
      return [{ messageId: 'useClone', data: { name: variable.name, clone }, fix: (fixer) => fixer.insertTextAfter(use.ref, `.${clone}()`) }];
    }

    function checkDiscarded(variable: BuilderVariable, report: Report): void {
      for (const use of variable.uses) {
        if (use.kind !== 'discard') continue;
        const sameType = use.methods.every((m) => variable.model.sameTypeMethods?.has(m) === true);
        const direct = use.context.kind === 'dropped' && use.context.direct;
        const assignable = variable.declarationKind === 'let' || variable.declarationKind === 'var';
        report({
          node: use.end,
          messageId: 'discardedResult',
          data: { ...base(variable), method: use.methods[0]! },
          suggest:
            sameType && direct && assignable
              ? [{ messageId: 'assignResult', data: { name: variable.name }, fix: (fixer) => fixer.insertTextBefore(use.end, `${variable.name} = `) }]
              : [],
        });
      }
    }

    function checkExecutedTwice(variable: BuilderVariable, report: Report): void {
      const { model } = variable;
      if (model.reexecution === 'memoised') return;
      const executions = variable.uses.filter((u) => u.executes);
      for (let j = 1; j < executions.length; j++) {
        const second = executions[j]!;
        const first = executions
          .slice(0, j)
          .reverse()
          .find((u) => orm.lazy.runsBefore(u.end, second.end) && !(model.reexecution === 'throws' && runsCopy(variable, u)));
        if (!first) continue;
        const data = { ...base(variable), line: String(first.end.loc.start.line) };
        if (model.reexecution === 'throws') {
          // Running a copy the first time leaves the query unexecuted (and unchanged) for the second run.
          report({ node: second.end, messageId: 'executedTwiceThrows', data, suggest: [...reuseFirst(first, second), ...cloneAt(variable, first)] });
          continue;
        }
        if (first.kind !== 'execute' || second.kind !== 'execute' || executionKey(first) !== executionKey(second)) continue;
        const between = variable.uses.filter((u) => u.ref.range[0] > first.end.range[1] && u.ref.range[0] < second.ref.range[0]);
        if (between.some((u) => u.kind !== 'execute' && u.kind !== 'clone' && u.kind !== 'value' && !u.awaitsInert)) continue;
        report({ node: second.end, messageId: 'executedTwice', data, suggest: reuseFirst(first, second) });
      }
    }

    /** `const rows = await q; … await q` → use `rows`. */
    function reuseFirst(first: BuilderUse, second: BuilderUse): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (executionKey(first) !== executionKey(second)) return [];
      const firstAwait = first.context.kind === 'awaited' && first.context.node.type === AST_NODE_TYPES.AwaitExpression ? first.context.node : undefined;
      const secondAwait = second.context.kind === 'awaited' && second.context.node.type === AST_NODE_TYPES.AwaitExpression ? second.context.node : undefined;
      if (!firstAwait || !secondAwait) return [];
      const declared = orm.lazy.valueContext(firstAwait);
      if (declared.kind !== 'declared' || declared.declarator.id.type !== AST_NODE_TYPES.Identifier || declared.declarator.parent.kind !== 'const') return [];
      const resultName = declared.declarator.id.name;
      const resultVariable = sourceCode.getDeclaredVariables(declared.declarator)[0];
      if (!resultVariable || ASTUtils.findVariable(sourceCode.getScope(secondAwait), resultName) !== resultVariable) return [];
      if (resultVariable.references.some((r) => r.identifier.range[0] < declared.declarator.range[1] && r.identifier !== declared.declarator.id)) return [];
      return [
        {
          messageId: 'useFirstResult',
          data: { result: resultName, line: String(firstAwait.loc.start.line) },
          fix: (fixer) => fixer.replaceText(secondAwait, resultName),
        },
      ];
    }

    function checkChangedAfterRun(variable: BuilderVariable, report: Report): void {
      const { model } = variable;
      if (!model.frozenAfterRun) return;
      for (const use of variable.uses) {
        if (use.kind !== 'derive' && use.kind !== 'mutate') continue;
        const ran = variable.uses.find((u) => u !== use && u.executes && !runsCopy(variable, u) && orm.lazy.runsBefore(u.end, use.ref));
        if (!ran) continue;
        // Running a copy leaves the builder open for the change.
        report({ node: use.calls[0] ?? use.end, messageId: 'changedAfterRun', data: { ...base(variable), line: String(ran.end.loc.start.line) }, suggest: cloneAt(variable, ran) });
      }
    }

    /** Two live names for one mutable builder: `const a = q.where(x); const b = q.where(y); run(a)`. */
    function checkShared(variable: BuilderVariable, report: Report): void {
      const { uses } = variable;
      for (let i = 0; i < uses.length; i++) {
        const first = uses[i]!;
        if (first.kind !== 'derive' || (first.executes && !awaitedTogether(first))) continue;
        const derived = first.context.kind === 'declared' ? orm.lazy.builderVariable(first.context.declarator) : undefined;
        for (const later of uses.slice(i + 1)) {
          if (later.kind !== 'derive' && later.kind !== 'execute' && later.kind !== 'mutate') continue;
          const siblings = later.kind === 'derive' && sameGroup(first, later);
          const stillUsed =
            derived !== undefined &&
            orm.lazy.runsBefore(first.end, later.ref) &&
            derived.uses.some((u) => u.ref.range[0] > later.end.range[1] && orm.lazy.enclosingFunction(u.ref) === orm.lazy.enclosingFunction(later.ref));
          if (!siblings && !stillUsed) continue;
          const other = derived?.name ?? sourceCode.getText(first.end).replace(/\s+/g, ' ');
          report({
            node: later.end,
            messageId: 'sharedBuilder',
            data: { ...base(variable), other: shorten(other), line: String(first.end.loc.start.line), method: later.methods[0] ?? 'then' },
            suggest: cloneAt(variable, first),
          });
          break;
        }
      }
    }

    function checkReshaped(variable: BuilderVariable, report: Report): void {
      const { uses } = variable;
      for (let i = 0; i < uses.length; i++) {
        const first = uses[i]!;
        if (first.kind !== 'derive' || first.reshape === undefined) continue;
        const later = uses.slice(i + 1).find((u) => (u.kind === 'derive' || u.kind === 'execute') && orm.lazy.runsBefore(first.end, u.ref));
        if (!later) continue;
        report({
          node: later.end,
          messageId: 'reshapedBuilder',
          data: { ...base(variable), reshape: first.reshape, line: String(first.end.loc.start.line) },
          suggest: cloneAt(variable, first),
        });
      }
    }

    function checkModuleLevel(variable: BuilderVariable, report: Report): void {
      if (!variable.moduleLevel || variable.origin.kind !== 'query') return;
      for (const use of variable.uses) {
        if (orm.lazy.enclosingFunction(use.ref).type === AST_NODE_TYPES.Program) continue;
        if (use.kind === 'derive' || use.kind === 'mutate') {
          report({ node: use.calls[0] ?? use.end, messageId: 'sharedModuleBuilder', data: { ...base(variable), method: use.methods[0]! }, suggest: cloneAt(variable, use) });
        } else if (use.executes && variable.model.reexecution === 'throws') {
          report({ node: use.end, messageId: 'sharedModuleQuery', data: base(variable), suggest: cloneAt(variable, use) });
        }
      }
    }

    /** `outer.whereIn('id', sub); sub.where(…)`: the subquery changes inside the outer query too. */
    function checkChangedAfterPass(variable: BuilderVariable, report: Report): void {
      const { uses, model } = variable;
      for (const pass of uses) {
        if (pass.kind !== 'pass' || pass.context.kind !== 'passed' || pass.context.inArray) continue;
        const callee = pass.context.call.callee;
        const consumer = callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
        if (consumer === undefined || !model.builderMethods.has(consumer)) continue;
        const later = uses.find((u) => (u.kind === 'mutate' || u.kind === 'derive') && orm.lazy.runsBefore(pass.end, u.ref));
        if (!later) continue;
        report({
          node: later.calls[0] ?? later.end,
          messageId: 'changedAfterPass',
          data: { ...base(variable), consumer: `.${consumer}()`, line: String(pass.end.loc.start.line) },
          suggest: cloneAt(variable, pass),
        });
      }
    }
  },
});

/** Whether a use runs through a method that leaves the builder as it was (a copy, a cursor). */
function runsCopy(variable: BuilderVariable, use: BuilderUse): boolean {
  return use.executesBy === 'method' && variable.model.copyingExecuteMethods?.has(use.methods[use.methods.length - 1] ?? '') === true;
}

/** Executions that return the same thing: `await q` and `q.then()`, or the same terminal twice. */
function executionKey(use: BuilderUse): string {
  const method = use.methods[0];
  return method === undefined || method === 'then' || method === 'catch' || method === 'finally' ? 'then' : method;
}

/** Whether a derived query is only sent by a `Promise.all([...])` around it (not by its own chain). */
function awaitedTogether(use: BuilderUse): boolean {
  return use.executesBy === 'await' && use.context.kind === 'awaited' && use.context.node.type === AST_NODE_TYPES.CallExpression;
}

/** Two derived queries built side by side (elements of one array or arguments of one call) before either runs. */
function sameGroup(a: BuilderUse, b: BuilderUse): boolean {
  if (a.kind !== 'derive' || b.kind !== 'derive') return false;
  const groupOf = (use: BuilderUse): TSESTree.Node | undefined => {
    if (use.executes && !awaitedTogether(use)) return undefined;
    let node: TSESTree.Node = use.end;
    while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) node = node.parent;
    const parent = node.parent;
    return parent?.type === AST_NODE_TYPES.ArrayExpression || parent?.type === AST_NODE_TYPES.CallExpression ? parent : undefined;
  };
  const group = groupOf(a);
  return group !== undefined && group === groupOf(b);
}

function shorten(text: string): string {
  return text.length > 50 ? `${text.slice(0, 47)}…` : text;
}
