import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, isFunction, propertyName, skipTypeWrappers } from './ast.js';
import type { ClientRole, Evidence, OrmId, OrmModule, Origin } from './orm/types.js';
import type { OrmSettings } from './settings.js';
import type { TypeOracle } from './type-info.js';

/** Which ORM module owns an import source (`@prisma/client`, `drizzle-orm/pg-core`). */
export function ormOfSource(modules: readonly OrmModule[], source: string): OrmModule | undefined {
  // The app's own files (`./db`, `../models/user`) are never an ORM package.
  if (source.startsWith('./') || source.startsWith('../')) return undefined;
  for (const mod of modules) {
    for (const pkg of mod.packages) {
      if (pkg.endsWith('/') ? source.startsWith(pkg) || source === pkg.slice(0, -1) : source === pkg || source.startsWith(`${pkg}/`)) {
        return mod;
      }
    }
  }
  return undefined;
}

/** A transaction callback: `prisma.$transaction(async (tx) => …)` and its ORM equivalents. */
export interface TransactionCallback {
  readonly orm: OrmId;
  /** The callback function. */
  readonly fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  /** The call that runs it (`prisma.$transaction(…)`, `db.transaction().execute(…)`). */
  readonly call: TSESTree.CallExpression;
  /** The client the transaction was started from (`prisma`, `db`, `session`). */
  readonly receiver: TSESTree.Expression;
  readonly receiverOrigin: Origin;
  /** The callback's first parameter when it is a plain identifier (`tx`, `trx`, `manager`). */
  readonly param: TSESTree.Identifier | undefined;
  /** What the callback's parameter is. */
  readonly origin: Origin;
}

/** Reports which read query loaded the row an expression holds (set by the analyzer, which recognises queries). */
export type RowQueryLookup = (expr: TSESTree.Expression) => { readonly orm: OrmId; readonly evidence: Evidence; readonly model?: string | undefined } | undefined;

interface ImportInfo {
  readonly source: string;
  /** `default`, `*`, or the imported name. */
  readonly imported: string;
}

/**
 * Resolves receivers to what they are: a Prisma client, a TypeORM repository of `User`, a Sequelize
 * model… by following scope analysis to imports, initializers, type annotations, class members,
 * injection decorators and transaction callbacks. One instance per file; results are cached per node.
 */
export class Bindings {
  private readonly cache = new Map<TSESTree.Node, Origin | null>();
  private readonly visiting = new Set<TSESTree.Node>();
  /** Origins per variable: every reference to one variable has the origin its definition gives. */
  private readonly variableCache = new Map<TSESLint.Scope.Variable, Origin | null>();
  /**
   * How many times a computation was cut short by a recursion guard (here or in the analyzer's query
   * cache): an answer computed meanwhile may be partial, so it is not kept for other references.
   */
  guardHits = 0;
  /** Row lookup for ORMs whose rows are active records (`order.save()`); wired by the analyzer. */
  rowQuery: RowQueryLookup | undefined;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly modules: readonly OrmModule[],
    private readonly settings: OrmSettings,
    private readonly importedOrms: ReadonlySet<OrmId>,
    private readonly types: TypeOracle | null,
  ) {}

  originOf(expr: TSESTree.Expression): Origin | undefined {
    const node = skipTypeWrappers(expr);
    const cached = this.cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    if (this.visiting.has(node)) {
      this.guardHits++;
      return undefined;
    }
    this.visiting.add(node);
    let result: Origin | undefined;
    try {
      result = this.compute(node);
      // The checker, when present, is authoritative about what a receiver is.
      const typed = this.types?.typeOrigin(node);
      if (typed) result = { ...typed, model: typed.model ?? result?.model };
    } finally {
      this.visiting.delete(node);
    }
    this.cache.set(node, result ?? null);
    return result;
  }

  private module(id: OrmId): OrmModule {
    return this.modules.find((m) => m.id === id)!;
  }

  private compute(node: TSESTree.Expression): Origin | undefined {
    const dotted = dottedName(node);
    if (dotted !== undefined) {
      const configured = this.settings.clients.get(dotted) ?? this.settings.clients.get(dotted.replace(/^this\./, ''));
      if (configured !== undefined) return { orm: configured.orm, role: configured.role, evidence: 'import' };
    }
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifierOrigin(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.memberOrigin(node);
      case AST_NODE_TYPES.AwaitExpression:
        return this.originOf(node.argument);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return this.initOrigin(node);
      default:
        return undefined;
    }
  }

  /** What an initializer expression makes: `new PrismaClient()`, `drizzle(pool)`, `ds.getRepository(User)`. */
  private initOrigin(node: TSESTree.CallExpression | TSESTree.NewExpression): Origin | undefined {
    const callee = skipTypeWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const imp = this.importOf(callee);
      if (imp) {
        const mod = ormOfSource(this.modules, imp.source);
        if (mod) {
          const role = mod.exports[imp.imported] ?? (imp.imported === 'default' ? mod.exports[callee.name] : undefined);
          if (role === 'factory' || role === undefined) {
            const made = mod.derived.factory?.[node.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call'];
            if (made) return { orm: mod.id, role: made, evidence: 'import' };
            return undefined;
          }
          return { orm: mod.id, role, evidence: 'import' };
        }
      }
      const origin = this.originOf(callee);
      if (origin?.role === 'factory') {
        const made = this.module(origin.orm).derived.factory?.[node.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call'];
        if (made) return { orm: origin.orm, role: made, evidence: origin.evidence };
      }
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      if (name === undefined) return undefined;
      const owner = this.originOf(callee.object);
      if (!owner) return undefined;
      const role = this.module(owner.orm).derived[owner.role]?.[name];
      if (!role) return undefined;
      const arg0 = node.arguments[0];
      const model = arg0?.type === AST_NODE_TYPES.Identifier ? arg0.name : arg0?.type === AST_NODE_TYPES.Literal && typeof arg0.value === 'string' ? arg0.value : undefined;
      return { orm: owner.orm, role, evidence: owner.evidence, model: role === 'model' || role === 'repository' ? model : undefined };
    }
    return undefined;
  }

  private memberOrigin(node: TSESTree.MemberExpression): Origin | undefined {
    const name = propertyName(node);
    if (name === undefined) return undefined;
    if (node.object.type === AST_NODE_TYPES.ThisExpression) {
      return this.classMemberOrigin(node, name) ?? this.nameOrigin(name);
    }
    const owner = this.originOf(node.object);
    if (owner) {
      const role = this.module(owner.orm).derived[owner.role]?.[`.${name}`];
      if (role) return { orm: owner.orm, role, evidence: owner.evidence };
    }
    return this.nameOrigin(name);
  }

  /** A receiver whose last name is a client by convention (`ctx.prisma`, `this.knex`). */
  private nameOrigin(name: string): Origin | undefined {
    for (const mod of this.modules) {
      if (mod.clientNames?.test(name)) return { orm: mod.id, role: 'client', evidence: 'shape' };
    }
    return undefined;
  }

  private classMemberOrigin(node: TSESTree.MemberExpression, name: string): Origin | undefined {
    let cls: TSESTree.Node | undefined = node.parent;
    while (cls && cls.type !== AST_NODE_TYPES.ClassBody) cls = cls.parent;
    if (!cls) return undefined;
    for (const member of cls.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) {
        return (
          this.decoratorsOrigin(member.decorators) ??
          this.annotationOrigin(member.typeAnnotation?.typeAnnotation) ??
          (member.value ? this.originOf(member.value) : undefined)
        );
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) {
            return this.decoratorsOrigin(param.decorators) ?? this.annotationOrigin(inner.typeAnnotation?.typeAnnotation);
          }
        }
        // `this.db = new PrismaClient()` in the constructor.
        for (const stmt of member.value.body?.body ?? []) {
          if (
            stmt.type === AST_NODE_TYPES.ExpressionStatement &&
            stmt.expression.type === AST_NODE_TYPES.AssignmentExpression &&
            stmt.expression.left.type === AST_NODE_TYPES.MemberExpression &&
            stmt.expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
            propertyName(stmt.expression.left) === name
          ) {
            return this.originOf(stmt.expression.right);
          }
        }
      }
    }
    return undefined;
  }

  private decoratorsOrigin(decorators: readonly TSESTree.Decorator[] | undefined): Origin | undefined {
    for (const decorator of decorators ?? []) {
      const expr = decorator.expression;
      if (expr.type !== AST_NODE_TYPES.CallExpression || expr.callee.type !== AST_NODE_TYPES.Identifier) continue;
      const imp = this.importOf(expr.callee);
      const arg0 = expr.arguments[0];
      const model =
        arg0?.type === AST_NODE_TYPES.Identifier
          ? arg0.name
          : arg0?.type === AST_NODE_TYPES.MemberExpression && arg0.object.type === AST_NODE_TYPES.Identifier
            ? arg0.object.name // `@InjectModel(User.name)`
            : undefined;
      const candidates = imp ? this.modules.filter((m) => imp.source.includes(m.id === 'mikroorm' ? 'mikro-orm' : m.id)) : [];
      for (const mod of candidates.length > 0 ? candidates : this.modules) {
        const role = mod.injectDecorators?.[expr.callee.name];
        if (role) {
          // `@InjectRepository` exists for TypeORM and MikroORM: the import or the file's imports decide.
          const evidence: Evidence = candidates.length > 0 || this.importedOrms.has(mod.id) ? 'import' : 'shape';
          return { orm: mod.id, role, evidence, model };
        }
      }
    }
    return undefined;
  }

  /** `Repository<User>`, `PrismaClient`, `Prisma.TransactionClient`, `Knex.Transaction`, `typeof User`. */
  annotationOrigin(annotation: TSESTree.TypeNode | undefined): Origin | undefined {
    if (!annotation) return undefined;
    if (annotation.type === AST_NODE_TYPES.TSTypeQuery && annotation.exprName.type === AST_NODE_TYPES.Identifier) {
      return this.originOf(annotation.exprName);
    }
    if (annotation.type === AST_NODE_TYPES.TSUnionType) {
      for (const t of annotation.types) {
        const o = this.annotationOrigin(t);
        if (o) return o;
      }
      return undefined;
    }
    if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    let first: TSESTree.Identifier | undefined;
    let last: string;
    if (annotation.typeName.type === AST_NODE_TYPES.Identifier) {
      first = annotation.typeName;
      last = annotation.typeName.name;
    } else if (annotation.typeName.type === AST_NODE_TYPES.TSQualifiedName) {
      let left: TSESTree.EntityName = annotation.typeName.left;
      while (left.type === AST_NODE_TYPES.TSQualifiedName) left = left.left;
      first = left.type === AST_NODE_TYPES.Identifier ? left : undefined;
      last = annotation.typeName.right.name;
    } else {
      return undefined;
    }
    const typeArg = annotation.typeArguments?.params[0];
    const model =
      typeArg?.type === AST_NODE_TYPES.TSTypeReference && typeArg.typeName.type === AST_NODE_TYPES.Identifier
        ? typeArg.typeName.name
        : undefined;
    const imp = first ? this.importOf(first) : undefined;
    if (imp) {
      const mod = ormOfSource(this.modules, imp.source);
      if (mod) {
        const role = mod.typeNames[last];
        return role ? { orm: mod.id, role, evidence: 'import', model } : undefined;
      }
      const configured = this.settings.modules.get(imp.source);
      if (configured) {
        const role = this.module(configured).typeNames[last];
        if (role) return { orm: configured, role, evidence: 'import', model };
      }
    }
    // Not imported from an ORM: trust only distinctive names (`PrismaClient`, `PrismaService`, `Kysely`),
    // or a shared name (`Repository`, `EntityManager`) in a file that imports exactly that ORM.
    for (const mod of this.modules) {
      if (mod.distinctiveTypeNames?.test(last)) {
        return { orm: mod.id, role: mod.typeNames[last] ?? 'client', evidence: 'shape', model };
      }
    }
    for (const mod of this.modules) {
      const role = mod.typeNames[last];
      if (role && this.importedOrms.has(mod.id)) return { orm: mod.id, role, evidence: 'shape', model };
    }
    return undefined;
  }

  private identifierOrigin(node: TSESTree.Identifier): Origin | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable) return undefined;
    const cached = this.variableCache.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    const hits = this.guardHits;
    const result = this.variableOrigin(node, variable);
    if (this.guardHits === hits) this.variableCache.set(variable, result ?? null);
    return result;
  }

  private variableOrigin(node: TSESTree.Identifier, variable: TSESLint.Scope.Variable): Origin | undefined {
    const def = variable.defs[0];
    if (!def) return undefined;
    const imp = importOfDefinition(def, node.name);
    if (imp) {
      {
        const mod = ormOfSource(this.modules, imp.source);
        if (mod) {
          const role = mod.exports[imp.imported];
          return role ? { orm: mod.id, role, evidence: 'import' } : undefined;
        }
        const configured = this.settings.modules.get(imp.source);
        if (configured) {
          return { orm: configured, role: /^[A-Z]/.test(node.name) ? 'model' : 'client', evidence: 'import', model: /^[A-Z]/.test(node.name) ? node.name : undefined };
        }
        return this.nameOrigin(node.name);
      }
    }
    switch (def.type) {
      case 'Variable': {
        const declarator = def.node;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          const fromType = this.annotationOrigin(declarator.id.typeAnnotation?.typeAnnotation);
          if (fromType) return fromType;
          if (declarator.init && declarator.id === def.name) {
            const fromInit = this.originOf(declarator.init);
            if (fromInit) return fromInit;
          }
        }
        return this.rowOrigin(node) ?? this.nameOrigin(node.name);
      }
      case 'Parameter': {
        const ident = def.name;
        if (ident.type === AST_NODE_TYPES.Identifier && ident.typeAnnotation) {
          const fromType = this.annotationOrigin(ident.typeAnnotation.typeAnnotation);
          if (fromType) return fromType;
        }
        if (isFunction(def.node) && def.node.params[0] === ident) {
          const tx = this.transactionCallbackOrigin(def.node);
          if (tx) return tx;
        }
        return this.rowOrigin(node) ?? this.nameOrigin(node.name);
      }
      case 'ClassName': {
        const cls = def.node;
        if (cls.type !== AST_NODE_TYPES.ClassDeclaration && cls.type !== AST_NODE_TYPES.ClassExpression) return undefined;
        const superClass = cls.superClass ? skipTypeWrappers(cls.superClass) : undefined;
        if (superClass?.type === AST_NODE_TYPES.Identifier) {
          const imp = this.importOf(superClass);
          const mod = imp ? ormOfSource(this.modules, imp.source) : undefined;
          if (mod?.baseClasses?.includes(imp!.imported === 'default' ? superClass.name : imp!.imported)) {
            return { orm: mod.id, role: 'model', evidence: 'import', model: node.name };
          }
          // `class User extends BaseModel` where BaseModel itself extends an ORM model.
          const base = this.originOf(superClass);
          if (base?.role === 'model') return { ...base, model: node.name };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** A loaded row of an ORM whose rows run queries themselves (Sequelize instances, Mongoose documents…). */
  private rowOrigin(node: TSESTree.Identifier): Origin | undefined {
    const row = this.rowQuery?.(node);
    if (!row || !this.module(row.orm).rowMethods) return undefined;
    return { orm: row.orm, role: 'row', evidence: row.evidence, model: row.model };
  }

  /** The first parameter of `client.$transaction(async (tx) => …)` and its ORM equivalents. */
  private transactionCallbackOrigin(fn: TSESTree.Node): Origin | undefined {
    return isFunction(fn) ? this.transactionOf(fn)?.origin : undefined;
  }

  /** The transaction `fn` is the callback of, if any (`db.transaction(async (tx) => …)`). */
  transactionOf(fn: TSESTree.Node): TransactionCallback | undefined {
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipTypeWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = propertyName(callee);
    if (name === undefined || !call.arguments.includes(fn)) return undefined;
    const first = fn.params[0];
    const param = first?.type === AST_NODE_TYPES.Identifier ? first : undefined;
    let receiver = skipTypeWrappers(callee.object);
    // Kysely: `db.transaction().execute(async (trx) => …)`.
    if (name === 'execute' && receiver.type === AST_NODE_TYPES.CallExpression) {
      const inner = skipTypeWrappers(receiver.callee);
      if (inner.type === AST_NODE_TYPES.MemberExpression && propertyName(inner) === 'transaction') {
        receiver = skipTypeWrappers(inner.object);
        const owner = this.originOf(receiver);
        if (!owner || owner.orm !== 'kysely') return undefined;
        return { orm: 'kysely', fn, call, receiver, receiverOrigin: owner, param, origin: { orm: owner.orm, role: 'transaction', evidence: owner.evidence } };
      }
    }
    const owner = this.originOf(receiver);
    if (!owner) return undefined;
    const mod = this.module(owner.orm);
    if (!mod.transactionMethods?.has(name)) return undefined;
    const role = owner.orm === 'typeorm' || owner.orm === 'mikroorm' ? 'manager' : 'transaction';
    return { orm: owner.orm, fn, call, receiver, receiverOrigin: owner, param, origin: { orm: owner.orm, role, evidence: owner.evidence } };
  }

  /** The import an identifier is bound to, if any. */
  importOf(node: TSESTree.Identifier): ImportInfo | undefined {
    const def = ASTUtils.findVariable(this.sourceCode.getScope(node), node)?.defs[0];
    return def ? importOfDefinition(def, node.name) : undefined;
  }
}

/** The import (or top-level `require`) that defines a variable, if any. */
function importOfDefinition(def: TSESLint.Scope.Definition, localName: string): ImportInfo | undefined {
  if (def.type !== 'ImportBinding') {
    // `const { PrismaClient } = require('@prisma/client')`, `const knex = require('knex')`.
    if (def.type === 'Variable' && def.node.init) return requireOf(def.node, localName);
    return undefined;
  }
  const spec = def.node;
  const decl = spec.parent;
  if (decl.type !== AST_NODE_TYPES.ImportDeclaration) {
    return undefined;
  }
  const source = decl.source.value;
  if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
  if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
  if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
    const imported = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
    return { source, imported };
  }
  return undefined;
}

function requireOf(declarator: TSESTree.VariableDeclarator, localName: string): ImportInfo | undefined {
  let init = declarator.init ? skipTypeWrappers(declarator.init) : undefined;
  let member: string | undefined;
  if (init?.type === AST_NODE_TYPES.MemberExpression) {
    member = propertyName(init);
    init = init.object;
  }
  if (
    init?.type !== AST_NODE_TYPES.CallExpression ||
    init.callee.type !== AST_NODE_TYPES.Identifier ||
    init.callee.name !== 'require' ||
    init.arguments[0]?.type !== AST_NODE_TYPES.Literal ||
    typeof init.arguments[0].value !== 'string'
  ) {
    return undefined;
  }
  const source = init.arguments[0].value;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return { source, imported: member ?? 'default' };
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const prop of declarator.id.properties) {
      if (prop.type === AST_NODE_TYPES.Property && prop.value.type === AST_NODE_TYPES.Identifier && prop.value.name === localName) {
        const key = prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : String((prop.key as TSESTree.Literal).value);
        return { source, imported: key };
      }
    }
  }
  return undefined;
}

export type { ClientRole };
