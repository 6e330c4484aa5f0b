import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { objectProperty } from '../ast.js';
import { spliceNodeText } from '../fixes.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { argKeysWithin, exprBefore, isArrayArg, isModelLike, lastName, rowMethodMatch } from './common.js';
import { independent, itemFieldKeys, keyFilterSplice, mapSplice, plainObject } from './bulk.js';
import type { BatchPlan, BatchRequest, BulkWritePlan, BulkWriteRequest, Evidence, Operation, OrmModule } from './types.js';

const MODEL_OPS: Readonly<Record<string, Operation>> = {
  findAll: 'read-many',
  findAndCountAll: 'read-many',
  findOne: 'read-one',
  findByPk: 'read-one',
  findOrCreate: 'write-one',
  findOrBuild: 'read-one',
  findCreateFind: 'write-one',
  count: 'count',
  max: 'aggregate',
  min: 'aggregate',
  sum: 'aggregate',
  aggregate: 'aggregate',
  create: 'write-one',
  upsert: 'write-one',
  bulkCreate: 'write-many',
  update: 'write-many',
  destroy: 'write-many',
  restore: 'write-many',
  increment: 'write-many',
  decrement: 'write-many',
  truncate: 'write-many',
};
const INSTANCE_OPS: Readonly<Record<string, Operation>> = {
  save: 'write-one',
  reload: 'read-one',
  update: 'write-one',
  destroy: 'write-one',
  restore: 'write-one',
  increment: 'write-one',
  decrement: 'write-one',
};
const DISTINCTIVE = new Set(['findAll', 'findByPk', 'findAndCountAll', 'findOrCreate', 'bulkCreate', 'findCreateFind', 'findOrBuild']);
const OPTION_KEYS = new Set([
  'where', 'attributes', 'include', 'order', 'limit', 'offset', 'raw', 'transaction', 'paranoid', 'group', 'having',
  'distinct', 'col', 'lock', 'subQuery', 'nest', 'plain', 'returning', 'individualHooks', 'fields', 'logging', 'benchmark',
  'by', 'defaults', 'logging', 'useMaster', 'rejectOnEmpty',
]);
const STRONG_KEYS = new Set(['where', 'attributes', 'include', 'order']);

export const sequelize: OrmModule = {
  id: 'sequelize',
  name: 'Sequelize',
  hints: {
    batch: 'findAll({ where: { id: ids } })',
    eager: `include: [{ association: 'author' }]`,
    bulk: 'bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })',
  },
  packages: ['sequelize', 'sequelize-typescript', '@sequelize/core'],
  methodNames: new Set([...Object.keys(MODEL_OPS), ...Object.keys(INSTANCE_OPS), 'query']),
  exports: { Sequelize: 'factory', default: 'factory' },
  derived: {
    factory: { new: 'client' },
    client: { define: 'model', '.models': 'client' },
  },
  typeNames: { Sequelize: 'client', ModelStatic: 'model', ModelCtor: 'model', ModelDefined: 'model', Transaction: 'transaction' },
  baseClasses: ['Model'],
  injectDecorators: { InjectModel: 'model' },
  clientNames: /^sequelize$/,
  rowMethods: INSTANCE_OPS,
  transactionMethods: new Set(['transaction']),

  recognize(chain, ctx) {
    const { links } = chain;
    const last = links.length - 1;
    const link = links[last];
    if (link?.kind !== 'call' || link.name === undefined) return undefined;
    const receiver = exprBefore(chain, last);
    const origin = ctx.originOf(receiver);
    if (origin?.role === 'row') return rowMethodMatch('sequelize', chain, origin, INSTANCE_OPS, 'eager');
    if (link.name === 'query') {
      return origin?.orm === 'sequelize' && origin.role === 'client'
        ? { orm: 'sequelize', operation: 'raw', evidence: origin.evidence, execution: 'eager', method: 'query' }
        : undefined;
    }
    const op = MODEL_OPS[link.name];
    if (!op) return undefined;
    let evidence: Evidence;
    if (origin) {
      if (origin.orm !== 'sequelize' || origin.role !== 'model') return undefined;
      evidence = origin.evidence;
    } else {
      if (!isModelLike(receiver)) return undefined;
      const other = ctx.fileImports('typeorm') || ctx.fileImports('mongoose') || ctx.fileImports('mikroorm');
      const mine = ctx.fileImports('sequelize');
      if (other && !mine) return undefined;
      const arg = link.args[0];
      const strong = arg?.type === AST_NODE_TYPES.ObjectExpression && argKeysWithin(arg, OPTION_KEYS, STRONG_KEYS);
      if (DISTINCTIVE.has(link.name)) evidence = 'shape';
      else if (strong && (mine || op.startsWith('read') || op === 'count')) evidence = 'shape';
      else evidence = mine ? 'shape' : 'name';
    }
    const operation = link.name === 'create' && isArrayArg(link) ? 'write-many' : op;
    return { orm: 'sequelize', operation, evidence, execution: 'eager', method: link.name, model: origin?.model ?? lastName(receiver), optionsCall: link.node };
  },

  batchLookup(req) {
    return batchLookup(req);
  },

  bulkWrite(req) {
    return bulkWrite(req);
  },
};

/**
 * `Model.create(row)` per item → `Model.bulkCreate(items.map(…))`; `Model.update(values, { where })` and
 * `Model.destroy({ where })` keyed by the item → an array of keys (Sequelize's IN); a loaded row's
 * `destroy()`/`update(values)` → the model's static form over the rows' ids.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, call, scope, sourceCode } = req;
  if (match.optionsCall !== call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const args = call.arguments;
  if (req.onRow) {
    const rows = req.rowsQuery;
    const ids = itemFieldKeys(scope, 'id');
    if (!rows || ids === undefined || rows.chain.links.length !== 1 || call.callee.object.type !== AST_NODE_TYPES.Identifier || call.callee.object.name !== scope.itemName) return undefined;
    const model = sourceCode.getText(rows.chain.base);
    // Rows are matched on `id`, Sequelize's default primary key.
    if (match.method === 'destroy' && args.length === 0) {
      return { kind: 'replace', text: `${model}.destroy({ where: { id: ${ids} } })` };
    }
    if (match.method === 'update' && args.length === 1 && independent(scope, args[0]!)) {
      return { kind: 'replace', text: `${model}.update(${sourceCode.getText(args[0]!)}, { where: { id: ${ids} } })` };
    }
    return undefined;
  }
  const model = sourceCode.getText(call.callee.object);
  if (match.method === 'create') {
    const [row, opts] = args;
    if (!row || args.length > 2 || row.type === AST_NODE_TYPES.ArrayExpression || row.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(row)) return undefined;
    if (opts && !independent(scope, opts)) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [renameMethod(call, 'bulkCreate')!, mapSplice(scope, row)]) };
  }
  const optionsIndex = match.method === 'update' ? 1 : match.method === 'destroy' ? 0 : -1;
  if (optionsIndex === -1 || args.length !== optionsIndex + 1) return undefined;
  if (optionsIndex === 1 && !independent(scope, args[0]!)) return undefined;
  const options = args[optionsIndex];
  if (!plainObject(options)) return undefined;
  // An array value is Sequelize's shorthand for IN.
  const filter = keyFilterSplice(scope, objectProperty(options, 'where')?.value, call, (ids) => ids);
  if (!filter || options.properties.some((p) => !scope.isMovable(p))) return undefined;
  return { kind: 'replace', text: spliceNodeText(sourceCode, call, [filter.splice]) };
}

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match, call } = req;
  if (call !== match.optionsCall) return undefined;
  if (match.method === 'findByPk') {
    const key = call.arguments[0];
    if (!key || !req.isItemKey(key) || call.arguments.length > 1) return undefined;
    const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? req.sourceCode.getText(call.callee.object) : undefined;
    if (!receiver) return undefined;
    // Assumes the primary key attribute is `id`, as Sequelize does by default.
    return { keyField: 'id', keyNode: key, batchedText: `await ${receiver}.findAll({ where: { id: ${req.keysText(key)} } })`, many: false };
  }
  const many = match.method === 'findAll';
  if (!many && match.method !== 'findOne') return undefined;
  const arg = call.arguments[0];
  if (arg?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const where = objectProperty(arg, 'where')?.value;
  if (where?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (!many && objectProperty(arg, 'order')) return undefined;
  if (objectProperty(arg, 'limit') || objectProperty(arg, 'offset') || objectProperty(arg, 'raw')) return undefined;
  const attributes = objectProperty(arg, 'attributes');
  if (attributes) return undefined;
  const keyProp = itemKeyProperty(req, where);
  if (!keyProp || othersDependOnItem(req, call, [keyProp.prop.value])) return undefined;
  // An array value is Sequelize's shorthand for IN.
  const splices = [replacePropValue(keyProp.prop, keyProp.key, req.keysText(keyProp.prop.value))];
  if (!many) splices.push(renameMethod(call, 'findAll')!);
  return { keyField: keyProp.key, keyNode: keyProp.prop.value, batchedText: `await ${spliceNodeText(req.sourceCode, call, splices)}`, many };
}
