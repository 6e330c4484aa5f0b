import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { getOrmAnalysis, type InList, type Iteration, type OrmAnalysis, type QueryCall } from '../analyzer/index.js';
import { listBuiltFromItem, stepsByBatch } from '../analyzer/iteration.js';

type Options = [{ ignoreModels?: string[]; checkWhileLoops?: boolean }];
type MessageId = 'queryInLoop' | 'countInLoop' | 'relationInLoop' | 'sameQueryInLoop' | 'useBatchQuery';

const READS = new Set(['read-one', 'read-many', 'count', 'exists', 'aggregate', 'relation-load']);
/** Prisma compacts same-tick `findUnique` calls into one query (its dataloader). */
const PRISMA_BATCHED = new Set(['findUnique', 'findUniqueOrThrow']);

export default createRule<Options, MessageId>({
  name: 'no-query-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database reads that run once per item of a loop or array callback (N+1 queries)',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      queryInLoop:
        '`{{call}}` runs once per {{item}} in this {{loop}}: N items cost N queries (N+1). Load the rows for all items with one query before it ({{orm}}: `{{hint}}`) and look them up in a Map.',
      countInLoop:
        '`{{call}}` counts once per {{item}} in this {{loop}}: N items cost N queries (N+1). Count for all items with one grouped query before it ({{orm}}: `{{hint}}`) and look each count up in a Map.',
      relationInLoop:
        '`{{call}}` loads a relation once per {{item}} in this {{loop}}: N items cost N queries (N+1). Load the relation with the query that fetched the items ({{orm}}: `{{hint}}`).',
      sameQueryInLoop:
        '`{{call}}` runs once per {{item}} in this {{loop}} with the same arguments every time: N identical queries. Run it once before the {{loop}} and reuse the result.',
      useBatchQuery: 'Load every {{model}} row with one query before the {{loop}} and look each one up in a Map.',
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
            description: 'Models/tables whose per-item reads are accepted (for example a small, cached lookup table).',
          },
          checkWhileLoops: {
            type: 'boolean',
            description:
              'Also report queries in `while`/`do…while` loops and counted `for` loops that show no collection bound. Off by default: such loops are usually pagination, polling or retries.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreModels: [], checkWhileLoops: false }],
  },
  create(context, [options]) {
    const orm = getOrmAnalysis(context);
    if (!orm.touchesOrm) return {};
    const ignored = new Set(options.ignoreModels ?? []);

    return {
      CallExpression(node) {
        const query = orm.queryAt(node);
        if (!query || query.evidence === 'name' || !READS.has(query.operation) || !orm.isExecuted(query)) return;
        if (query.model !== undefined && ignored.has(query.model)) return;
        const iteration = perItemIteration(orm, query, options.checkWhileLoops ?? false, context.sourceCode);
        if (!iteration) return;
        // A per-row relation load is `prefer-eager-load`'s report (with its two-place suggestion).
        if (orm.eagerLoadCandidate(query)) return;
        const mod = orm.module(query.orm);
        const described = orm.describeIteration(iteration);
        const fix = orm.batchedLookupFix(query, iteration);
        const relationLoad = query.operation === 'relation-load';
        if (!relationLoad && !orm.variesPerIteration(query.node, iteration)) {
          context.report({ node: query.node, messageId: 'sameQueryInLoop', data: { call: query.displayName, item: described.item, loop: described.loop } });
          return;
        }
        const counts = query.operation === 'count' && mod.hints.countBatch !== undefined;
        const hint = relationLoad ? mod.hints.eager.replace('author', query.relation ?? 'author') : counts ? mod.hints.countBatch! : mod.hints.batch;
        context.report({
          node: query.node,
          messageId: relationLoad ? 'relationInLoop' : counts ? 'countInLoop' : 'queryInLoop',
          data: { call: query.displayName, item: described.item, loop: described.loop, orm: mod.name, hint },
          suggest: fix ? [{ messageId: 'useBatchQuery', data: { model: query.model ?? mod.name, loop: described.loop }, fix }] : [],
        });
      },
    };
  },
});

/** The innermost iteration that runs `query` once per item of a collection. */
function perItemIteration(orm: OrmAnalysis, query: QueryCall, checkWhileLoops: boolean, sourceCode: Readonly<TSESLint.SourceCode>): Iteration | undefined {
  let inLists: InList[] | undefined;
  for (const iteration of orm.iterations(query.node)) {
    if (iteration.bound === 'small') continue;
    if (iteration.bound === 'unknown' && !checkWhileLoops) continue;
    if (iteration.concurrent && query.orm === 'prisma' && PRISMA_BATCHED.has(query.method)) return undefined;
    if (isPagingLoop(iteration, query)) return undefined;
    // `for (let i = 0; i < ids.length; i += SIZE) find({ where: { id: { in: ids.slice(i, i + SIZE) } } })`:
    // one query per slice of the collection is batching already.
    inLists ??= orm.inListsOf(query);
    if (stepsByBatch(iteration) && inLists.length > 0) return undefined;
    // `for await (const batch of batches) find({ where: { id: { in: batch.map((b) => b.id) } } })`: the same, per batch.
    // (A column compared with the item itself, `where: { views }`, is one value per turn unless the IN is explicit.)
    if (inLists.some((site) => listBuiltFromItem(site.list, iteration, sourceCode, !site.implicit))) return undefined;
    // `getRepository(ctx, field.entity).findOne(…)` per configured field: each turn reads another table.
    if (orm.targetVariesPerIteration(query, iteration)) return undefined;
    return iteration;
  }
  return undefined;
}

/** `while (…) { rows = await find({ skip, take }) }`: reading a page per turn is batching, not N+1. */
function isPagingLoop(iteration: Iteration, query: QueryCall): boolean {
  if (iteration.kind === 'for-of' || iteration.kind === 'for-in' || iteration.kind === 'callback' || iteration.kind === 'for-await') return false;
  const options = query.optionsCall?.arguments[0];
  if (options?.type === AST_NODE_TYPES.ObjectExpression) {
    return options.properties.some((p) => p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier && /^(?:skip|take|cursor|offset|limit)$/.test(p.key.name));
  }
  return query.chain.links.some((l) => l.kind === 'call' && (l.name === 'limit' || l.name === 'offset' || l.name === 'skip'));
}

