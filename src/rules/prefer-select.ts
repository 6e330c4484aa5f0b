import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type RowUse } from '../analyzer/index.js';
import { fieldList, flowFix, meaningfulUses, precedenceOf, guarded } from '../analyzer/row-fixes.js';

type Options = [{ ignoreModels: string[]; checkFieldReads: boolean }];
type MessageId = 'wholeRows' | 'selectFields';

/** Uses that read no field: they do not stop a `.map((r) => r.id)`-only flow from counting as one. */
const FIELDLESS = new Set<RowUse['kind']>(['length', 'emptiness', 'nullcheck']);

export default createRule<Options, MessageId>({
  name: 'prefer-select',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require selecting only the columns the code reads when rows are fetched whole',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      wholeRows:
        '`{{call}}` transfers every column of each row, but only {{fields}} {{verb}} read. Select just {{those}} ({{orm}}: `{{hint}}`).',
      selectFields: 'Fetch only {{fields}}.',
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
            description: 'Models/tables whose rows may be fetched whole.',
          },
          checkFieldReads: {
            type: 'boolean',
            description:
              'Report every query whose rows are only read field by field (loops, callbacks, destructuring, one-row reads), not just `rows.map((row) => row.field)`.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreModels: [], checkFieldReads: false }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const ignored = new Set(options.ignoreModels);

    return {
      CallExpression: guarded((node: TSESTree.CallExpression) => {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || query.execution === 'inert') return;
        if (query.operation !== 'read-many' && query.operation !== 'read-one') return;
        if (query.model !== undefined && ignored.has(query.model)) return;
        const flow = orm.rowUses(query);
        // Rows that are returned, passed on or serialised may be read anywhere: no report.
        if (!flow || flow.escapes || !flow.fields || flow.fields.size === 0 || flow.shape === 'number') return;
        const uses = meaningfulUses(flow);
        const mappedOnly = flow.shape === 'rows' && uses.some((u) => u.kind === 'map-field') && uses.every((u) => u.kind === 'map-field' || FIELDLESS.has(u.kind));
        if (!mappedOnly && !options.checkFieldReads) return;
        const mod = orm.module(query.orm);
        const request = orm.rewriteRequest(query);
        const shape = mod.fetchShape?.(request);
        if (!shape || shape.opaque || !shape.wholeRows) return;
        const fields = [...flow.fields];
        // `row.dataValues`, `doc._doc`, `$query()`: the ORM's own members read the whole row.
        if (fields.some((f) => f.startsWith('$') || mod.rowMembers?.has(f))) return;
        const rewrite = mod.selectRewrite?.(request, fields);
        const fix = rewrite && flowFix(context.sourceCode, flow, rewrite.text, precedenceOf(rewrite.text), [], rewrite.imports);
        const list = fieldList(fields);
        context.report({
          node: query.node,
          messageId: 'wholeRows',
          data: {
            call: query.displayName,
            fields: list,
            verb: fields.length === 1 ? 'is' : 'are',
            those: fields.length === 1 ? 'that column' : 'those columns',
            orm: mod.name,
            hint: mod.rowHints?.select ?? 'SELECT columns',
          },
          ...(fix && { suggest: [{ messageId: 'selectFields' as const, data: { fields: list }, fix: fix.fix }] }),
        });
      }),
    };
  },
});
