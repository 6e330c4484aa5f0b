import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, isFunction, propertyName, skipTypeWrappers } from './ast.js';
import type { QueryCall } from './index.js';
import { isPromiseCombinator } from './iteration.js';
import { ORM_MODULES } from './orm/index.js';
import type { Chain, ExecutionModel, OrmId, OrmModule } from './orm/types.js';
import type { TypeOracle } from './type-info.js';

/** A query object that has been built but not sent: a thenable builder/PrismaPromise or an inert builder. */
export interface LazyQuery {
  readonly query: QueryCall;
  readonly model: ExecutionModel;
  /** Whether `await` sends it (the ORM's data, overruled by the checker when typed). */
  readonly thenable: boolean;
}

/** Where the value of an expression goes. */
export type ValueContext =
  /**
   * Thrown away: an expression statement (`direct` when the value is the whole statement), `void x`, a
   * non-last sequence item, or the return value of a `forEach` callback.
   */
  | {
      readonly kind: 'dropped';
      readonly direct: boolean;
      readonly voidNode?: TSESTree.UnaryExpression | undefined;
      readonly forEachCallback?: boolean | undefined;
    }
  /** `await x`, or an element/argument of `Promise.all(…)` and its siblings. */
  | { readonly kind: 'awaited'; readonly node: TSESTree.AwaitExpression | TSESTree.CallExpression }
  /** `x.name…`: the caller decides what the member does. */
  | { readonly kind: 'member'; readonly member: TSESTree.MemberExpression; readonly name: string | undefined; readonly call: TSESTree.CallExpression | undefined }
  | { readonly kind: 'declared'; readonly declarator: TSESTree.VariableDeclarator }
  | { readonly kind: 'assigned'; readonly assignment: TSESTree.AssignmentExpression }
  /** An argument of a call (directly or as an array element): `whereIn('id', sub)`, `db.batch([q])`. */
  | { readonly kind: 'passed'; readonly call: TSESTree.CallExpression | TSESTree.NewExpression; readonly inArray: TSESTree.ArrayExpression | undefined }
  | { readonly kind: 'returned' }
  | { readonly kind: 'other' };

/**
 * What one reference to a builder variable does with it.
 * - `execute`: sends it as it is (`await q`, `q.getMany()`, `q.exec()`).
 * - `derive`: calls builder methods and uses the result as a query (`await q.where(x)`, `const a = q.where(x)`).
 * - `mutate`: calls builder methods for their effect on a mutable builder (`q.where(x);`, `q = q.where(x)`).
 * - `discard`: calls a method of an immutable builder and throws the new builder away.
 * - `clone`: copies it; `value`: reads SQL or makes a subquery alias; `pass`: hands it on unchanged;
 *   `other`: anything else (a property read, an unknown method).
 */
export type UseKind = 'execute' | 'derive' | 'mutate' | 'discard' | 'clone' | 'value' | 'pass' | 'other';

export interface BuilderUse {
  readonly kind: UseKind;
  readonly ref: TSESTree.Identifier;
  /** The outermost expression of the use: the last call of the chain on the reference, or the reference. */
  readonly end: TSESTree.Expression;
  /** Methods called on the reference, in order, and their calls. */
  readonly methods: readonly string[];
  readonly calls: readonly TSESTree.CallExpression[];
  /** Where `end`'s value goes. */
  readonly context: ValueContext;
  /** Whether this use sends the query. */
  readonly executes: boolean;
  /** How it is sent: by an execute method in the chain (`getMany()`, `then()`), or by `await`/`Promise.all` around it. */
  readonly executesBy: 'method' | 'await' | undefined;
  /** `await` of a builder that is not thenable: nothing is sent. */
  readonly awaitsInert: boolean;
  /** The first method that turns the statement into another kind (`count`, `first`), if any. */
  readonly reshape: string | undefined;
}

/** A variable holding a lazy query (`const q = knex('users')`), or a builder derived from one. */
export interface BuilderVariable {
  readonly declarator: TSESTree.VariableDeclarator;
  readonly id: TSESTree.Identifier;
  readonly name: string;
  readonly orm: OrmId;
  readonly model: ExecutionModel;
  readonly thenable: boolean;
  readonly origin:
    | { readonly kind: 'query'; readonly lazy: LazyQuery }
    | { readonly kind: 'derived'; readonly base: BuilderVariable; readonly use: BuilderUse };
  readonly declarationKind: TSESTree.VariableDeclaration['kind'];
  /** Declared at the top of a module or script: shared by every function that uses it. */
  readonly moduleLevel: boolean;
  /** Exported, so code elsewhere may run it. */
  readonly exported: boolean;
  /** Named in a type (`Awaited<typeof q>`): built for its type, maybe never meant to run. */
  readonly usedInTypes: boolean;
  /** Every use, in source order. */
  readonly uses: readonly BuilderUse[];
}

export interface LazyAnalysis {
  /** The lazy query that `call` builds, or undefined when the call is not one (or it is already sent, or a use of a held builder). */
  lazyQuery(call: TSESTree.CallExpression): LazyQuery | undefined;
  /** Where the value of `expr` goes, through parentheses, type wrappers, `&&`/`?:` branches and sequences. */
  valueContext(expr: TSESTree.Expression): ValueContext;
  /** The builder a variable holds and its uses; undefined when it holds none or is reassigned to something else. */
  builderVariable(declarator: TSESTree.VariableDeclarator): BuilderVariable | undefined;
  /** The query a builder variable comes from, following derived builders to their root. */
  rootQuery(variable: BuilderVariable): LazyQuery;
  /** Whether `a` surely runs before `b`: same function, earlier, and not inside a branch or loop that `b` is outside of. */
  runsBefore(a: TSESTree.Node, b: TSESTree.Node): boolean;
  /** Whether `node` sits directly in an `async` function, so `await` may be added there. */
  inAsyncFunction(node: TSESTree.Node): boolean;
  /** The nearest function around `node`, or the Program. */
  enclosingFunction(node: TSESTree.Node): TSESTree.Node;
}

interface Dependencies {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly types: TypeOracle | null;
  queryAt(call: TSESTree.CallExpression): QueryCall | undefined;
  module(id: OrmId): OrmModule;
}

/** Builds the per-file lazy-query analysis (called once per file, on first use). */
export function createLazyAnalysis(deps: Dependencies): LazyAnalysis {
  const { sourceCode, types } = deps;
  const lazyCache = new Map<TSESTree.CallExpression, LazyQuery | null>();
  const variableCache = new Map<TSESTree.VariableDeclarator, BuilderVariable | null>();
  const computing = new Set<TSESTree.Node>();

  function lazyQuery(call: TSESTree.CallExpression): LazyQuery | undefined {
    const cached = lazyCache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    if (computing.has(call)) return undefined;
    computing.add(call);
    let result: LazyQuery | undefined;
    try {
      result = computeLazyQuery(call);
    } catch {
      result = undefined;
    } finally {
      computing.delete(call);
    }
    lazyCache.set(call, result ?? null);
    return result;
  }

  function computeLazyQuery(call: TSESTree.CallExpression): LazyQuery | undefined {
    const query = deps.queryAt(call);
    if (!query || query.evidence === 'name') return undefined;
    if (query.execution !== 'thenable' && query.execution !== 'inert') return undefined;
    const model = deps.module(query.orm).executionModel;
    if (!model) return undefined;
    let firstCall = -1;
    for (let i = 0; i < query.chain.links.length; i++) {
      const link = query.chain.links[i]!;
      if (link.kind !== 'call') continue;
      if (firstCall === -1) firstCall = i;
      if (link.name !== undefined && (runs(model, link.name, link.args.length) || model.valueMethods.has(link.name))) return undefined;
      const lastArg = link.args[link.args.length - 1];
      if (model.callbackRuns && lastArg !== undefined && isFunction(lastArg)) return undefined;
    }
    // `qb.select('id')` on a builder the code already holds changes that builder; it starts nothing.
    if (isHeldBuilder(query.chain.base)) return undefined;
    if (firstCall > 0 && isHeldBuilder(receiverBefore(query.chain, firstCall))) return undefined;
    // A receiver known only by its shape and named like a builder (`qb`, `subQuery`) is one, not a client.
    if (query.evidence === 'shape' && BUILDER_NAME.test(lastName(receiverBefore(query.chain, Math.max(firstCall, 0))) ?? '')) return undefined;
    // A chain ending in a method the ORM's data does not know (an internal terminal, a plugin method) may run it.
    const last = query.chain.links[query.chain.links.length - 1];
    if (model.builder !== 'none' && last?.kind === 'call' && last.name !== undefined && query.chain.links.indexOf(last) !== firstCall && !model.builderMethods.has(last.name)) {
      return undefined;
    }
    let thenable = query.execution === 'thenable';
    const typed = types?.isThenable(call);
    if (typed !== undefined) thenable = typed;
    return { query, model, thenable };
  }

  function isHeldBuilder(expr: TSESTree.Expression, depth = 0): boolean {
    const node = skipTypeWrappers(expr);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      const def = variable?.defs[0];
      if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier) {
        if (isBuilderAnnotation(def.node.id.typeAnnotation?.typeAnnotation)) return true;
        if (def.node.init && builderVariable(def.node) !== undefined) return true;
        // `const qb = this.originQueryBuilder`: an alias of a builder is that builder.
        const init = def.node.init ? skipTypeWrappers(def.node.init) : undefined;
        if (depth < 4 && (init?.type === AST_NODE_TYPES.Identifier || init?.type === AST_NODE_TYPES.MemberExpression) && isHeldBuilder(init, depth + 1)) return true;
      } else if (def?.type === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier && isBuilderAnnotation(def.name.typeAnnotation?.typeAnnotation)) {
        return true;
      }
    } else if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(node);
      if (name !== undefined && isBuilderAnnotation(classMemberAnnotation(node, name))) return true;
    } else if (node.type === AST_NODE_TYPES.ThisExpression && isCallbackThis(node)) {
      // `whereIn('id', function () { this.select('id').from('t'); })`: the caller binds `this` to a subquery builder.
      return true;
    }
    if (types && node.type !== AST_NODE_TYPES.ThisExpression) {
      const typed = types.ormTypeName(node);
      if (typed && deps.module(typed.orm).executionModel?.builderTypeNames?.test(typed.name)) return true;
    }
    return false;
  }

  function builderVariable(declarator: TSESTree.VariableDeclarator): BuilderVariable | undefined {
    const cached = variableCache.get(declarator);
    if (cached !== undefined) return cached ?? undefined;
    if (computing.has(declarator)) return undefined;
    computing.add(declarator);
    let result: BuilderVariable | undefined;
    try {
      result = computeBuilderVariable(declarator);
    } catch {
      result = undefined;
    } finally {
      computing.delete(declarator);
    }
    variableCache.set(declarator, result ?? null);
    return result;
  }

  function computeBuilderVariable(declarator: TSESTree.VariableDeclarator): BuilderVariable | undefined {
    const id = declarator.id;
    if (id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
    const init = skipTypeWrappers(declarator.init);
    if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
    let origin: BuilderVariable['origin'] | undefined;
    let orm: OrmId;
    let model: ExecutionModel;
    let thenable: boolean;
    const lazy = lazyQuery(init);
    if (lazy) {
      origin = { kind: 'query', lazy };
      orm = lazy.query.orm;
      model = lazy.model;
      thenable = lazy.thenable;
    } else {
      const base = chainBaseIdentifier(init);
      const baseDef = base ? ASTUtils.findVariable(sourceCode.getScope(base), base)?.defs[0] : undefined;
      if (baseDef?.type !== 'Variable') return undefined;
      const parent = builderVariable(baseDef.node);
      const use = parent?.uses.find((u) => u.end === init && u.kind === 'derive' && !u.executes);
      if (!parent || !use) return undefined;
      origin = { kind: 'derived', base: parent, use };
      orm = parent.orm;
      model = parent.model;
      thenable = parent.thenable;
    }
    const variable = sourceCode.getDeclaredVariables(declarator)[0];
    if (!variable) return undefined;
    const uses: BuilderUse[] = [];
    let usedInTypes = false;
    for (const ref of variable.references) {
      if ((ref as { isValueReference?: boolean }).isValueReference === false) {
        usedInTypes = true;
        continue;
      }
      if (ref.isWrite()) {
        if (ref.identifier === id) continue;
        if (ref.isRead() || !isSelfAssignment(ref.identifier, variable, model)) return undefined;
        continue;
      }
      if (ref.identifier.type !== AST_NODE_TYPES.Identifier) continue;
      uses.push(useOf(ref.identifier, model, thenable, variable));
    }
    uses.sort((a, b) => a.ref.range[0] - b.ref.range[0]);
    const declaration = declarator.parent;
    return {
      declarator,
      id,
      name: id.name,
      orm,
      model,
      thenable,
      origin,
      declarationKind: declaration.kind,
      moduleLevel: variable.scope.type === 'module' || variable.scope.type === 'global',
      exported: declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration,
      usedInTypes,
      uses,
    };
  }

  /** `q = q.where(…)`: the variable keeps holding the builder (changed, or its new version). */
  function isSelfAssignment(target: TSESTree.Node, variable: TSESLint.Scope.Variable, model: ExecutionModel): boolean {
    const assignment = target.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== target) return false;
    let node = skipTypeWrappers(assignment.right);
    let calls = 0;
    while (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTypeWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const name = propertyName(callee);
      if (name === undefined || !model.builderMethods.has(name)) return false;
      calls++;
      node = skipTypeWrappers(callee.object);
    }
    if (calls === 0 || node.type !== AST_NODE_TYPES.Identifier) return false;
    return ASTUtils.findVariable(sourceCode.getScope(node), node) === variable;
  }

  function useOf(ref: TSESTree.Identifier, model: ExecutionModel, thenable: boolean, variable: TSESLint.Scope.Variable): BuilderUse {
    let end: TSESTree.Expression = ref;
    const methods: string[] = [];
    const calls: TSESTree.CallExpression[] = [];
    let executes = false;
    let executesBy: BuilderUse['executesBy'];
    let kind: UseKind | undefined;
    let context = valueContext(end);
    while (context.kind === 'member') {
      const { name, call } = context;
      if (!call || name === undefined) {
        kind = 'other';
        break;
      }
      methods.push(name);
      calls.push(call);
      end = call;
      if (runs(model, name, call.arguments.length)) {
        executes = true;
        executesBy = 'method';
        break;
      }
      if (model.valueMethods.has(name)) {
        kind = 'value';
        break;
      }
      if (name === model.cloneMethod && methods.length === 1) {
        kind = 'clone';
        break;
      }
      if (!model.builderMethods.has(name)) {
        kind = 'other';
        break;
      }
      context = valueContext(end);
    }
    context = valueContext(end);
    let awaitsInert = false;
    if (kind === undefined) {
      if (executes) {
        kind = methods.length === 1 ? 'execute' : 'derive';
      } else if (context.kind === 'awaited') {
        if (thenable) {
          executes = true;
          executesBy = 'await';
          kind = methods.length === 0 ? 'execute' : 'derive';
        } else {
          awaitsInert = true;
          kind = methods.length === 0 ? 'other' : 'derive';
        }
      } else if (methods.length === 0) {
        kind = context.kind === 'dropped' ? 'other' : 'pass';
      } else if (context.kind === 'assigned' && isSameVariable(context.assignment.left, variable)) {
        kind = 'mutate';
      } else if (context.kind === 'dropped' && !context.forEachCallback) {
        kind = model.builder === 'immutable' ? 'discard' : 'mutate';
      } else {
        kind = 'derive';
      }
    }
    const reshape = model.reshapeMethods ? methods.find((m) => model.reshapeMethods!.has(m)) : undefined;
    return { kind, ref, end, methods, calls, context, executes, executesBy, awaitsInert, reshape };
  }

  function isSameVariable(node: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
    return node.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(sourceCode.getScope(node), node) === variable;
  }

  function rootQuery(variable: BuilderVariable): LazyQuery {
    let current = variable;
    while (current.origin.kind === 'derived') current = current.origin.base;
    return current.origin.lazy;
  }

  return {
    lazyQuery,
    valueContext,
    builderVariable,
    rootQuery,
    runsBefore,
    inAsyncFunction(node) {
      const fn = enclosingFunction(node);
      return isFunction(fn) && fn.async;
    },
    enclosingFunction,
  };
}

/** Receiver names that hold a builder by convention, never a client. */
const BUILDER_NAME = /^(?:qb|q|query|builder|sub|subQuery|subquery|\w+(?:Query|Builder|Qb|QB))$/;

/** The last name of `this.qb` / `qb`. */
function lastName(node: TSESTree.Expression): string | undefined {
  const inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return propertyName(inner);
  return undefined;
}

/** Whether calling `name` (with `argCount` arguments) sends a query of this ORM. */
function runs(model: ExecutionModel, name: string, argCount: number): boolean {
  return model.executeMethods.has(name) || (argCount === 0 && model.argumentlessExecuteMethods?.has(name) === true);
}

/** The receiver of the call link at `index` (`this.qb` for `this.qb.select()`). */
function receiverBefore(chain: Chain, index: number): TSESTree.Expression {
  const link = chain.links[index]!;
  if (link.kind === 'call' && link.node.callee.type === AST_NODE_TYPES.MemberExpression) return link.node.callee.object;
  const prev = chain.links[index - 1];
  return prev ? prev.node : chain.base;
}

/** The identifier a chain of member calls starts from (`q` in `q.where(a).orderBy(b)`). */
function chainBaseIdentifier(node: TSESTree.Expression): TSESTree.Identifier | undefined {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    current = skipTypeWrappers(callee.object);
  }
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/** `this` inside a `function` passed as an argument: bound by the callee (Knex subquery callbacks), not the enclosing class. */
function isCallbackThis(node: TSESTree.ThisExpression): boolean {
  let fn: TSESTree.Node | undefined = node.parent;
  while (fn && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) fn = fn.parent;
  return fn?.type === AST_NODE_TYPES.FunctionExpression && fn.parent?.type === AST_NODE_TYPES.CallExpression && fn.parent.arguments.includes(fn);
}

/** `Knex.QueryBuilder`, `SelectQueryBuilder<User>`: a type annotation naming some ORM's builder. */
function isBuilderAnnotation(annotation: TSESTree.TypeNode | undefined): boolean {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const typeName = annotation.typeName;
  const last = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : undefined;
  return last !== undefined && ORM_MODULES.some((m) => m.executionModel?.builderTypeNames?.test(last) === true);
}

/** The type annotation of class member `name` (a property or a constructor parameter property). */
function classMemberAnnotation(node: TSESTree.Node, name: string): TSESTree.TypeNode | undefined {
  let cls: TSESTree.Node | undefined = node.parent;
  while (cls && cls.type !== AST_NODE_TYPES.ClassBody) cls = cls.parent;
  if (!cls) return undefined;
  for (const member of cls.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) {
      return member.typeAnnotation?.typeAnnotation;
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return inner.typeAnnotation?.typeAnnotation;
      }
    }
  }
  return undefined;
}

function isWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion ||
    node.type === AST_NODE_TYPES.ChainExpression
  );
}

/** Where the value of `expr` goes; see {@link ValueContext}. */
export function valueContext(expr: TSESTree.Expression): ValueContext {
  let child: TSESTree.Node = expr;
  let direct = true;
  for (let depth = 0; depth < 20; depth++) {
    let parent: TSESTree.Node | undefined = child.parent;
    while (parent && isWrapper(parent)) {
      child = parent;
      parent = parent.parent;
    }
    if (!parent) return { kind: 'other' };
    switch (parent.type) {
      case AST_NODE_TYPES.ExpressionStatement:
        return { kind: 'dropped', direct };
      case AST_NODE_TYPES.UnaryExpression: {
        if (parent.operator !== 'void') return { kind: 'other' };
        const outer = valueContext(parent);
        return outer.kind === 'dropped' ? { kind: 'dropped', direct: false, voidNode: parent } : { kind: 'other' };
      }
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== child) return { kind: 'dropped', direct: false };
        direct = false;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right !== child) return { kind: 'other' };
        direct = false;
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return { kind: 'other' };
        direct = false;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        return { kind: 'awaited', node: parent };
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== child) return { kind: 'other' };
        let outer: TSESTree.Node = parent;
        while (outer.parent && isWrapper(outer.parent)) outer = outer.parent;
        const callNode = outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.callee === outer ? outer.parent : undefined;
        return { kind: 'member', member: parent, name: propertyName(parent), call: callNode };
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee === child) return { kind: 'other' };
        if (parent.type === AST_NODE_TYPES.CallExpression && isPromiseCombinator(parent)) return { kind: 'awaited', node: parent };
        return { kind: 'passed', call: parent, inArray: undefined };
      case AST_NODE_TYPES.ArrayExpression: {
        const outer = valueContext(parent);
        if (outer.kind === 'passed') return { kind: 'passed', call: outer.call, inArray: outer.inArray ?? parent };
        if (outer.kind === 'awaited' || outer.kind === 'dropped') return outer;
        return { kind: 'other' };
      }
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression:
        return returnedFrom(parent);
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child ? returnedFrom(parent) : { kind: 'other' };
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === child ? { kind: 'declared', declarator: parent } : { kind: 'other' };
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === child && parent.operator === '=' ? { kind: 'assigned', assignment: parent } : { kind: 'other' };
      default:
        return { kind: 'other' };
    }
    child = parent;
  }
  return { kind: 'other' };
}

/** A returned value; from a `forEach` callback it is thrown away. */
function returnedFrom(node: TSESTree.Node): ValueContext {
  let fn: TSESTree.Node | undefined = node;
  while (fn && !isFunction(fn)) fn = fn.parent;
  if (fn && fn.type !== AST_NODE_TYPES.FunctionDeclaration) {
    const call = fn.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn && calleeName(call) === 'forEach' && call.callee.type === AST_NODE_TYPES.MemberExpression) {
      return { kind: 'dropped', direct: false, forEachCallback: true };
    }
  }
  return { kind: 'returned' };
}

/** The nearest function around `node`, or the Program. */
function enclosingFunction(node: TSESTree.Node): TSESTree.Node {
  let current = node.parent;
  while (current) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.Program) return current;
    current = current.parent;
  }
  return node;
}

function ancestors(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) out.push(current);
  return out;
}

/** Whether reaching `child` from `parent` depends on a condition, a loop turn or an exception. */
function isConditionalEdge(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return child !== parent.test;
    case AST_NODE_TYPES.LogicalExpression:
      return child === parent.right;
    case AST_NODE_TYPES.SwitchStatement:
      return child !== parent.discriminant;
    case AST_NODE_TYPES.ForStatement:
      return child === parent.body || child === parent.update;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
      return child === parent.body;
    case AST_NODE_TYPES.TryStatement:
      return child === parent.handler;
    case AST_NODE_TYPES.AssignmentPattern:
      return child === parent.right;
    default:
      return false;
  }
}

/** Whether `a` surely runs before `b` each time `b` runs (a syntactic approximation that errs towards "no"). */
function runsBefore(a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (a.range[1] > b.range[0]) return false;
  if (enclosingFunction(a) !== enclosingFunction(b)) return false;
  const aPath = ancestors(a);
  const bPath = ancestors(b);
  const bSet = new Set(bPath);
  const lcaIndex = aPath.findIndex((n) => bSet.has(n));
  if (lcaIndex <= 0) return false;
  for (let i = 0; i < lcaIndex; i++) {
    if (isConditionalEdge(aPath[i + 1]!, aPath[i]!)) return false;
  }
  // A `catch` runs when the `try` failed, maybe at `a` itself: a retry, not a second run.
  const lca = aPath[lcaIndex]!;
  for (let i = 0; bPath[i] !== lca && i < bPath.length - 1; i++) {
    const parent = bPath[i + 1]!;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.handler === bPath[i]) return false;
  }
  return true;
}
