import { createRule } from '../create-rule.js';
import { getOrmAnalysis } from '../analyzer/index.js';
import { slowWork } from '../analyzer/slow-calls.js';
import { abbreviateCall } from '../analyzer/text.js';

type Options = [{ slowFunctions: string[] }];
type MessageId = 'slowCallInTransaction';

export default createRule<Options, MessageId>({
  name: 'no-slow-call-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow awaiting HTTP requests and timers inside a database transaction callback',
      recommended: 'strict',
    },
    messages: {
      slowCallInTransaction:
        'Awaiting `{{call}}` ({{kind}}) inside this {{orm}} transaction keeps the transaction open, and its locks held, for as long as it takes. Do it before the transaction starts or after it commits.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          slowFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'More functions that do slow non-database work, by callee name (`sendMail`, `this.mailer.send`, `stripe.charges.create`).',
          },
        },
      },
    ],
    defaultOptions: [{ slowFunctions: [] }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const extra = new Set(options.slowFunctions);
    return {
      AwaitExpression(node) {
        const kind = slowWork(node.argument, extra);
        if (!kind) return;
        const tx = orm.transactionAt(node);
        if (!tx || tx.origin.evidence === 'name') return;
        const call = context.sourceCode.getText(node.argument);
        context.report({
          node,
          messageId: 'slowCallInTransaction',
          data: { call: abbreviateCall(call), kind: kind === 'configured' ? 'slow work' : kind === 'timer' ? 'a timer' : 'an HTTP request', orm: orm.module(tx.orm).name },
        });
      },
    };
  },
});
