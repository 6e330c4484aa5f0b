import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type QueryCall } from '../analyzer/index.js';
import { isOnlyTested, rowsOnlyDeleted, staticNumber } from '../analyzer/query-shape.js';

type Options = [{ uniqueColumns: string[]; checkSingleRowLookups: boolean }];
type MessageId = 'unorderedLimit' | 'unorderedFirst' | 'addOrdering';

const READS = new Set(['read-one', 'read-many']);

export default createRule<Options, MessageId>({
  name: 'no-unordered-limit',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow limiting rows (`take`, `limit`, `findFirst`, `first()`) without an ordering',
      recommended: 'recommended',
      strictOptions: [{ checkSingleRowLookups: true }],
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
              'Columns that identify one row besides the primary key: `email`, `Model.column` for one model (`User.username`), `a+b` for a composite key (`TeamUser.teamId+userId`). A query comparing them by equality returns at most one row and needs no order. Replaces the default list.',
          },
          checkSingleRowLookups: {
            type: 'boolean',
            description:
              'Also report one-row reads (`findFirst`, `findOne`, `findOneBy`, `.first()`, `getOne`, `executeTakeFirst`, `take: 1`) whose filter is not a known unique key. Off by default: most of them filter on a column the schema declares unique, which the rule cannot see; on in the `strict` preset.',
          },
        },
      },
    ],
    // Names that are unique in nearly every schema; `[]` checks lookups by them too.
    defaultOptions: [{ uniqueColumns: ['email', 'username', 'slug', 'uuid'], checkSingleRowLookups: false }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const unique = [...options.uniqueColumns, ...orm.settings.uniqueColumns];

    /** Whether the equality-compared `columns` identify one row of `query`'s model. */
    const isUniqueFilter = (columns: readonly string[], query: QueryCall, primaryKey: string): boolean => {
      if (columns.some((column) => column === primaryKey || column === 'id' || column === '_id')) return true;
      const model = query.model?.toLowerCase();
      // `gitlab.gitlabId`, `projects.projectId`: a table's own `<table>Id` column is, by convention, its key.
      if (model !== undefined && columns.some((column) => isOwnIdColumn(column, model))) return true;
      return unique.some((entry) => {
        const dot = entry.lastIndexOf('.');
        if (dot !== -1 && (model === undefined || entry.slice(0, dot).toLowerCase() !== model)) return false;
        // `teamId+userId`: a composite key, every part compared.
        return entry
          .slice(dot + 1)
          .split('+')
          .every((part) => columns.includes(part.trim()));
      });
    };

    return {
      CallExpression(node) {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || !READS.has(query.operation) || query.execution === 'inert') return;
        const shape = orm.shapeOf(query);
        const limit = shape?.limit;
        if (!shape || !limit || shape.ordered || shape.uniqueMethod) return;
        const oneRow = limit.value === undefined || staticNumber(context.sourceCode, limit.value) === 1;
        const equalities = shape.equalities;
        // The schema's unique keys, when type information has them (Prisma `WhereUniqueInput`).
        const typedKeys = equalities ? orm.uniqueKeysOf(query) : undefined;
        if (equalities && typedKeys?.some((key) => key.every((column) => equalities.includes(column)))) return;
        // `findFirst`, `.first()`, `take: 1`: one-row lookups, most of them by a column the schema makes unique.
        // Checked with the option, or when the types show that the filter is not a unique key.
        if (oneRow && !options.checkSingleRowLookups && typedKeys === undefined) return;
        const mod = orm.module(query.orm);
        const primaryKey = mod.primaryKey ?? 'id';
        if (equalities && isUniqueFilter(equalities, query, primaryKey)) return;
        // A one-row lookup whose filter is not visible (`where: whereInput`) is most often built around a key.
        if (oneRow && shape.equalities === undefined) return;
        // `take: 1` existence checks: only whether a row exists is read, and any row answers that.
        if (oneRow && isOnlyTested(context.sourceCode, query.node)) return;
        // A batch taken only to be deleted: every row goes in turn, whichever comes first.
        if (rowsOnlyDeleted(orm, query)) return;
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

/** Whether `column` is `<model>Id` / `<model>_id` for the model or table `model` (lower case; plural table names too). */
function isOwnIdColumn(column: string, model: string): boolean {
  const match = /^(.+?)_?id$/i.exec(column);
  if (!match) return false;
  const stem = match[1]!.toLowerCase();
  const name = model.replace(/_/g, '');
  const bare = stem.replace(/_/g, '');
  return bare === name || `${bare}s` === name || `${bare}es` === name || (bare.endsWith('y') && `${bare.slice(0, -1)}ies` === name);
}
