import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type QueryCall } from '../analyzer/index.js';
import { isOnlyTested, staticNumber } from '../analyzer/query-shape.js';

type Options = [{ uniqueColumns: string[] }];
type MessageId = 'unorderedLimit' | 'unorderedFirst' | 'addOrdering';

const READS = new Set(['read-one', 'read-many']);

export default createRule<Options, MessageId>({
  name: 'no-unordered-limit',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow limiting rows (`take`, `limit`, `findFirst`, `first()`) without an ordering',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      unorderedLimit:
        '`{{call}}` limits the rows with `{{clause}}` but sets no order: the database returns whichever rows it reaches first, and pages can repeat or skip rows. Order by columns that end in a unique one.',
      unorderedFirst:
        '`{{call}}` takes the first matching row with `{{clause}}` but sets no order: when several rows match, which one comes back is arbitrary. Order the rows, or filter by a unique key.',
      addOrdering: 'Order by the primary key `{{column}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          uniqueColumns: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Columns that identify one row besides the primary key (`email`), or `Model.column` for one model (`User.username`). A query filtering one of them by equality returns at most one row and needs no order.',
          },
        },
      },
    ],
    defaultOptions: [{ uniqueColumns: [] }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const unique = [...options.uniqueColumns, ...orm.settings.uniqueColumns];

    /** Whether `column` identifies one row of `query`'s model. */
    const isUnique = (column: string, query: QueryCall, primaryKey: string): boolean => {
      if (column === primaryKey || column === 'id' || column === '_id') return true;
      const model = query.model?.toLowerCase();
      return unique.some((entry) => {
        const dot = entry.lastIndexOf('.');
        if (dot === -1) return entry === column;
        return entry.slice(dot + 1) === column && model !== undefined && entry.slice(0, dot).toLowerCase() === model;
      });
    };

    return {
      CallExpression(node) {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || !READS.has(query.operation) || query.execution === 'inert') return;
        const shape = orm.shapeOf(query);
        const limit = shape?.limit;
        if (!shape || !limit || shape.ordered || shape.uniqueMethod) return;
        const mod = orm.module(query.orm);
        const primaryKey = mod.primaryKey ?? 'id';
        if (shape.equalities?.some((column) => isUnique(column, query, primaryKey))) return;
        const oneRow = limit.value === undefined || staticNumber(context.sourceCode, limit.value) === 1;
        // `take: 1` existence checks: only whether a row exists is read, and any row answers that.
        if (oneRow && isOnlyTested(context.sourceCode, query.node)) return;
        const splices = shape.addOrdering?.(primaryKey);
        const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = splices
          ? [
              {
                messageId: 'addOrdering',
                data: { column: primaryKey },
                fix: (fixer) => splices.map((s) => fixer.replaceTextRange([s.range[0], s.range[1]], s.text)),
              },
            ]
          : [];
        context.report({
          node: limit.node,
          messageId: limit.value === undefined ? 'unorderedFirst' : 'unorderedLimit',
          data: { call: query.displayName, clause: limit.label },
          suggest,
        });
      },
    };
  },
});
