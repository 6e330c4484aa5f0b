import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type OrmAnalysis, type QueryCall, type TransactionCallback } from '../analyzer/index.js';
import { promiseTailOf } from '../analyzer/ast.js';
import { spliceNodeText } from '../analyzer/fixes.js';
import { visitIdentifiers } from '../analyzer/item-scope.js';
import { abbreviateCall } from '../analyzer/text.js';

/** The corrected call for the suggestion's message: whole when short, else with long arguments elided. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= 90 ? flat : abbreviateCall(flat);
}

type Options = [{ assumeImplicitTransactions: boolean }];
type MessageId = 'outsideTransaction' | 'useTransaction';

export default createRule<Options, MessageId>({
  name: 'no-outer-client-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queries inside a transaction callback that do not go through the transaction',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      outsideTransaction:
        '`{{call}}` runs outside the surrounding {{orm}} transaction because it does not use {{missing}}: it takes another connection, does not commit or roll back with the transaction, and can wait on locks the transaction holds until it times out. Use {{missing}}.',
      useTransaction: 'Run it as `{{fixed}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          assumeImplicitTransactions: {
            type: 'boolean',
            description:
              'The project propagates the transaction to every query implicitly (Sequelize `useCLS`, Mongoose `transactionAsyncLocalStorage`) in a file the rule cannot see: queries that only lack the transaction option are not reported. Queries through another client still are.',
          },
        },
      },
    ],
    defaultOptions: [{ assumeImplicitTransactions: false }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const sourceCode = context.sourceCode;

    return {
      CallExpression(node) {
        const inner = promiseTailOf(node);
        if (inner && orm.queryAt(inner)) return;
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || query.operation === 'schedule' || !orm.isExecuted(query)) return;
        const tx = orm.transactionAt(node);
        if (!tx || tx.origin.evidence === 'name' || !sameDatabase(query, tx)) return;
        const handles = handleVariables(tx, sourceCode);
        if (mentions(orm, query, handles, tx, sourceCode)) return;
        const mod = orm.module(query.orm);
        const handle = tx.param?.name ?? (tx.receiverOrigin.role === 'transaction' && tx.receiver.type === AST_NODE_TYPES.Identifier ? tx.receiver.name : undefined);
        const fix = mod.outsideTransaction?.({
          match: query,
          chain: query.chain,
          call: query.node,
          sourceCode,
          transaction: tx,
          handle,
          implicit: options.assumeImplicitTransactions,
          originOf: (expr) => orm.originOf(expr),
        });
        if (!fix) return;
        const splices = fix.splices;
        const fixed = splices ? safeSplice(sourceCode, query.node, splices) : undefined;
        context.report({
          node: query.node,
          messageId: 'outsideTransaction',
          data: { call: query.displayName, orm: orm.module(tx.orm).name, missing: fix.missing },
          suggest:
            fixed === undefined || splices === undefined
              ? []
              : [{ messageId: 'useTransaction', data: { fixed: oneLine(fixed) }, fix: (fixer) => splices.map((s) => fixer.replaceTextRange(s.range, s.text)) }],
        });
      },
    };
  },
});

/** Knex transactions also carry Objection queries (`Person.query(trx)`), and the reverse. */
function sameDatabase(query: QueryCall, tx: TransactionCallback): boolean {
  if (query.orm === tx.orm) return true;
  const pair = new Set([query.orm, tx.orm]);
  return pair.has('knex') && pair.has('objection');
}

/** The variables that hold the transaction: the callback's parameter, or the session it was started on. */
function handleVariables(tx: TransactionCallback, sourceCode: Readonly<TSESLint.SourceCode>): Set<TSESLint.Scope.Variable> {
  const out = new Set<TSESLint.Scope.Variable>();
  const add = (id: TSESTree.Identifier) => {
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    if (variable) out.add(variable);
  };
  if (tx.param) add(tx.param);
  if (tx.receiverOrigin.role === 'transaction' && tx.receiver.type === AST_NODE_TYPES.Identifier) add(tx.receiver);
  return out;
}

/**
 * Whether the query reads the transaction handle: anywhere directly, or through a local initialised from
 * it that is the query's receiver or a whole argument (`const repo = manager.getRepository(User)`,
 * `const opts = { transaction: t }`). A row loaded through the transaction carries it only where the ORM
 * binds rows to their transaction (Mongoose documents).
 */
function mentions(orm: OrmAnalysis, query: QueryCall, handles: ReadonlySet<TSESLint.Scope.Variable>, tx: TransactionCallback, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const direct = (node: TSESTree.Node): boolean => {
    let found = false;
    visitIdentifiers(node, (id) => {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      if (variable && handles.has(variable)) found = true;
    });
    return found;
  };
  if (direct(query.node)) return true;
  const carriers: TSESTree.Node[] = [query.chain.base];
  for (const link of query.chain.links) if (link.kind === 'call') carriers.push(...link.args);
  return carriers.some((carrier, index) => {
    if (carrier.type !== AST_NODE_TYPES.Identifier) return false;
    if (index === 0 && orm.originOf(carrier)?.role === 'row' && !orm.module(query.orm).rowsKeepTransaction) return false;
    const def = ASTUtils.findVariable(sourceCode.getScope(carrier), carrier)?.defs[0];
    if (def?.type !== 'Variable' || !def.node.init || def.node.range[0] < tx.fn.range[0] || def.node.range[1] > tx.fn.range[1]) return false;
    return direct(def.node.init);
  });
}

/** The query's text after the module's edits, or undefined when they do not fit inside it. */
function safeSplice(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, splices: readonly { range: readonly [number, number]; text: string }[]): string | undefined {
  try {
    return spliceNodeText(sourceCode, node, splices);
  } catch {
    return undefined;
  }
}
