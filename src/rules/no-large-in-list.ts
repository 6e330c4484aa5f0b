import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type InList } from '../analyzer/index.js';
import { statementRemovalRange } from '../analyzer/fixes.js';
import { functionOf, listOrigin, readsOf, type ListOrigin } from '../analyzer/query-shape.js';

type Options = [{ maxItems: number }];

const LIST_VALUES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
]);
type MessageId = 'largeInList' | 'inListFromRows' | 'useSubquery';

export default createRule<Options, MessageId>({
  name: 'no-large-in-list',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long literal `IN` lists and `IN` lists built from the rows of another query',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      largeInList:
        '`{{call}}` filters on an IN list of {{count}} literal values (more than {{max}}): long lists are slow to parse and plan, and grow with the code. Join against the table the values come from, or filter on what they have in common.',
      inListFromRows:
        '`{{call}}` filters on an IN list built from the rows of `{{source}}` (line {{line}}): two round trips, and a list as long as that result. Let the database do it in one query ({{orm}}: {{hint}}).',
      useSubquery: 'Use `{{source}}` as a subquery instead of its rows.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxItems: {
            type: 'integer',
            minimum: 1,
            description: 'The longest literal IN list accepted.',
          },
        },
      },
    ],
    defaultOptions: [{ maxItems: 15 }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const sourceCode = context.sourceCode;
    const seen = new Set<TSESTree.Node>();

    const check = (node: TSESTree.CallExpression | TSESTree.Property): void => {
      const site = orm.inListAt(node);
      if (!site || site.evidence === 'name' || seen.has(site.list)) return;
      seen.add(site.list);
      const origin = listOrigin(orm, sourceCode, site.list);
      if (!origin) return;
      const call = site.query?.displayName ?? `${sourceCode.getText(node.type === AST_NODE_TYPES.CallExpression ? node.callee : node.key)}(…)`;
      if (origin.kind === 'literal') {
        if (origin.size > options.maxItems) {
          context.report({ node: site.list, messageId: 'largeInList', data: { call, count: String(origin.size), max: String(options.maxItems) } });
        }
        return;
      }
      const source = origin.query;
      if (source.orm !== site.orm || source.evidence === 'name' || source.node === site.query?.node) return;
      if (functionOf(source.node) !== functionOf(site.list)) return;
      // A bounded page of rows gives a bounded list: loading its related rows by IN is the batched fix for N+1.
      const sourceShape = orm.shapeOf(source);
      if (sourceShape?.opaque || sourceShape?.limit !== undefined) return;
      // One list of keys feeding several statements (delete the children, then the parents) is a snapshot taken
      // on purpose: a subquery would be re-run after the earlier statements changed its rows.
      const listVariable = origin.declarations[0];
      if (listVariable && new Set(readsOf(sourceCode, listVariable).map((ref) => orm.enclosingQuery(ref)?.node).filter(Boolean)).size > 1) return;
      const mod = orm.module(source.orm);
      context.report({
        node: site.list,
        messageId: 'inListFromRows',
        data: { call, source: source.displayName, line: String(source.node.loc.start.line), orm: mod.name, hint: mod.hints.subquery ?? 'a join or a subquery' },
        suggest: subquerySuggestion(site, origin),
      });
    };

    /** Replace the list by the source query as a subquery, and drop the declarations only the list used. */
    const subquerySuggestion = (site: InList, origin: Extract<ListOrigin, { kind: 'rows' }>): TSESLint.SuggestionReportDescriptor<MessageId>[] => {
      if (!site.acceptsSubquery || site.negated || !origin.faithful || origin.field === undefined) return [];
      const text = orm.subqueryOf(origin.query, origin.field);
      if (text === undefined) return [];
      const removed: TSESTree.Node[] = [site.list];
      const statements: TSESTree.Node[] = [];
      for (const declarator of origin.declarations) {
        const statement = declarator.parent;
        if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) break;
        if (statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) break;
        if (sourceCode.getCommentsInside(statement).length > 0) break;
        if (!readsOf(sourceCode, declarator).every((ref) => removed.some((r) => ref.range[0] >= r.range[0] && ref.range[1] <= r.range[1]))) break;
        removed.push(declarator);
        statements.push(statement);
      }
      return [
        {
          messageId: 'useSubquery',
          data: { source: origin.query.displayName },
          fix: (fixer) => [fixer.replaceText(site.list, text), ...statements.map((s) => fixer.removeRange(statementRemovalRange(sourceCode, s)))],
        },
      ];
    };

    return {
      CallExpression: check,
      Property(node) {
        // Only values a list can come from (literals, variables, calls); skips most properties cheaply.
        if (LIST_VALUES.has(node.value.type)) check(node);
      },
    };
  },
});
