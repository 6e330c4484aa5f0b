import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type ExistsRewrite } from '../analyzer/index.js';
import { flowFix, meaningfulUses, precedenceOf, type Precedence, type UseEdit, guarded } from '../analyzer/row-fixes.js';

type Options = [{ ignoreModels: string[]; checkSingleRowReads: boolean }];
type MessageId = 'rowsToTest' | 'countToTest' | 'overfetchToTest' | 'rowToTest' | 'useExists';

export default createRule<Options, MessageId>({
  name: 'prefer-exists',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an existence query instead of fetching or counting rows only to test whether there are any',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      rowsToTest:
        '`{{call}}` transfers every matching row only to test whether there are any. Ask the database for at most one ({{orm}}: `{{hint}}`).',
      countToTest:
        '`{{call}}` counts every matching row only to test whether there are any. Stop at the first match instead ({{orm}}: `{{hint}}`).',
      overfetchToTest:
        '`{{call}}` fetches every matching row (it adds no `LIMIT`) only to test whether one exists. Ask the database for at most one ({{orm}}: `{{hint}}`).',
      rowToTest: '`{{call}}` fetches a whole row only to test whether it exists. Ask for the key alone ({{orm}}: `{{hint}}`).',
      useExists: 'Test for existence in the database{{note}}.',
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
            description: 'Models/tables whose rows may be fetched only to test whether there are any.',
          },
          checkSingleRowReads: {
            type: 'boolean',
            description:
              'Also report one-row reads that already stop at one row (`findFirst`, `findOne`) when the row is only tested for existence: they still transfer every column.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreModels: [], checkSingleRowReads: false }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const ignored = new Set(options.ignoreModels);

    return {
      CallExpression: guarded((node: TSESTree.CallExpression) => {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || query.execution === 'inert') return;
        if (query.model !== undefined && ignored.has(query.model)) return;
        const flow = orm.rowUses(query);
        if (!flow) return;
        const uses = meaningfulUses(flow);
        if (uses.length === 0 || !uses.every((u) => u.kind === 'emptiness')) return;
        const mod = orm.module(query.orm);
        const request = orm.rewriteRequest(query);
        const shape = mod.fetchShape?.(request);
        let messageId: MessageId;
        if (flow.shape === 'rows' && query.operation === 'read-many') {
          // Already bounded (`limit(1)`, `take: 5`): a few rows at most.
          if (shape?.paged) return;
          messageId = 'rowsToTest';
        }
        else if (flow.shape === 'number' && query.operation === 'count') {
          if (shape?.existsForm) return;
          messageId = 'countToTest';
        } else if (flow.shape === 'row' && query.operation === 'read-one') {
          if (shape?.overfetches) messageId = 'overfetchToTest';
          else if (options.checkSingleRowReads && shape?.wholeRows && !shape.existsForm && !shape.opaque) messageId = 'rowToTest';
          else return;
        } else return;

        const rewrite = mod.existsRewrite?.(request);
        const plan = rewrite && !flow.uses.some((u) => u.kind === 'nullcheck') ? editsFor(flow.shape, uses, rewrite) : undefined;
        const fix = plan && flowFix(context.sourceCode, flow, rewrite!.text, precedenceOf(rewrite!.text), plan.edits, rewrite!.imports);
        const suggestion = fix && { messageId: 'useExists' as const, data: { note: rewrite!.caveat ? ` (${rewrite!.caveat})` : '' }, fix: fix.fix };
        context.report({
          node: query.node,
          messageId,
          data: { call: query.displayName, orm: mod.name, hint: mod.rowHints?.exists ?? 'EXISTS' },
          ...(fix && plan.exact && !fix.losesComments ? { fix: fix.fix } : suggestion ? { suggest: [suggestion] } : {}),
        });
      }),
    };
  },
});

/**
 * How each emptiness test reads once the query yields `rewrite.absent` when nothing matches. Tests on
 * truthiness stay as they are (an object is truthy, `null`/`undefined`/`false` are not); comparisons are
 * rewritten to the new sentinel.
 */
function editsFor(
  shape: 'rows' | 'row' | 'number',
  uses: ReturnType<typeof meaningfulUses>,
  rewrite: ExistsRewrite,
): { edits: UseEdit[]; exact: boolean } {
  let exact = rewrite.exact;
  const edits: UseEdit[] = [];
  // `rows.length > 0` still holds on the same query with `.limit(1)`.
  if (shape === 'rows' && rewrite.absent === 'empty') return { edits, exact };
  for (const use of uses) {
    // `user === undefined` on a query that yields `null`: the test was always false; the rewrite would change that.
    if (use.sentinel !== undefined && use.sentinel !== 'any' && use.sentinel !== rewrite.sourceAbsent) exact = false;
    if (use.truthy && rewrite.absent !== 'empty') {
      edits.push({ node: use.node, text: (ref) => ref, precedence: 'primary' });
      continue;
    }
    const [text, precedence] = presence(rewrite.absent, use.present ?? true);
    edits.push({ node: use.node, text, precedence });
  }
  return { edits, exact };
}

function presence(absent: ExistsRewrite['absent'], present: boolean): [(ref: string) => string, Precedence] {
  switch (absent) {
    case 'false':
      return present ? [(ref) => ref, 'primary'] : [(ref) => `!${ref}`, 'unary'];
    case 'null':
    case 'undefined':
      return [(ref) => `${ref} ${present ? '!==' : '==='} ${absent}`, 'binary'];
    case 'empty':
      return [(ref) => `${ref}.length ${present ? '> 0' : '=== 0'}`, 'binary'];
  }
}
