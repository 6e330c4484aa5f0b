import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { ORM_MODULES } from './orm/index.js';
import type { ClientRole, OrmId, Origin } from './orm/types.js';

/** Type information for this file, or `null` when typed linting is off. Never throws. */
export function getTypeInfo(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ParserServicesWithTypeInformation | null {
  const services = context.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  // `ESLintUtils.getParserServices(context, true)` still throws on files parsed by espree.
  return services?.program && services.esTreeNodeToTSNodeMap ? (services as ParserServicesWithTypeInformation) : null;
}

const PACKAGE_PATTERNS: readonly (readonly [OrmId, RegExp])[] = [
  ['prisma', /[\\/]node_modules[\\/](?:@prisma[\\/]client|\.prisma[\\/]client)[\\/]/],
  ['typeorm', /[\\/]node_modules[\\/]typeorm[\\/]/],
  ['sequelize', /[\\/]node_modules[\\/](?:sequelize|sequelize-typescript|@sequelize[\\/]core)[\\/]/],
  ['drizzle', /[\\/]node_modules[\\/]drizzle-orm[\\/]/],
  ['mikroorm', /[\\/]node_modules[\\/]@mikro-orm[\\/]/],
  ['knex', /[\\/]node_modules[\\/]knex[\\/]/],
  ['kysely', /[\\/]node_modules[\\/]kysely[\\/]/],
  ['objection', /[\\/]node_modules[\\/]objection[\\/]/],
  ['mongoose', /[\\/]node_modules[\\/](?:mongoose|@typegoose[\\/]typegoose)[\\/]/],
];

/** Prisma's generated types can live in the user's tree (`prisma-client` generator): match by name. */
const PRISMA_NAMES = /(?:^|\.)(?:PrismaClient|TransactionClient|\w+Delegate|Prisma__\w+Client|PrismaPromise|DynamicClientExtensionThis|DynamicModelExtensionThis)(?:\.|$)/;

// ts.SymbolFlags.Alias and ts.TypeFlags.Any | Unknown; read as numbers so the plugin never loads `typescript` at run time.
const SYMBOL_FLAG_ALIAS = 2097152;
const SYMBOL_FLAG_OPTIONAL = 16777216; // ts.SymbolFlags.Optional
const TYPE_FLAGS_ANY_OR_UNKNOWN = 1 | 2;
/** Intrinsic types that say nothing about a value (TypeFlags values differ between TypeScript versions). */
const OPAQUE_INTRINSICS: ReadonlySet<string> = new Set(['any', 'unknown', 'error', 'never']);
const NULLISH_INTRINSICS: ReadonlySet<string> = new Set(['null', 'undefined', 'void']);

/** Answers "which ORM declares this?" from the type checker, cached per node. */
export class TypeOracle {
  private readonly checker: ts.TypeChecker;
  private readonly declaringCache = new Map<TSESTree.Node, OrmId | 'other' | undefined>();

  constructor(private readonly services: ParserServicesWithTypeInformation) {
    this.checker = services.program.getTypeChecker();
  }

  /**
   * The ORM that declares the member called/read at `member.property`: `'other'` when it is declared
   * elsewhere (a `Map`, the user's own service), `undefined` when the checker does not know (any).
   */
  declaringOrm(member: TSESTree.MemberExpression): OrmId | 'other' | undefined {
    if (this.declaringCache.has(member)) return this.declaringCache.get(member);
    let result: OrmId | 'other' | undefined;
    try {
      const tsNode = this.services.esTreeNodeToTSNodeMap.get(member.property);
      let symbol = this.checker.getSymbolAtLocation(tsNode);
      if (symbol && symbol.flags & SYMBOL_FLAG_ALIAS) symbol = this.checker.getAliasedSymbol(symbol);
      result = symbol ? this.ormOfSymbol(symbol) : undefined;
    } catch {
      result = undefined;
    }
    this.declaringCache.set(member, result);
    return result;
  }

  /** The ORM and exported name an identifier resolves to through re-exports (`inArray` from `./db`), if any. */
  declaringExport(id: TSESTree.Identifier): { orm: OrmId; name: string } | undefined {
    try {
      let symbol = this.checker.getSymbolAtLocation(this.services.esTreeNodeToTSNodeMap.get(id));
      if (symbol && symbol.flags & SYMBOL_FLAG_ALIAS) symbol = this.checker.getAliasedSymbol(symbol);
      const orm = symbol ? this.ormOfSymbol(symbol) : undefined;
      return symbol && orm !== undefined && orm !== 'other' ? { orm, name: symbol.getName() } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The unique keys of the model behind `receiver`, read from the `where` argument type of its unique-lookup
   * method (Prisma `findUnique`: `UserWhereUniqueInput`, a union whose members each require one key). A
   * compound key (`teamId_userId: { teamId, userId }`) gives its fields. Undefined when the types say nothing.
   */
  uniqueKeys(receiver: TSESTree.Expression, method: string): string[][] | undefined {
    try {
      const tsNode = this.services.esTreeNodeToTSNodeMap.get(receiver);
      const lookup = this.services.getTypeAtLocation(receiver).getProperty(method);
      if (!lookup) return undefined;
      const signature = this.checker.getTypeOfSymbolAtLocation(lookup, tsNode).getCallSignatures()[0];
      const param = signature?.getParameters()[0];
      const args = signature?.getTypeParameters()?.[0]?.getConstraint() ?? (param ? this.checker.getTypeOfSymbolAtLocation(param, tsNode) : undefined);
      const where = args?.getProperty('where');
      if (!where) return undefined;
      const whereType = this.checker.getTypeOfSymbolAtLocation(where, tsNode);
      const keys = new Map<string, string[]>();
      for (const member of whereType.isUnion() ? whereType.types : [whereType]) {
        for (const prop of this.checker.getPropertiesOfType(member)) {
          if (prop.flags & SYMBOL_FLAG_OPTIONAL) continue;
          const name = prop.getName();
          const fields = name.includes('_') ? this.checker.getPropertiesOfType(this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(prop, tsNode))).map((p) => p.getName()) : [];
          keys.set(name, fields.length > 1 ? fields : [name]);
        }
      }
      return keys.size > 0 ? [...keys.values()] : undefined;
    } catch {
      return undefined;
    }
  }

  private ormOfSymbol(symbol: ts.Symbol): OrmId | 'other' | undefined {
    const declarations = symbol.getDeclarations();
    const declaration = declarations?.[0];
    if (!declaration) return undefined;
    const file = declaration.getSourceFile().fileName;
    for (const [orm, pattern] of PACKAGE_PATTERNS) if (pattern.test(file)) return orm;
    if (PRISMA_NAMES.test(this.checker.getFullyQualifiedName(symbol))) return 'prisma';
    return 'other';
  }

  /** What the type of `expr` says it is: `Repository<User>` from typeorm → a TypeORM repository. */
  typeOrigin(expr: TSESTree.Expression): Origin | undefined {
    try {
      const type = this.services.getTypeAtLocation(expr);
      return this.originOfType(type, 0);
    } catch {
      return undefined;
    }
  }

  private originOfType(type: ts.Type, depth: number): Origin | undefined {
    if (depth > 3) return undefined;
    if (type.isUnion() || type.isIntersection()) {
      for (const part of type.types) {
        const origin = this.originOfType(part, depth + 1);
        if (origin) return origin;
      }
      return undefined;
    }
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      if (!symbol) continue;
      const name = symbol.getName();
      const orm = this.ormOfSymbol(symbol);
      if (orm === undefined || orm === 'other') continue;
      const role: ClientRole | undefined = ORM_MODULES.find((m) => m.id === orm)?.typeNames[name] ?? (orm === 'prisma' ? prismaRole(name) : undefined);
      if (role) return { orm, role, evidence: 'type', model: this.firstTypeArgumentName(type) };
      // A hydrated Mongoose document is `Document<…> & IUser & {…}`.
      if (orm === 'mongoose' && name === 'Document' && type.getConstructSignatures().length === 0) return { orm, role: 'row', evidence: 'type' };
    }
    // `typeof User` where User extends an ORM model class.
    const construct = type.getConstructSignatures()[0];
    if (construct) {
      const instance = construct.getReturnType();
      for (const base of this.checker.getBaseTypes(instance as ts.InterfaceType) ?? []) {
        const symbol = base.getSymbol();
        if (!symbol) continue;
        const orm = this.ormOfSymbol(symbol);
        const name = symbol.getName();
        if ((orm === 'sequelize' || orm === 'objection') && name === 'Model') return { orm, role: 'model', evidence: 'type', model: type.getSymbol()?.getName() };
        if (orm === 'typeorm' && name === 'BaseEntity') return { orm, role: 'model', evidence: 'type', model: type.getSymbol()?.getName() };
      }
      return undefined;
    }
    return this.rowOfType(type);
  }

  /** An instance of a class extending an active-record base (`Model` of Sequelize, TypeORM `BaseEntity`): a loaded row. */
  private rowOfType(type: ts.Type): Origin | undefined {
    const symbol = type.getSymbol();
    if (!symbol || !(type.isClassOrInterface() || (type as ts.TypeReference).target)) return undefined;
    let bases = this.checker.getBaseTypes((((type as ts.TypeReference).target ?? type) as ts.InterfaceType)) ?? [];
    for (let depth = 0; depth < 4 && bases.length > 0; depth++) {
      const next: ts.BaseType[] = [];
      for (const base of bases) {
        const baseSymbol = base.getSymbol();
        if (!baseSymbol) continue;
        const orm = this.ormOfSymbol(baseSymbol);
        const name = baseSymbol.getName();
        if ((orm === 'sequelize' && name === 'Model') || (orm === 'typeorm' && name === 'BaseEntity')) return { orm, role: 'row', evidence: 'type', model: symbol.getName() };
        if (orm === undefined || orm === 'other') {
          const target = ((base as ts.TypeReference).target ?? base) as ts.InterfaceType;
          if (target.isClassOrInterface()) next.push(...(this.checker.getBaseTypes(target) ?? []));
        }
      }
      bases = next;
    }
    return undefined;
  }

  /** `User` for `Repository<User>`. */
  private firstTypeArgumentName(type: ts.Type): string | undefined {
    const args = type.aliasTypeArguments ?? ((type as ts.TypeReference).target ? this.checker.getTypeArguments(type as ts.TypeReference) : undefined);
    return args?.[0]?.getSymbol()?.getName();
  }

  /** Whether the type of `expr` is an array or tuple (so `.map` exists on it). */
  isArray(expr: TSESTree.Expression): boolean | undefined {
    try {
      const type = this.services.getTypeAtLocation(expr);
      return this.checker.isArrayType(type) || this.checker.isTupleType(type);
    } catch {
      return undefined;
    }
  }

  /** The alias name of the type of `expr` (`BelongsToGetAssociationMixin`), if any. */
  aliasName(expr: TSESTree.Expression): string | undefined {
    try {
      return this.services.getTypeAtLocation(expr).aliasSymbol?.getName();
    } catch {
      return undefined;
    }
  }

  /** Whether the type of `expr` (or a member of its union) has property `name`; undefined for `any`. */
  hasProperty(expr: TSESTree.Expression, name: string): boolean | undefined {
    try {
      return this.typeHasProperty(this.services.getTypeAtLocation(expr), name);
    } catch {
      return undefined;
    }
  }

  private typeHasProperty(type: ts.Type, name: string): boolean | undefined {
    const nonNull = this.checker.getNonNullableType(type);
    if (nonNull.flags & TYPE_FLAGS_ANY_OR_UNKNOWN) return undefined;
    const parts = nonNull.isUnion() ? nonNull.types : [nonNull];
    return parts.some((part) => this.checker.getPropertyOfType(this.checker.getApparentType(part), name) !== undefined);
  }

  /**
   * Whether the options a call takes have, along `path`, a property `name`: the first type parameter's
   * constraint when the signature is generic (Prisma's `T extends PostFindManyArgs`), else the parameter's type.
   */
  optionHasKey(callee: TSESTree.Expression, argIndex: number, path: readonly string[], name: string): boolean | undefined {
    try {
      const signature = this.services.getTypeAtLocation(callee).getCallSignatures()[0];
      if (!signature) return undefined;
      const typeParameter = signature.getTypeParameters()?.[0];
      let type: ts.Type | undefined = typeParameter ? typeParameter.getConstraint() : undefined;
      if (!type) {
        const param = signature.getParameters()[argIndex];
        if (!param) return undefined;
        type = this.checker.getTypeOfSymbol(param);
      }
      for (const key of path) {
        const nonNull = this.checker.getNonNullableType(type);
        if (nonNull.flags & TYPE_FLAGS_ANY_OR_UNKNOWN) return undefined;
        const parts = nonNull.isUnion() ? nonNull.types : [nonNull];
        const prop = parts.map((part) => this.checker.getPropertyOfType(this.checker.getApparentType(part), key)).find((p) => p !== undefined);
        if (!prop) return undefined;
        type = this.checker.getTypeOfSymbol(prop);
      }
      return this.typeHasProperty(type, name);
    } catch {
      return undefined;
    }
  }

  /**
   * Whether the value of `expr` has a `then` method: `true`/`false` when every part of its type agrees,
   * `undefined` for `any`/`unknown`, mixed unions and errors.
   */
  isThenable(expr: TSESTree.Expression): boolean | undefined {
    try {
      const type = this.services.getTypeAtLocation(expr);
      const parts = type.isUnion() ? type.types : [type];
      let thenable: boolean | undefined;
      for (const part of parts) {
        const intrinsic = (part as { intrinsicName?: string }).intrinsicName;
        if ((intrinsic !== undefined && OPAQUE_INTRINSICS.has(intrinsic)) || part.isTypeParameter()) return undefined;
        if (intrinsic !== undefined && NULLISH_INTRINSICS.has(intrinsic)) continue;
        const has = this.checker.getPropertyOfType(part, 'then') !== undefined;
        if (thenable !== undefined && thenable !== has) return undefined;
        thenable = has;
      }
      return thenable;
    } catch {
      return undefined;
    }
  }

  /** Whether the property read at `member` is declared with one of `decorators` (`@ManyToOne(…)`). */
  declaredWithDecorator(member: TSESTree.MemberExpression, decorators: ReadonlySet<string>): boolean | undefined {
    try {
      const symbol = this.checker.getSymbolAtLocation(this.services.esTreeNodeToTSNodeMap.get(member.property));
      const declarations = symbol?.getDeclarations();
      if (!declarations || declarations.length === 0) return undefined;
      return declarations.some((declaration) => {
        const modifiers = (declaration as unknown as { modifiers?: readonly { expression?: { expression?: ts.Node } }[] }).modifiers ?? [];
        return modifiers.some((modifier) => {
          const callee = modifier.expression?.expression;
          if (!callee) return false;
          const text = callee.getText();
          return decorators.has(text.slice(text.lastIndexOf('.') + 1));
        });
      });
    } catch {
      return undefined;
    }
  }

  /** Whether the type of `expr` is a number or bigint (`number | null` counts). */
  isNumber(expr: TSESTree.Expression): boolean {
    try {
      const type = this.services.getTypeAtLocation(expr);
      const parts = type.isUnion() ? type.types : [type];
      // Names, not `ts.TypeFlags` values: the flags are renumbered between TypeScript versions.
      const names = parts.map((part) => this.checker.typeToString(this.checker.getBaseTypeOfLiteralType(part)));
      const numeric = names.filter((n) => n === 'number' || n === 'bigint');
      return numeric.length > 0 && names.every((n) => n === 'number' || n === 'bigint' || n === 'null' || n === 'undefined');
    } catch {
      return false;
    }
  }

  /** The ORM and name of the class/interface that types `expr` (`knex`, `QueryBuilder`), when an ORM declares it. */
  ormTypeName(expr: TSESTree.Expression): { readonly orm: OrmId; readonly name: string } | undefined {
    try {
      const type = this.services.getTypeAtLocation(expr);
      for (const symbol of [type.getSymbol(), type.aliasSymbol]) {
        if (!symbol) continue;
        const orm = this.ormOfSymbol(symbol);
        if (orm !== undefined && orm !== 'other') return { orm, name: symbol.getName() };
      }
      return undefined;
    } catch {
      return undefined;
    }
  }

  /** Whether the type of `expr` is a `Promise`-like (for lazy relations such as TypeORM `Promise<User>`). */
  isPromise(expr: TSESTree.Expression): boolean {
    try {
      const type = this.services.getTypeAtLocation(expr);
      return type.getProperty('then') !== undefined;
    } catch {
      return false;
    }
  }
}

function prismaRole(name: string): ClientRole | undefined {
  if (name === 'PrismaClient' || name === 'DynamicClientExtensionThis') return 'client';
  if (name === 'TransactionClient' || name === 'Omit') return 'transaction';
  return undefined;
}
