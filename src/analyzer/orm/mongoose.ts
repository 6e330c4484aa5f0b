import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { spliceNodeText } from '../fixes.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { exprBefore, isArrayArg, lastName, PROMISE_LIKE, type CallLink } from './common.js';
import type { BatchPlan, BatchRequest, Evidence, Execution, Operation, OrmModule } from './types.js';

const MODEL_OPS: Readonly<Record<string, Operation>> = {
  find: 'read-many',
  findOne: 'read-one',
  findById: 'read-one',
  distinct: 'read-many',
  countDocuments: 'count',
  estimatedDocumentCount: 'count',
  count: 'count',
  exists: 'exists',
  aggregate: 'aggregate',
  findAndCount: 'read-many',
  create: 'write-one',
  insertMany: 'write-many',
  bulkWrite: 'write-many',
  bulkSave: 'write-many',
  updateOne: 'write-one',
  replaceOne: 'write-one',
  deleteOne: 'write-one',
  findOneAndUpdate: 'write-one',
  findByIdAndUpdate: 'write-one',
  findOneAndDelete: 'write-one',
  findByIdAndDelete: 'write-one',
  findOneAndReplace: 'write-one',
  findByIdAndRemove: 'write-one',
  findOneAndRemove: 'write-one',
  updateMany: 'write-many',
  deleteMany: 'write-many',
  populate: 'relation-load',
};
/** Model statics that return native promises: they run at call time. */
const EAGER = new Set(['create', 'insertMany', 'bulkWrite', 'bulkSave', 'populate']);
const DISTINCTIVE = new Set([
  'findById', 'findByIdAndUpdate', 'findOneAndUpdate', 'countDocuments', 'estimatedDocumentCount', 'findByIdAndDelete',
  'findOneAndDelete', 'findOneAndReplace', 'findByIdAndRemove', 'insertMany', 'bulkWrite', 'bulkSave', 'updateOne', 'deleteOne', 'replaceOne',
]);
/** Query methods that may follow the model call and end the chain. */
const QUERY_METHODS = new Set([
  'populate', 'lean', 'select', 'sort', 'limit', 'skip', 'exec', 'session', 'where', 'equals', 'in', 'nin', 'gt', 'gte', 'lt', 'lte',
  'orFail', 'collation', 'hint', 'projection', 'read', 'setOptions', 'slice', 'elemMatch', 'or', 'and', 'ne', 'regex', 'cursor',
  'allowDiskUse', 'batchSize', 'comment', 'maxTimeMS', 'transform', 'w', 'j', 'writeConcern', 'readConcern', 'explain', 'options',
]);

export const mongoose: OrmModule = {
  id: 'mongoose',
  name: 'Mongoose',
  hints: { batch: 'find({ _id: { $in: ids } })', eager: `populate('author')` },
  packages: ['mongoose', '@nestjs/mongoose', '@typegoose/typegoose'],
  methodNames: new Set([...Object.keys(MODEL_OPS), ...QUERY_METHODS]),
  exports: { default: 'factory', '*': 'factory', model: 'factory', Model: 'factory', getModelForClass: 'factory' },
  derived: {
    factory: { model: 'model', call: 'model', '.models': 'client', createConnection: 'client', connect: 'client', getModelForClass: 'model' },
    client: { model: 'model' },
  },
  typeNames: { Model: 'model', ReturnModelType: 'model', PaginateModel: 'model', AggregatePaginateModel: 'model', SoftDeleteModel: 'model' },
  injectDecorators: { InjectModel: 'model' },
  transactionMethods: new Set(['transaction', 'withTransaction']),

  recognize(chain, ctx) {
    const { links } = chain;
    // The model call is the first call link; the rest must be query methods.
    let opIndex = -1;
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (link.kind === 'call') {
        opIndex = i;
        break;
      }
    }
    if (opIndex === -1) return undefined;
    const link = links[opIndex] as CallLink;
    if (link.name === undefined) return undefined;
    const op = MODEL_OPS[link.name];
    if (!op) return undefined;
    for (const later of links.slice(opIndex + 1)) {
      if (later.kind !== 'call' || later.name === undefined || (!QUERY_METHODS.has(later.name) && !PROMISE_LIKE.has(later.name))) return undefined;
    }
    const receiver = exprBefore(chain, opIndex);
    const origin = ctx.originOf(receiver);
    let evidence: Evidence;
    if (origin) {
      if (origin.orm !== 'mongoose' || origin.role !== 'model') return undefined;
      evidence = origin.evidence;
    } else {
      const name = lastName(receiver);
      if (name === undefined) return undefined;
      const modelName = /^[A-Z]/.test(name) || /[a-z]Model$/.test(name);
      if (!modelName) return undefined;
      const mine = ctx.fileImports('mongoose');
      const other = ctx.fileImports('typeorm') || ctx.fileImports('sequelize') || ctx.fileImports('mikroorm') || ctx.fileImports('objection');
      if (other && !mine) return undefined;
      const arg = link.args[0];
      // TypeORM/Sequelize wrap filters in `{ where }`; Mongoose filters are the object itself.
      const whereWrapped = arg?.type === AST_NODE_TYPES.ObjectExpression && arg.properties.some((p) => p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'where');
      if (whereWrapped) return undefined;
      const chained = links.length > opIndex + 1;
      if (mine || /[a-z]Model$/.test(name)) evidence = 'shape';
      else if (DISTINCTIVE.has(link.name) || chained) evidence = 'shape';
      else evidence = 'name';
    }
    const execution: Execution = EAGER.has(link.name) ? 'eager' : 'thenable';
    const operation = link.name === 'create' && isArrayArg(link) ? 'write-many' : op;
    return { orm: 'mongoose', operation, evidence, execution, method: link.name, model: origin?.model ?? lastName(receiver), optionsCall: link.node };
  },

  batchLookup(req) {
    return batchLookup(req);
  },
};

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match } = req;
  const call = match.optionsCall;
  if (!call) return undefined;
  const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? req.sourceCode.getText(call.callee.object) : undefined;
  if (!receiver) return undefined;
  const tail = req.sourceCode.text.slice(call.range[1], req.call.range[1]);
  if (/\.(?:sort|limit|skip)\(/.test(tail)) return undefined;
  if (match.method === 'findById') {
    const key = call.arguments[0];
    if (!key || !req.isItemKey(key) || call.arguments.length > 1) return undefined;
    return {
      keyField: '_id',
      keyNode: key,
      batchedText: `await ${receiver}.find({ _id: { $in: ${req.keysText(key)} } })${tail}`,
      many: false,
      stringKeys: true,
    };
  }
  const many = match.method === 'find';
  if (!many && match.method !== 'findOne') return undefined;
  const filter = call.arguments[0];
  if (filter?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const keyProp = itemKeyProperty(req, filter);
  if (!keyProp || othersDependOnItem(req, req.call, [keyProp.prop.value])) return undefined;
  const splices = [replacePropValue(keyProp.prop, keyProp.key, `{ $in: ${req.keysText(keyProp.prop.value)} }`)];
  if (!many) splices.push(renameMethod(call, 'find')!);
  return { keyField: keyProp.key, keyNode: keyProp.prop.value, batchedText: `await ${spliceNodeText(req.sourceCode, req.call, splices)}`, many, stringKeys: true };
}
