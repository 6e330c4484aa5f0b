import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, objectProperty, staticKey } from '../ast.js';
import { addArrayElement, loadedText, stringLiteralText } from '../relations.js';
import { spliceNodeText } from '../fixes.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { type CallLink, exprBefore, isArrayArg, lastName, PROMISE_LIKE, rowMethodMatch } from './common.js';
import { appendProperty, GUARD_OPERATORS, onlyProperty, payloadProperty, quoted, signedAmount } from './atomic.js';
import { addOptionSplice, handleName, keyFilterSplice, mapSplice } from './bulk.js';
import type { AtomicEdit, AtomicRowEdit, AtomicRowRequest, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, Chain, EagerSupport, Evidence, Execution, FetchShape, InListSite, Operation, OrmModule, QueryShape, RewriteRequest, ShapeRequest, Splice, TransactionFix, TransactionRequest } from './types.js';
import { addPropertySplice, asObject, callClause, hasSpread, insertCallAfter, isWithin, linkIndex, objectEqualities, optionClause, quote, withinChainArgs } from './shape.js';
import { editChain, editObject, type LinkEdit, readOptions, receiverText } from './rewrite.js';

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
/** Document methods that send a command (`doc.save()`). */
const DOCUMENT_OPS: Readonly<Record<string, Operation>> = {
  save: 'write-one',
  deleteOne: 'write-one',
  updateOne: 'write-one',
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

/** Query methods that send it: a `Query` runs on `then`/`exec` (or gives a cursor) and only once. */
const EXECUTE = new Set(['then', 'catch', 'finally', 'exec', 'cursor']);
/** Query methods that change what the query does (a count, one document, a write). */
const RESHAPE = new Set([
  'countDocuments', 'estimatedDocumentCount', 'count', 'distinct', 'findOne', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne',
  'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace',
]);

export const mongoose: OrmModule = {
  id: 'mongoose',
  name: 'Mongoose',
  hints: {
    batch: 'find({ _id: { $in: ids } })',
    updateEachBulk: `bulkWrite(items.map((item) => ({ updateOne: { filter: { _id: item.id }, update: { $set: { … } } } })))`,
    countBatch: `aggregate([{ $match: { author: { $in: ids } } }, { $group: { _id: '$author', n: { $sum: 1 } } }])`,
    eager: `populate('author')`,
    bulk: 'insertMany(docs), updateMany({ _id: { $in: ids } }, update), bulkWrite(ops), bulkSave(docs)',
    atomic: "updateOne(filter, { $inc: { n: 1 } }), doc.$inc('n', 1)",
    keyset: 'find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(20)',
    subquery: 'one aggregation with `$lookup` (or `populate` with `match`)',
  },
  primaryKey: '_id',
  valueMethods: { distinct: 0 },
  packages: ['mongoose', '@nestjs/mongoose', '@typegoose/typegoose'],
  methodNames: new Set([...Object.keys(MODEL_OPS), ...QUERY_METHODS, ...Object.keys(DOCUMENT_OPS)]),
  exports: { default: 'factory', '*': 'factory', model: 'factory', Model: 'factory', getModelForClass: 'factory' },
  derived: {
    factory: {
      model: 'model', call: 'model', '.models': 'client', createConnection: 'client', connect: 'client', getModelForClass: 'model',
      '.connection': 'client', startSession: 'transaction',
    },
    client: { model: 'model', startSession: 'transaction' },
    model: { startSession: 'transaction' },
  },
  typeNames: { Model: 'model', ReturnModelType: 'model', PaginateModel: 'model', AggregatePaginateModel: 'model', SoftDeleteModel: 'model' },
  injectDecorators: { InjectModel: 'model' },
  rowMethods: DOCUMENT_OPS,
  rowsKeepTransaction: true,
  transactionMethods: new Set(['transaction', 'withTransaction']),
  executionModel: {
    builder: 'mutable',
    reexecution: 'throws',
    executeMethods: EXECUTE,
    builderMethods: new Set([...QUERY_METHODS, ...Object.keys(MODEL_OPS).filter((m) => !EAGER.has(m))].filter((m) => !EXECUTE.has(m))),
    valueMethods: new Set(['getFilter', 'getQuery', 'getUpdate', 'getOptions', 'getPopulatedPaths', 'toConstructor', 'getQueryConditions']),
    reshapeMethods: RESHAPE,
    cloneMethod: 'clone',
    // `cursor()` streams without marking the query as executed.
    copyingExecuteMethods: new Set(['cursor']),
    callbackRuns: true,
    builderTypeNames: /^(?:Query|QueryWithHelpers|DocumentQuery|Aggregate)$/,
  },

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
    // `doc.populate('author')` on a loaded document (Document#populate runs at call time).
    if (link.name === 'populate' && opIndex === links.length - 1) {
      const row = ctx.rowOf?.(exprBefore(chain, opIndex));
      if (row?.orm === 'mongoose') {
        return { orm: 'mongoose', operation: 'relation-load', evidence: row.evidence, execution: 'eager', method: 'populate', model: row.model, optionsCall: link.node, relation: populatePath(link.args[0]) };
      }
    }
    if (opIndex === 0 && links.length === 1 && Object.hasOwn(DOCUMENT_OPS, link.name)) {
      const origin = ctx.originOf(chain.base);
      if (origin?.role === 'row') return rowMethodMatch('mongoose', chain, origin, DOCUMENT_OPS, 'eager');
    }
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

  bulkWrite(req) {
    return bulkWrite(req);
  },

  inListAt(node, req) {
    return inListAt(node, req);
  },

  queryShape(req) {
    return queryShape(req);
  },

  atomicValue(req) {
    return atomicValue(req);
  },

  atomicRow(req) {
    return atomicRow(req);
  },

  bulkAtomic(req) {
    return bulkAtomic(req);
  },

  outsideTransaction(req) {
    return outsideTransaction(req);
  },
  eager: eagerSupport(),
  rowMembers: new Set(['_doc', '$__', '$isNew', 'isNew', '$locals', '$op', '$errors', 'errors', 'schema', 'collection', 'db', 'baseModelName', 'modelName', '$isDeleted']),
  rowHints: {
    count: 'Model.countDocuments(filter)',
    exists: 'Model.exists(filter) !== null',
    select: `Model.find(filter, 'name email')`,
    filter: 'the filter / .sort() / .limit()',
  },
  resultShape(match, chain) {
    if (queryLinks(chain).some((l) => !ROW_LINKS.has(l.name ?? '') && !PROMISE_LIKE.has(l.name ?? ''))) return undefined;
    if (match.method === 'find') return 'rows';
    if (match.method === 'findOne' || match.method === 'findById') return 'row';
    if (match.method === 'countDocuments' || match.method === 'estimatedDocumentCount' || match.method === 'count') return 'number';
    return undefined;
  },
  fetchShape,
  countRewrite(req) {
    const model = modelCall(req);
    const shape = fetchShape(req);
    if (!model || req.match.method !== 'find' || shape.opaque || shape.paged) return undefined;
    return { text: `await ${model.receiver}.countDocuments(${model.filter ?? ''})`, exact: true };
  },
  existsRewrite(req) {
    const model = modelCall(req);
    const shape = fetchShape(req);
    const method = req.match.method;
    if (!model || shape.opaque || shape.paged) return undefined;
    const one = method === 'findOne' || method === 'findById';
    if (method !== 'find' && !one && method !== 'countDocuments' && method !== 'count' && method !== 'estimatedDocumentCount') return undefined;
    const filter = method === 'findById' ? (model.filter === undefined ? undefined : `{ _id: ${model.filter} }`) : (model.filter ?? '{}');
    if (filter === undefined) return undefined;
    // `Model.exists()` resolves to `{ _id }` or `null`, not to a boolean.
    return { text: `await ${model.receiver}.exists(${filter})`, exact: true, absent: 'null', ...(one && { sourceAbsent: 'null' as const }) };
  },
  selectRewrite(req, fields) {
    const model = modelCall(req);
    const shape = fetchShape(req);
    const method = req.match.method;
    if (!model || shape.opaque || !shape.wholeRows || shape.relations || (method !== 'find' && method !== 'findOne' && method !== 'findById')) return undefined;
    if (method === 'findById' && model.filter === undefined) return undefined;
    // `id` is the string virtual of `_id`.
    const projection = quote([...new Set(fields.map((f) => (f === 'id' ? '_id' : f)))].join(' '));
    const text = editChain(req.sourceCode, req.call, [{ args: model.link, text: `${model.filter ?? '{}'}, ${projection}` }]);
    return text === undefined ? undefined : { text: `await ${text}`, exact: false };
  },
  refineRewrite(req, refinement) {
    const model = modelCall(req);
    const shape = fetchShape(req);
    if (!model || req.match.method !== 'find' || shape.opaque || shape.paged) return undefined;
    const links = queryLinks(req.chain);
    const exec = links.find((l) => l.name === 'exec');
    const edits: LinkEdit[] = [];
    const append = (text: string): void => {
      const anchor = exec ? req.chain.links[req.chain.links.indexOf(exec) - 1]?.node : req.call;
      if (anchor) edits.push({ after: anchor, text });
    };
    switch (refinement.kind) {
      case 'equals':
      case 'true': {
        const filter = readOptions(model.link.args[0]);
        if (filter.kind === 'opaque' || (filter.kind === 'object' && filter.props.has(refinement.field))) return undefined;
        const rest = model.link.args.slice(1).map((a) => `, ${req.sourceCode.getText(a)}`).join('');
        edits.push({ args: model.link, text: `${editObject(req.sourceCode, filter, { add: [[refinement.field, refinement.kind === 'true' ? 'true' : refinement.value]] })}${rest}` });
        break;
      }
      case 'order':
        if (links.some((l) => l.name === 'sort')) return undefined;
        append(`.sort({ ${refinement.field === 'id' ? '_id' : refinement.field}: ${refinement.direction === 'asc' ? 1 : -1} })`);
        break;
      case 'take':
        append(`.limit(${refinement.count})`);
        break;
    }
    const text = editChain(req.sourceCode, req.call, edits);
    return text === undefined || edits.length === 0 ? undefined : { text: `await ${text}`, exact: refinement.kind === 'take' };
  },
};

/** Where native-promise methods take their options (`{ session }`). */
const SESSION_OPTIONS: Readonly<Record<string, number>> = { insertMany: 1, bulkWrite: 1, bulkSave: 1 };
const DOCUMENT_SESSION_OPTIONS: Readonly<Record<string, number>> = { save: 0, deleteOne: 0 };

/**
 * Inside `session.withTransaction(…)`/`connection.transaction(async (session) => …)` each operation needs
 * the session (`.session(s)` on a query, `{ session }` in options), unless the app set
 * `transactionAsyncLocalStorage`, which propagates it.
 */
function outsideTransaction(req: TransactionRequest): TransactionFix | undefined {
  const { match, chain, sourceCode, handle } = req;
  if (req.implicit || /transactionAsyncLocalStorage/.test(sourceCode.text)) return undefined;
  const call = match.optionsCall;
  if (!call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (chain.links.some((l) => l.kind === 'call' && l.name === 'session')) return undefined;
  const missing = handleName(req, 'the session');
  if (handle === undefined) return { splices: undefined, missing };
  const receiverRole = req.originOf(call.callee.object)?.role;
  if (receiverRole === 'row' || match.execution === 'eager') {
    // `Model.create(doc)` needs the array form to take options, which changes its result: no edit.
    const index = (receiverRole === 'row' ? DOCUMENT_SESSION_OPTIONS : SESSION_OPTIONS)[match.method];
    if (index === undefined) return { splices: undefined, missing };
    const splice = addOptionSplice(sourceCode, call, index, 'session', handle);
    // Present, or options we cannot read (a variable may carry the session).
    if (splice === 'present' || splice === undefined) return undefined;
    return { splices: [splice], missing };
  }
  // A Query: `.session(s)` right after the model call.
  return { splices: [{ range: [call.range[1], call.range[1]], text: `.session(${handle})` }], missing };
}

const UPDATES: Readonly<Record<string, 'one' | 'id'>> = { updateOne: 'one', findOneAndUpdate: 'one', findByIdAndUpdate: 'id' };
const DELETES: Readonly<Record<string, 'one' | 'id'>> = { deleteOne: 'one', findOneAndDelete: 'one', findByIdAndDelete: 'id' };

/**
 * `Model.create(doc)` per item → `insertMany(docs)`; updates/deletes keyed by the item → `updateMany`/
 * `deleteMany` with `$in` when the update is the same for all, else one `bulkWrite` of per-item
 * operations; `doc.save()` at the end of the loop → one `Model.bulkSave(docs)` after it.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, call, scope, sourceCode } = req;
  if (match.optionsCall !== call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const args = call.arguments;
  if (req.onRow) {
    const rows = req.rowsQuery;
    const item = scope.itemName;
    if (!rows || item === undefined || call.callee.object.type !== AST_NODE_TYPES.Identifier || call.callee.object.name !== item || args.length > 0) return undefined;
    const model = sourceCode.getText(exprBefore(rows.chain, rows.chain.links.findIndex((l) => l.kind === 'call')));
    if (match.method === 'save') return { kind: 'defer', inLoop: null, after: `${model}.bulkSave(${scope.iterableText})` };
    if (match.method === 'deleteOne') return { kind: 'replace', text: `${model}.deleteMany({ _id: { $in: ${scope.mapOf(`${item}._id`)} } })` };
    return undefined;
  }
  const model = sourceCode.getText(call.callee.object);
  if (match.method === 'create') {
    const [doc] = args;
    if (args.length !== 1 || !doc || doc.type === AST_NODE_TYPES.ArrayExpression || doc.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(doc)) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [renameMethod(call, 'insertMany')!, mapSplice(scope, doc)]) };
  }
  const update = UPDATES[match.method];
  const del = DELETES[match.method];
  const form = update ?? del;
  if (!form) return undefined;
  const [filter, change] = args;
  if (!filter || filter.type === AST_NODE_TYPES.SpreadElement || args.length !== (update ? 2 : 1)) return undefined;
  if (change && (change.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(change))) return undefined;
  const sameChange = !change || !scope.dependsOnItem(change);
  if (sameChange) {
    const target = update ? 'updateMany' : 'deleteMany';
    let filterText: string | undefined;
    if (form === 'id') {
      if (scope.isItemKey(filter) && scope.isMovable(filter) && !(change && scope.dependsOnItem(change))) filterText = `{ _id: { $in: ${scope.mapText(filter)} } }`;
    } else {
      const keyed = keyFilterSplice(scope, filter, call, (ids) => `{ $in: ${ids} }`);
      if (keyed) filterText = spliceNodeText(sourceCode, filter, [keyed.splice]);
    }
    if (filterText === undefined) return undefined;
    const rest = change ? `, ${sourceCode.getText(change)}` : '';
    return { kind: 'replace', text: `${model}.${target}(${filterText}${rest})` };
  }
  // A different update per item: one bulkWrite round trip.
  if (!scope.isMovable(filter)) return undefined;
  const filterText = form === 'id' ? `{ _id: ${scope.inlineText(filter)} }` : scope.inlineText(filter);
  const op = update ? `{ updateOne: { filter: ${filterText}, update: ${scope.inlineText(change!)} } }` : `{ deleteOne: { filter: ${filterText} } }`;
  return { kind: 'replace', text: `${model}.bulkWrite(${scope.mapOf(`(${op})`)})` };
}

/** `{ _id: { $in: list } }`, `$nin`, and `Query#in(path, list)` / `.where(path).in(list)`. */
function inListAt(node: TSESTree.Node, req: ShapeRequest): InListSite | undefined {
  if (node.type === AST_NODE_TYPES.Property && !node.computed) {
    const key = staticKey(node);
    if ((key !== '$in' && key !== '$nin') || !withinChainArgs(node, req)) return undefined;
    const object = node.parent;
    const holder = object.type === AST_NODE_TYPES.ObjectExpression ? object.parent : undefined;
    const column = holder?.type === AST_NODE_TYPES.Property && holder.value === object ? staticKey(holder) : undefined;
    return { list: node.value, column, negated: key === '$nin', acceptsSubquery: false };
  }
  if (node.type === AST_NODE_TYPES.CallExpression && req.chain.links.some((l) => l.node === node)) {
    const name = calleeName(node);
    if (name !== 'in' && name !== 'nin') return undefined;
    const list = node.arguments[node.arguments.length - 1];
    return list ? { list, column: node.arguments.length === 2 ? stringOf(node.arguments[0]) : undefined, negated: name === 'nin', acceptsSubquery: false } : undefined;
  }
  return undefined;
}

function stringOf(node: TSESTree.Node | undefined): string | undefined {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : undefined;
}

function queryShape(req: ShapeRequest): QueryShape | undefined {
  const { match, chain, sourceCode } = req;
  const call = match.optionsCall;
  if (!call || (match.method !== 'find' && match.method !== 'findOne' && match.method !== 'findById')) return undefined;
  if (match.method === 'findById') return { ordered: true, uniqueMethod: true };
  const filterArg = call.arguments[0];
  const options = asObject(call.arguments[2]);
  const callIndex = chain.links.findIndex((l) => l.node === call);
  const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee;
  const limit = callClause(chain, new Set(['limit'])) ?? optionClause(options, 'limit');
  const filter = asObject(filterArg);
  return {
    limit: limit ?? (match.method === 'findOne' ? { node: callee, label: 'findOne()' } : undefined),
    offset: callClause(chain, new Set(['skip'])) ?? optionClause(options, 'skip'),
    ordered: linkIndex(chain, new Set(['sort'])) !== -1 || objectProperty(options, 'sort') !== undefined || hasSpread(options) || (call.arguments[2] !== undefined && !options),
    uniqueMethod: false,
    equalities: filterArg === undefined ? [] : isWithin(filterArg, call) && filter ? objectEqualities(filter, (_value, key) => !key.startsWith('$')) : undefined,
    addOrdering(column) {
      if (options && objectProperty(options, 'limit')) {
        const splice = addPropertySplice(sourceCode, options, `sort: { ${column}: 1 }`);
        return splice ? [splice] : undefined;
      }
      const splice = insertCallAfter(chain, callIndex, `.sort({ ${column}: 1 })`);
      return splice ? [splice] : undefined;
    },
  };
}

/** Query methods that keep the rows what they are: they neither filter nor page them. */
const ROW_LINKS = new Set(['sort', 'select', 'lean', 'populate', 'exec', 'projection', 'limit', 'skip', 'session', 'maxTimeMS', 'hint', 'collation', 'comment', 'batchSize', 'read', 'readConcern', 'allowDiskUse', 'orFail', 'setOptions', 'where', 'equals', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'ne', 'or', 'and', 'regex', 'elemMatch', 'slice']);
/** Links after which the rewrite builders cannot keep the query's meaning. */
const REWRITABLE_LINKS = new Set(['sort', 'select', 'lean', 'populate', 'exec', 'projection', 'limit', 'skip']);

function queryLinks(chain: Chain): CallLink[] {
  const start = chain.links.findIndex((l) => l.kind === 'call');
  return chain.links.slice(start + 1).filter((l): l is CallLink => l.kind === 'call');
}

interface ModelCall {
  readonly link: CallLink;
  readonly receiver: string;
  /** The filter argument (or the id of `findById`) as text. */
  readonly filter: string | undefined;
}

function modelCall(req: RewriteRequest): ModelCall | undefined {
  const call = req.match.optionsCall;
  const receiver = call && receiverText(req.sourceCode, call);
  if (!call || receiver === undefined || call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const filter = call.arguments[0];
  return { link: { kind: 'call', name: req.match.method, node: call, args: call.arguments }, receiver, filter: filter && req.sourceCode.getText(filter) };
}

function fetchShape(req: RewriteRequest): FetchShape {
  const call = req.match.optionsCall;
  const names = queryLinks(req.chain).map((l) => l.name ?? '');
  const projectionIndex = req.match.method === 'find' || req.match.method === 'findOne' || req.match.method === 'findById' ? 1 : -1;
  return {
    paged: names.some((n) => n === 'limit' || n === 'skip'),
    grouped: false,
    wholeRows: !names.some((n) => n === 'select' || n === 'projection') && (projectionIndex === -1 || call?.arguments[projectionIndex] === undefined),
    relations: names.includes('populate'),
    ordered: names.includes('sort'),
    // A third argument (query options) may page; chained conditions change the filter.
    opaque: !call || call.arguments.length > 2 || names.some((n) => !REWRITABLE_LINKS.has(n) && !PROMISE_LIKE.has(n)),
  };
}

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

/** The single path a `populate` argument names: `'author'` or `{ path: 'author', … }`. */
function populatePath(arg: TSESTree.Node | undefined): string | undefined {
  if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') return /^[\w.$]+$/.test(arg.value) ? arg.value : undefined;
  const path = arg?.type === AST_NODE_TYPES.ObjectExpression ? objectProperty(arg, 'path')?.value : undefined;
  return path?.type === AST_NODE_TYPES.Literal && typeof path.value === 'string' && /^[\w.$]+$/.test(path.value) ? path.value : undefined;
}

/** Query methods a keyed per-item lookup may carry and still be one populated path. */
const KEYED_TAIL = new Set(['lean', 'exec', 'then', 'catch', 'finally']);

function eagerSupport(): EagerSupport {
  return {
    hint: (relation) => `populate('${relation}')`,

    relationLoad(req) {
      const { query } = req;
      const call = query?.optionsCall;
      if (!query || !call) return undefined;
      const text = (node: TSESTree.Node) => req.sourceCode.getText(node);
      if (query.operation === 'relation-load') {
        const callee = call.callee;
        const arg = call.arguments[0];
        if (query.method !== 'populate' || query.relation === undefined || callee.type !== AST_NODE_TYPES.MemberExpression || !req.isItem(callee.object) || call.arguments.length !== 1 || !arg) return undefined;
        // `{ path, select, match }` moves to the query's populate as it is.
        const nested = arg.type === AST_NODE_TYPES.ObjectExpression && arg.properties.length > 1 ? text(arg) : undefined;
        return { owner: callee.object, relation: query.relation, loaded: text(callee.object), removable: true, nested, confirmed: true };
      }
      // `User.findById(post.author)`: the document field that holds the id is the populated path.
      if (query.operation !== 'read-one' || call.arguments.length !== 1) return undefined;
      const tail = query.chain.links.slice(query.chain.links.findIndex((l) => l.node === call) + 1);
      if (tail.some((l) => l.kind !== 'call' || !KEYED_TAIL.has(l.name ?? ''))) return undefined;
      let value: TSESTree.Node | undefined;
      if (query.method === 'findById') value = call.arguments[0];
      else if (query.method === 'findOne' && call.arguments[0]?.type === AST_NODE_TYPES.ObjectExpression && call.arguments[0].properties.length === 1) {
        const prop = objectProperty(call.arguments[0], '_id');
        value = prop?.value;
      }
      if (value?.type !== AST_NODE_TYPES.MemberExpression || value.computed || value.property.type !== AST_NODE_TYPES.Identifier || !req.isItem(value.object)) return undefined;
      const relation = value.property.name;
      if (relation === '_id' || relation === 'id') return undefined;
      return { owner: value.object, relation, assumedFrom: text(value), loaded: loadedText(text(value.object), relation) };
    },

    include({ source, relation, nested, sourceCode }) {
      const call = source.optionsCall;
      if (!call || source.method !== 'find' || source.operation !== 'read-many') return undefined;
      if (!projectionKeeps(call.arguments[1], relation) || source.chain.links.some((l) => l.kind === 'call' && l.name === 'select' && !projectionKeeps(l.args[0], relation))) return undefined;
      const populates = source.chain.links.filter((l): l is CallLink => l.kind === 'call' && l.name === 'populate');
      for (const link of populates) {
        const arg = link.args[0];
        if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') {
          if (arg.value.split(/\s+/).includes(relation)) return nested === undefined ? [] : undefined;
        } else if (arg?.type === AST_NODE_TYPES.ArrayExpression) {
          if (arg.elements.some((e) => e?.type === AST_NODE_TYPES.Literal ? e.value === relation : populatePath(e ?? undefined) === relation)) return nested === undefined ? [] : undefined;
        } else if (populatePath(arg) === relation) {
          return nested === undefined ? [] : undefined;
        }
      }
      if (nested === undefined) {
        const first = populates[0]?.args[0];
        if (populates.length === 1 && populates[0]!.args.length === 1) {
          if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') return [{ range: first.range, text: stringLiteralText(first, `${first.value} ${relation}`) }];
          if (first?.type === AST_NODE_TYPES.ArrayExpression) return [addArrayElement(sourceCode, first, `'${relation}'`)];
        }
      }
      return insertAfter(source.chain, call, `.populate(${nested ?? `'${relation}'`})`);
    },
  };
}

/** Whether a projection (`'title author'`, `{ title: 1 }`, `'-body'`) keeps `path`; absent projections keep everything. */
function projectionKeeps(projection: TSESTree.Node | undefined, path: string): boolean {
  if (projection === undefined) return true;
  if (projection.type === AST_NODE_TYPES.Literal && typeof projection.value === 'string') {
    const fields = projection.value.split(/\s+/).filter(Boolean);
    if (fields.every((f) => f.startsWith('-'))) return !fields.includes(`-${path}`);
    return fields.includes(path) || fields.includes(`+${path}`);
  }
  if (projection.type === AST_NODE_TYPES.ObjectExpression) {
    const values = projection.properties.map((p) => (p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Literal ? p.value.value : undefined));
    if (values.some((v) => v === undefined)) return false;
    const own = projection.properties.find((p) => p.type === AST_NODE_TYPES.Property && staticKey(p) === path);
    const ownValue = own?.type === AST_NODE_TYPES.Property && own.value.type === AST_NODE_TYPES.Literal ? own.value.value : undefined;
    if (values.every((v) => v === 0 || v === false)) return ownValue === undefined;
    return ownValue === 1 || ownValue === true;
  }
  return false;
}

/** A call inserted right after `call` in its chain (`Post.find(…)` → `Post.find(…).populate('author')`). */
function insertAfter(chain: Chain, call: TSESTree.CallExpression, text: string): Splice[] | undefined {
  if (!chain.links.some((l) => l.node === call)) return undefined;
  return [{ range: [call.range[1], call.range[1]], text }];
}

const UPDATE_METHODS = new Set(['updateOne', 'updateMany', 'findOneAndUpdate', 'findByIdAndUpdate']);

/**
 * `updateOne(filter, { n: doc.n + 1 })` (or inside `$set`) → `{ $inc: { n: 1 } }` (`$mul` for `*`) when `n` is
 * the only change; a guard on the field moves into the filter (`n: { $lt: max }`).
 */
function atomicValue(req: AtomicValueRequest): AtomicEdit | undefined {
  const { match, sourceCode, change } = req;
  const call = match.optionsCall;
  if (!call || !UPDATE_METHODS.has(match.method)) return undefined;
  const [filter, update] = call.arguments;
  if (update?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const set = objectProperty(update, '$set')?.value;
  const prop = payloadProperty(update, req.value, change.field) ?? payloadProperty(set, req.value, change.field);
  if (!prop) return undefined;
  const alone = onlyProperty(update, prop) || (set?.type === AST_NODE_TYPES.ObjectExpression && onlyProperty(set, prop) && update.properties.length === 1);
  if (!alone) return { splices: undefined };
  const operator = change.op === '*' ? '$mul' : '$inc';
  const amount = change.op === '*' ? change.amount : signedAmount(change)!;
  const splices: Splice[] = [{ range: update.range, text: `{ ${operator}: { ${change.field}: ${amount} } }` }];
  if (change.guard && match.method !== 'findByIdAndUpdate' && filter?.type === AST_NODE_TYPES.ObjectExpression && !objectProperty(filter, change.field)) {
    splices.push(appendProperty(filter, `${change.field}: { $${GUARD_OPERATORS[change.guard.op]}: ${change.guard.limit} }`));
    return { splices, conditional: true };
  }
  void sourceCode;
  return { splices };
}

/** `doc.n += k` before `doc.save()` → `doc.$inc('n', k)`: `save()` then sends `$inc`, and nothing else changes. */
function atomicRow(req: AtomicRowRequest): AtomicRowEdit | undefined {
  const amount = signedAmount(req.change);
  if (amount === undefined || req.persist.match.method !== 'save') return undefined;
  return { change: `${req.row}.$inc(${quoted(req.change.field)}, ${amount})`, removePersist: false };
}

/** Every document of `Model.find(filter)` bumped in a loop → `Model.updateMany(filter, { $inc: { n: 1 } })`. */
function bulkAtomic(req: BulkAtomicRequest): { text: string } | undefined {
  const { read, change, sourceCode } = req;
  const call = read.match.optionsCall;
  if (read.match.method !== 'find' || !call || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 1) return undefined;
  if (read.chain.links.some((l) => l.kind === 'call' && l.name !== undefined && ['limit', 'skip', 'sort'].includes(l.name))) return undefined;
  const filter = call.arguments[0];
  const operator = change.op === '*' ? '$mul' : '$inc';
  const amount = change.op === '*' ? change.amount : signedAmount(change)!;
  return { text: `${sourceCode.getText(call.callee.object)}.updateMany(${filter ? sourceCode.getText(filter) : '{}'}, { ${operator}: { ${change.field}: ${amount} } })` };
}
