import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type Refinement, type RowUse } from '../analyzer/index.js';
import { comparatorOf, comparesRowToRow, computesInJavaScript, hoistable, predicateOf, repeatsRelativeTo } from '../analyzer/dataflow.js';
import { flowFix, meaningfulUses, precedenceOf, type Precedence, guarded } from '../analyzer/row-fixes.js';

type Options = [{ ignoreModels: string[] }];
type MessageId = 'inMemory' | 'firstOnly' | 'useQuery';

export default createRule<Options, MessageId>({
  name: 'no-in-memory-filter',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow filtering, searching, sorting, slicing or deduplicating query results in JavaScript when the query could',
      recommended: 'strict',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      inMemory:
        '`{{call}}` transfers every matching row, then `{{method}}` {{action}} in JavaScript. Let the database do it ({{orm}}: `{{hint}}`).',
      firstOnly:
        '`{{call}}` transfers every matching row, but only the first one is used. Ask the database for one row ({{orm}}: `{{hint}}`).',
      useQuery: 'Move it into the query{{note}}.',
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
            description: 'Models/tables whose rows may be filtered or sorted in memory (for example a small, cached lookup table).',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreModels: [] }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const ignored = new Set(options.ignoreModels);
    const sourceCode = context.sourceCode;

    return {
      CallExpression: guarded((node: TSESTree.CallExpression) => {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || query.execution === 'inert' || query.operation !== 'read-many') return;
        if (query.model !== undefined && ignored.has(query.model)) return;
        const flow = orm.rowUses(query);
        if (flow?.shape !== 'rows') return;
        const uses = meaningfulUses(flow);
        if (uses.length === 0) return;
        const mod = orm.module(query.orm);
        const request = orm.rewriteRequest(query);
        const shape = mod.fetchShape?.(request);
        // A page filtered or sorted in memory is not the same as a filtered or sorted page; options the
        // analyzer cannot read (`findAll({ ...options })`) may page.
        if (!shape || shape.paged || shape.grouped || shape.opaque) return;
        const data = { call: query.displayName, orm: mod.name, hint: mod.rowHints?.filter ?? 'WHERE / ORDER BY / LIMIT' };

        // Only the first row is used, of rows the query orders: `LIMIT 1`.
        if (uses.every((u) => u.kind === 'index' && u.index === 0)) {
          if (!shape.ordered) return; // `const [user] = await …where(id = ?)`: a unique lookup, one row anyway
          const rewrite = mod.refineRewrite?.(request, { kind: 'take', count: '1' });
          const fix = rewrite && flowFix(sourceCode, flow, rewrite.text, precedenceOf(rewrite.text), [], rewrite.imports);
          context.report({ node: query.node, messageId: 'firstOnly', data: { call: data.call, orm: data.orm, hint: data.hint }, ...outcome(rewrite?.exact ?? false, fix) });
          return;
        }
        if (uses.length !== 1) return;
        const use = uses[0]!;
        const described = describe(use);
        // Run once per item of a loop or callback (grouping one batch per item), the step is a lookup, not a filter.
        if (!described || repeatsRelativeTo(use.node, query.node)) return;
        // A condition between two columns of the row (or an aggregate and a column) is not a plain filter.
        if ((use.kind === 'filter' || use.kind === 'find' || use.kind === 'some') && use.callback && comparesRowToRow(sourceCode, use.callback)) return;
        // `ids.indexOf(a.id)` (the caller's order), `JSON.parse(row.event)`: steps the query cannot take over.
        if ((use.kind === 'filter' || use.kind === 'find' || use.kind === 'some' || use.kind === 'sort') && use.callback && computesInJavaScript(use.callback)) return;
        const step = use.callback || use.kind === 'slice' ? refinementOf(use, query.node) : undefined;
        const rewrite = step && !shape.opaque ? mod.refineRewrite?.(request, step.refinement) : undefined;
        const fix = rewrite && step && flowFix(sourceCode, flow, rewrite.text, precedenceOf(rewrite.text), [{ node: use.node, text: step.replace, precedence: step.precedence }], rewrite.imports);
        context.report({ node: use.node, messageId: 'inMemory', data: { call: data.call, orm: data.orm, hint: data.hint, method: described.method, action: described.action }, ...outcome(rewrite?.exact ?? false, fix) });

        function refinementOf(u: RowUse, before: TSESTree.Node): { refinement: Refinement; replace: (ref: string) => string; precedence: Precedence } | undefined {
          const callback = u.callback;
          switch (u.method) {
            case 'filter':
            case 'find':
            case 'some': {
              const predicate = callback && predicateOf(sourceCode, callback, before);
              if (!predicate) return undefined;
              if (u.method === 'filter') return { refinement: predicate, replace: (ref) => ref, precedence: 'primary' };
              if (u.method === 'find') return { refinement: predicate, replace: (ref) => `${ref}[0]`, precedence: 'primary' };
              return { refinement: predicate, replace: (ref) => `${ref}.length > 0`, precedence: 'binary' };
            }
            case 'sort':
            case 'toSorted': {
              const order = callback && comparatorOf(callback);
              return order ? { refinement: { kind: 'order', ...order }, replace: (ref) => ref, precedence: 'primary' } : undefined;
            }
            case 'slice': {
              const call = u.node as TSESTree.CallExpression;
              const [start, end] = call.arguments;
              if (!isZero(start) || !end || end.type === AST_NODE_TYPES.SpreadElement || !hoistable(sourceCode, end, call, before)) return undefined;
              return { refinement: { kind: 'take', count: sourceCode.getText(end) }, replace: (ref) => ref, precedence: 'primary' };
            }
            default:
              return undefined;
          }
        }

        function outcome(exact: boolean, fix: ReturnType<typeof flowFix>) {
          if (!fix) return {};
          if (exact && !fix.losesComments) return { fix: fix.fix };
          return { suggest: [{ messageId: 'useQuery' as const, data: { note: exact ? '' : ' (check that the database compares and orders values as JavaScript did)' }, fix: fix.fix }] };
        }
      }),
    };
  },
});

/** What the in-memory step does, for the message; undefined for uses that are not such a step. */
function describe(use: RowUse): { method: string; action: string } | undefined {
  switch (use.kind) {
    case 'filter':
      return { method: '.filter()', action: 'discards some of them' };
    case 'find':
      return { method: `.${use.method ?? 'find'}()`, action: 'searches them for one' };
    case 'some':
      return { method: `.${use.method ?? 'some'}()`, action: 'tests them one by one' };
    case 'sort':
      return { method: `.${use.method ?? 'sort'}()`, action: 'sorts them' };
    case 'slice': {
      if (use.method !== 'slice') return undefined;
      const call = use.node as TSESTree.CallExpression;
      return isZero(call.arguments[0]) && call.arguments.length === 2 ? { method: '.slice()', action: 'keeps the first few' } : undefined;
    }
    case 'map':
    case 'map-field':
      return use.dedupe ? { method: 'new Set()', action: 'deduplicates them' } : undefined;
    default:
      return undefined;
  }
}

function isZero(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === 0;
}
