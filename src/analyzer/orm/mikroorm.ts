import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { spliceNodeText } from '../fixes.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { exprBefore, findCall, isArrayArg, lastName, type CallLink } from './common.js';
import type { BatchPlan, BatchRequest, Evidence, Operation, OrmModule } from './types.js';

/** EntityManager methods (entity class first) and repository methods (no entity argument). */
const EM_OPS: Readonly<Record<string, Operation>> = {
  find: 'read-many',
  findAll: 'read-many',
  findAndCount: 'read-many',
  findByCursor: 'read-many',
  findOne: 'read-one',
  findOneOrFail: 'read-one',
  count: 'count',
  countBy: 'count',
  persist: 'schedule',
  create: 'schedule',
  assign: 'schedule',
  merge: 'schedule',
  getReference: 'schedule',
  remove: 'schedule',
  flush: 'flush',
  persistAndFlush: 'flush',
  removeAndFlush: 'flush',
  nativeInsert: 'write-one',
  insert: 'write-one',
  upsert: 'write-one',
  insertMany: 'write-many',
  upsertMany: 'write-many',
  nativeUpdate: 'write-many',
  nativeDelete: 'write-many',
  populate: 'relation-load',
  refresh: 'read-one',
  refreshOrFail: 'read-one',
  execute: 'raw',
};
/** Lazy relation loads on a `Collection`/`Reference`/wrapped entity. */
const RELATION_LOADS = new Set(['init', 'loadItems', 'loadCount', 'matching', 'loadOrFail', 'loadProperty']);
const QB_TERMINALS: Readonly<Record<string, Operation>> = {
  getResult: 'read-many',
  getResultList: 'read-many',
  getSingleResult: 'read-one',
  getCount: 'count',
  getResultAndCount: 'read-many',
  execute: 'read-many',
};

export const mikroorm: OrmModule = {
  id: 'mikroorm',
  name: 'MikroORM',
  hints: { batch: 'find(Entity, { id: { $in: ids } })', eager: `populate: ['author']` },
  packages: ['@mikro-orm/'],
  methodNames: new Set([...Object.keys(EM_OPS), ...RELATION_LOADS, ...Object.keys(QB_TERMINALS), 'load']),
  exports: { MikroORM: 'factory', wrap: 'factory' },
  derived: {
    factory: { init: 'client', initSync: 'client' },
    client: { '.em': 'manager' },
    manager: { fork: 'manager', getRepository: 'repository' },
    transaction: { fork: 'manager', getRepository: 'repository' },
    repository: { getEntityManager: 'manager' },
  },
  typeNames: {
    EntityManager: 'manager',
    SqlEntityManager: 'manager',
    MongoEntityManager: 'manager',
    EntityRepository: 'repository',
    SqlEntityRepository: 'repository',
    MikroORM: 'client',
  },
  distinctiveTypeNames: /^(?:SqlEntityManager|SqlEntityRepository|MikroORM)$/,
  injectDecorators: { InjectRepository: 'repository', InjectEntityManager: 'manager' },
  transactionMethods: new Set(['transactional']),

  recognize(chain, ctx) {
    const { links } = chain;
    const last = links.length - 1;
    const link = links[last];
    if (link?.kind !== 'call' || link.name === undefined) return undefined;
    // `wrap(book).init()` / `collection.init()` / `ref.loadOrFail()`.
    if (RELATION_LOADS.has(link.name)) {
      const receiver = exprBefore(chain, last);
      if (receiver.type === AST_NODE_TYPES.CallExpression && receiver.callee.type === AST_NODE_TYPES.Identifier && link.name === 'init') {
        const origin = ctx.originOf(receiver.callee);
        if (origin?.orm === 'mikroorm') return { orm: 'mikroorm', operation: 'relation-load', evidence: origin.evidence, execution: 'eager', method: 'init' };
        return undefined;
      }
      if (receiver.type === AST_NODE_TYPES.MemberExpression && ctx.fileImports('mikroorm') && !ctx.fileImports('typeorm')) {
        const relation = lastName(receiver);
        return { orm: 'mikroorm', operation: 'relation-load', evidence: link.name === 'init' ? 'name' : 'shape', execution: 'eager', method: link.name, relation };
      }
      return undefined;
    }
    const qbStart = findCall(chain, new Set(['createQueryBuilder', 'qb']));
    if (qbStart !== -1) {
      const origin = ctx.originOf(exprBefore(chain, qbStart));
      if (origin?.orm !== 'mikroorm') return undefined;
      const op = QB_TERMINALS[link.name];
      return { orm: 'mikroorm', operation: op ?? 'read-many', evidence: origin.evidence, execution: op ? 'terminal' : 'thenable', method: link.name };
    }
    const op = EM_OPS[link.name];
    if (!op) return undefined;
    const receiver = exprBefore(chain, last);
    const origin = ctx.originOf(receiver);
    let evidence: Evidence;
    let role = origin?.role;
    if (origin) {
      if (origin.orm !== 'mikroorm') return undefined;
      evidence = origin.evidence;
    } else {
      const name = lastName(receiver);
      if (name === undefined || !/^(?:em|_em|entityManager|orm\.em)$/.test(name)) return undefined;
      if (ctx.fileImports('typeorm') && !ctx.fileImports('mikroorm')) return undefined;
      const entity = link.args[0];
      const entityFirst = entity?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(entity.name);
      evidence = entityFirst || ctx.fileImports('mikroorm') || op === 'flush' || op === 'schedule' ? 'shape' : 'name';
      role = 'manager';
    }
    const entityFirst = role === 'manager' || role === 'transaction';
    const entity = entityFirst ? link.args[0] : undefined;
    const model = entity?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(entity.name) ? entity.name : origin?.model;
    const operation = (link.name === 'insertMany' || (link.name === 'persist' && isArrayArg(link))) ? (op === 'schedule' ? 'schedule' : 'write-many') : op;
    return { orm: 'mikroorm', operation, evidence, execution: 'eager', method: link.name, model, optionsCall: link.node };
  },

  batchLookup(req) {
    return batchLookup(req);
  },
};

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match, call } = req;
  if (call !== match.optionsCall) return undefined;
  const many = match.method === 'find';
  if (!many && match.method !== 'findOne') return undefined;
  const link: CallLink = { kind: 'call', name: match.method, node: call, args: call.arguments };
  const entityFirst = link.args[0]?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test((link.args[0] as { name: string }).name);
  const filterIndex = entityFirst ? 1 : 0;
  if (call.arguments.length > filterIndex + 1) return undefined; // options (orderBy, limit, populate…) change what one row means
  const filter = call.arguments[filterIndex];
  if (!filter) return undefined;
  const splices = [];
  let keyField: string;
  let keyNode;
  if (filter.type === AST_NODE_TYPES.ObjectExpression) {
    const keyProp = itemKeyProperty(req, filter);
    if (!keyProp || othersDependOnItem(req, call, [keyProp.prop.value])) return undefined;
    splices.push(replacePropValue(keyProp.prop, keyProp.key, `{ $in: ${req.keysText(keyProp.prop.value)} }`));
    keyField = keyProp.key;
    keyNode = keyProp.prop.value;
  } else if (req.isItemKey(filter)) {
    // `em.findOne(User, id)`: a primary key, assumed to be `id`.
    splices.push({ range: filter.range, text: `{ id: { $in: ${req.keysText(filter)} } }` });
    keyField = 'id';
    keyNode = filter;
  } else {
    return undefined;
  }
  if (!many) splices.push(renameMethod(call, 'find')!);
  return { keyField, keyNode, batchedText: `await ${spliceNodeText(req.sourceCode, call, splices)}`, many };
}
