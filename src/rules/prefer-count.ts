import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis } from '../analyzer/index.js';
import { flowFix, lengthMember, type UseEdit, guarded } from '../analyzer/row-fixes.js';

type Options = [{ ignoreModels: string[] }];
type MessageId = 'fetchToCount' | 'useCount';

export default createRule<Options, MessageId>({
  name: 'prefer-count',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require counting rows in the database instead of fetching them to read their number',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      fetchToCount:
        '`{{call}}` transfers every matching row only to read `.length`. Count them in the database instead ({{orm}}: `{{hint}}`).',
      useCount: 'Count the rows in the database{{note}}.',
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
            description: 'Models/tables whose rows may be fetched and counted in memory (for example a table known to stay tiny).',
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

    return {
      CallExpression: guarded((node: TSESTree.CallExpression) => {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || query.execution === 'inert' || query.operation !== 'read-many') return;
        if (query.model !== undefined && ignored.has(query.model)) return;
        const flow = orm.rowUses(query);
        if (flow?.shape !== 'rows' || flow.uses.length === 0) return;
        // Only the number of rows is used; a test that only asks "any?" is prefer-exists' business.
        if (!flow.uses.every((u) => u.kind === 'length' || u.kind === 'emptiness')) return;
        if (!flow.uses.some((u) => u.kind === 'length')) return;
        const mod = orm.module(query.orm);
        const rewrite = mod.countRewrite?.(orm.rewriteRequest(query));
        const edits: UseEdit[] = [];
        for (const use of flow.uses) {
          const member = lengthMember(use);
          if (!member) {
            edits.length = 0;
            break;
          }
          edits.push({ node: member, text: (ref) => ref, precedence: 'primary' });
        }
        const fix = rewrite && edits.length === flow.uses.length ? flowFix(context.sourceCode, flow, rewrite.text, 'unary', edits, rewrite.imports) : undefined;
        const suggestion = fix && { messageId: 'useCount' as const, data: { note: rewrite!.caveat ? ` (${rewrite!.caveat})` : '' }, fix: fix.fix };
        context.report({
          node: query.node,
          messageId: 'fetchToCount',
          data: { call: query.displayName, orm: mod.name, hint: mod.rowHints?.count ?? 'COUNT(*)' },
          ...(fix && rewrite!.exact && !fix.losesComments ? { fix: fix.fix } : suggestion ? { suggest: [suggestion] } : {}),
        });
      }),
    };
  },
});
