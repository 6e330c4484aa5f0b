import { createRule } from '../create-rule.js';
import { getOrmAnalysis } from '../analyzer/index.js';
import { staticNumber, unboundedInput } from '../analyzer/query-shape.js';

type Options = [{ maxOffset: number; checkPageNumbers: boolean }];
type MessageId = 'deepOffset' | 'unboundedOffset';

const READS = new Set(['read-one', 'read-many']);

export default createRule<Options, MessageId>({
  name: 'no-deep-offset',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow deep `OFFSET` pagination (`skip`, `offset`) that makes the database read and discard rows',
      recommended: 'recommended',
      strictOptions: [{ checkPageNumbers: true }],
    },
    messages: {
      deepOffset:
        '`{{call}}` skips {{offset}} rows with `{{clause}}`: the database reads and throws away every skipped row, so each deeper page is slower. Page with a cursor on an indexed column instead ({{orm}}: `{{keyset}}`).',
      unboundedOffset:
        '`{{call}}` computes `{{clause}}` from `{{input}}`, which the caller chooses and nothing caps: a large page makes the database read and throw away that many rows. Cap the page number, or page with a cursor ({{orm}}: `{{keyset}}`).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxOffset: {
            type: 'integer',
            minimum: 0,
            description: 'The largest literal offset accepted.',
          },
          checkPageNumbers: {
            type: 'boolean',
            description:
              'Also report offsets computed from a value the caller supplies (a parameter such as `page` or `req.query.page`) that nothing in the function caps. On in the `strict` preset.',
          },
        },
      },
    ],
    defaultOptions: [{ maxOffset: 1000, checkPageNumbers: false }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const sourceCode = context.sourceCode;

    return {
      CallExpression(node) {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || !READS.has(query.operation) || query.execution === 'inert') return;
        const offset = orm.shapeOf(query)?.offset;
        if (!offset?.value) return;
        const mod = orm.module(query.orm);
        const call = query.displayName;
        const keyset = mod.hints.keyset ?? mod.hints.batch;
        const value = staticNumber(sourceCode, offset.value);
        const factor = offset.factor === undefined ? 1 : staticNumber(sourceCode, offset.factor);
        if (value !== undefined && factor !== undefined) {
          const skipped = value * factor;
          if (skipped > options.maxOffset) {
            context.report({ node: offset.node, messageId: 'deepOffset', data: { call, clause: offset.label, offset: String(skipped), orm: mod.name, keyset } });
          }
          return;
        }
        if (!options.checkPageNumbers) return;
        const input = unboundedInput(sourceCode, offset.value);
        if (input) {
          context.report({ node: offset.node, messageId: 'unboundedOffset', data: { call, clause: offset.label, input: sourceCode.getText(input), orm: mod.name, keyset } });
        }
      },
    };
  },
});
