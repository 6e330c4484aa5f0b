import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type EagerLoad } from '../analyzer/index.js';

type Options = [{ ignoreRelations: string[] }];
type MessageId = 'perItemLoad' | 'perItemLoadUnknownRows' | 'perItemLoadLoaded' | 'loadWithQuery' | 'loadWithQueryAssumed' | 'loadWithQueryKeep' | 'useLoaded';

export default createRule<Options, MessageId>({
  name: 'prefer-eager-load',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require loading a relation with the query that fetches the rows instead of once per row (N+1)',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      perItemLoad:
        '`{{call}}` loads the `{{relation}}` of each {{item}} in this {{loop}}: one query per row (N+1). Load it with the rows in `{{source}}` ({{orm}}: `{{hint}}`).',
      perItemLoadUnknownRows:
        '`{{call}}` loads the `{{relation}}` of each {{item}} in this {{loop}}: one query per row (N+1). Load it with the query that fetches {{rows}} ({{orm}}: `{{hint}}`).',
      perItemLoadLoaded:
        '`{{call}}` queries the `{{relation}}` of each {{item}} in this {{loop}} again, though `{{source}}` already loads it: one query per row (N+1). Read `{{loaded}}` instead.',
      useLoaded: 'Read `{{loaded}}` instead.',
      loadWithQuery: 'Load `{{relation}}` with `{{source}}` and read `{{loaded}}` instead.',
      loadWithQueryAssumed:
        'Load `{{relation}}` with `{{source}}` and read `{{loaded}}` instead. This assumes `{{assumedFrom}}` refers to a relation named `{{relation}}`: check the name.',
      loadWithQueryKeep: 'Load `{{relation}}` with `{{source}}`; `{{call}}` then reads the loaded relation without a query.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreRelations: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Relation names whose per-row loads are accepted (for example a relation served from a cache).',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreRelations: [] }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const ignored = new Set(options.ignoreRelations);

    function report(candidate: EagerLoad | undefined): void {
      if (!candidate || candidate.evidence === 'name' || ignored.has(candidate.relation)) return;
      const { item, loop } = orm.describeIteration(candidate.iteration);
      const { display: call, relation, hint, edits, source, loaded } = candidate;
      const ormName = orm.module(candidate.orm).name;
      const fix: TSESLint.ReportFixFunction | undefined = edits && ((fixer) => edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text)));
      if (!source) {
        const rows = candidate.rows !== undefined ? `\`${candidate.rows}\`` : 'these rows';
        context.report({ node: candidate.node, messageId: 'perItemLoadUnknownRows', data: { call, relation, item, loop, rows, orm: ormName, hint } });
        return;
      }
      const query = source.displayName;
      if (candidate.alreadyLoaded && loaded !== null && fix) {
        context.report({
          node: candidate.node,
          messageId: 'perItemLoadLoaded',
          data: { call, relation, item, loop, source: query, loaded },
          suggest: [{ messageId: 'useLoaded', data: { loaded }, fix }],
        });
        return;
      }
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (fix) {
        if (loaded === null) suggest.push({ messageId: 'loadWithQueryKeep', data: { relation, source: query, call }, fix });
        else if (candidate.assumedFrom !== undefined) suggest.push({ messageId: 'loadWithQueryAssumed', data: { relation, source: query, loaded, assumedFrom: candidate.assumedFrom }, fix });
        else suggest.push({ messageId: 'loadWithQuery', data: { relation, source: query, loaded }, fix });
      }
      context.report({ node: candidate.node, messageId: 'perItemLoad', data: { call, relation, item, loop, source: query, orm: ormName, hint }, suggest });
    }

    return {
      CallExpression(node) {
        const query = orm.queryAt(node);
        if (query) report(orm.eagerLoadCandidate(query));
      },
      'AwaitExpression > MemberExpression.argument'(node: TSESTree.MemberExpression) {
        report(orm.eagerLoadCandidate(node));
      },
    };
  },
});
