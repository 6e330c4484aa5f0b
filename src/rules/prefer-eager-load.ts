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
      const described = orm.describeIteration(candidate.iteration);
      const base = { call: candidate.display, relation: candidate.relation, item: described.item, loop: described.loop, orm: orm.module(candidate.orm).name, hint: candidate.hint };
      const edits = candidate.edits;
      const source = candidate.source;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (source && edits) {
        const fix: TSESLint.ReportFixFunction = (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
        const common = { relation: candidate.relation, source: source.displayName };
        if (candidate.alreadyLoaded && candidate.loaded !== null) {
          context.report({
            node: candidate.node,
            messageId: 'perItemLoadLoaded',
            data: { ...base, source: source.displayName, loaded: candidate.loaded },
            suggest: [{ messageId: 'useLoaded', data: { loaded: candidate.loaded }, fix }],
          });
          return;
        }
        if (candidate.loaded === null) suggest.push({ messageId: 'loadWithQueryKeep', data: { ...common, call: candidate.display }, fix });
        else if (candidate.assumedFrom !== undefined) suggest.push({ messageId: 'loadWithQueryAssumed', data: { ...common, loaded: candidate.loaded, assumedFrom: candidate.assumedFrom }, fix });
        else suggest.push({ messageId: 'loadWithQuery', data: { ...common, loaded: candidate.loaded }, fix });
      }
      context.report({
        node: candidate.node,
        ...(source
          ? { messageId: 'perItemLoad', data: { ...base, source: source.displayName } }
          : { messageId: 'perItemLoadUnknownRows', data: { ...base, rows: candidate.rows !== undefined ? `\`${candidate.rows}\`` : 'these rows' } }),
        suggest,
      });
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
