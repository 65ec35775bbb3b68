import { rulesToCondition } from "@casl/ability/extra";
import {
  buildAnd,
  buildOr,
  CompoundCondition,
  interpret,
  type Condition,
  type FieldCondition,
} from "@ucast/mongo2js";
import {
  and,
  eq,
  getTableName,
  gt,
  gte,
  isNull,
  lt,
  lte,
  not,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { alias, type AnyPgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Action, AppAbility, SubjectName } from "./ability";
import { subjectTables, type Relation, type SubjectTable } from "./subjects";

export class PolicyCompileError extends Error {
  override name = "PolicyCompileError";
}

/**
 * Relations of the top subject whose rows are already in memory (an entry's project with its
 * memberships): conditions on them are decided here, as CASL decides them, instead of in SQL.
 */
export type KnownRelations = Record<string, Record<string, unknown>>;

type Scope = {
  subject: SubjectName;
  spec: SubjectTable;
  table: PgTable;
  known?: KnownRelations;
  /** Set when a known relation decided part of the condition. */
  consulted?: { value: boolean };
  /** Numbers the subqueries' aliases of one compile (see `aliased`). */
  aliases: { next: number };
};

/** A compiled condition, or a constant when it could be decided without SQL. */
type Compiled = SQL | boolean;

const asSql = (value: Compiled): SQL =>
  value === true ? sql`true` : value === false ? sql`false` : value;

const COMPARISONS = { gt, gte, lt, lte } as const;

function specOf(subject: SubjectName): SubjectTable {
  const spec = subjectTables[subject];
  if (!spec) throw new PolicyCompileError(`No table is mapped for subject ${subject} yet`);
  return spec;
}

function column(table: PgTable, name: string): AnyPgColumn {
  const found = (table as unknown as Record<string, AnyPgColumn | undefined>)[name];
  if (!found) throw new PolicyCompileError(`Table has no column ${name}`);
  return found;
}

function kindFilter(scope: Scope): SQL | undefined {
  const { kind } = scope.spec;
  return kind ? eq(column(scope.table, kind.column), kind.value) : undefined;
}

/**
 * Two-valued: SQL NULL must never turn a NOT around (CASL in memory never sees NULL logic). Only
 * needed under a NOT: elsewhere NULL already acts as false, and a bare comparison can use an index.
 */
const truth = (expression: SQL | undefined) => sql`((${expression ?? sql`false`}) is true)`;

/**
 * A fresh alias of `table` for a subquery, and its FROM item (`"memberships" "p7"`). Numbered
 * within one compile, so equal rules compile to equal SQL text (callers group and cache by it).
 */
function aliased(table: PgTable, scope: Scope) {
  scope.aliases.next += 1;
  const name = `p${scope.aliases.next}`;
  return {
    table: alias(table, name) as unknown as PgTable,
    from: sql`${sql.identifier(getTableName(table))} ${sql.identifier(name)}`,
  };
}

/**
 * `outer.key in (select inner.key from inner where …)`: the subquery does not refer to the outer
 * row, so PostgreSQL runs it once per query (a hashed subplan) instead of once per row — the
 * difference between milliseconds and seconds on a timeline of a million entries.
 */
function inRelation(
  outer: Scope,
  relation: Relation,
  inner: (scope: Scope) => Compiled,
  negated: boolean,
): Compiled {
  const spec = specOf(relation.subject);
  const { table, from } = aliased(spec.table, outer);
  const scope: Scope = { subject: relation.subject, spec, table, aliases: outer.aliases };
  const condition = inner(scope);
  if (condition === false) return false;
  const where = and(kindFilter(scope), condition === true ? undefined : condition) ?? sql`true`;
  const test = sql`${column(outer.table, relation.outerKey)} in (select ${column(table, relation.innerKey)} from ${from} where ${where})`;
  return negated ? truth(test) : test;
}

function relationOf(spec: SubjectTable, subject: SubjectName, name: string): Relation {
  const relation = spec.relations?.[name];
  if (!relation) throw new PolicyCompileError(`${subject} has no relation ${name}`);
  return relation;
}

/**
 * Follows a condition's path of relations (`project.memberships`) as one subquery where it can:
 * a middle table whose next relation starts from the key we reached it by adds no condition,
 * so an entry's `project.memberships` becomes `project_id in (select project_id from
 * memberships …)` — without joining every project the memberships name (ten times faster for a
 * partner's queue at 100,000 requests). That holds because the next table's key is a NOT NULL
 * foreign key to the middle one. A middle table that is a kind of rows (accounts among
 * organisations) stays, as its kind is a condition.
 */
function followPath(scope: Scope, node: FieldCondition, negated: boolean): Compiled {
  const [first, ...rest] = String(node.field).split(".");
  let relation = relationOf(scope.spec, scope.subject, first!);
  // The path after `relation`; empty when the node is an elemMatch on the relation itself.
  while (rest.length > 0 && (rest.length > 1 || node.operator === "elemMatch")) {
    const middle = specOf(relation.subject);
    const next = middle.relations?.[rest[0]!];
    // Only where the path reached the middle row by its key ("id"): from a to-many hop
    // (`memberships.project`) the middle rows' existence is itself a condition.
    if (!next || middle.kind || relation.innerKey !== "id" || next.outerKey !== "id") break;
    relation = { subject: next.subject, outerKey: relation.outerKey, innerKey: next.innerKey };
    rest.shift();
  }
  // A subquery's WHERE is a context of its own: it keeps the rows where it is true.
  return inRelation(
    scope,
    relation,
    (inner) =>
      rest.length > 0
        ? compileField(inner, { ...node, field: rest.join(".") } as FieldCondition, false)
        : compile(inner, node.value as Condition, false),
    negated,
  );
}

function compileField(scope: Scope, node: FieldCondition, negated: boolean): Compiled {
  const field = String(node.field);
  const dot = field.indexOf(".");
  const relationName = dot > 0 ? field.slice(0, dot) : field;
  const known = scope.known?.[relationName];
  if (known && (dot > 0 || node.operator === "elemMatch")) {
    scope.consulted!.value = true;
    return interpret(node, { [relationName]: known });
  }
  if (dot > 0 || node.operator === "elemMatch") return followPath(scope, node, negated);
  const sure = negated ? truth : (expression: SQL | undefined) => expression ?? sql`false`;

  const list = scope.spec.valueLists?.[field];
  if (list) {
    if (node.operator !== "eq") {
      throw new PolicyCompileError(`Operator ${node.operator} is not supported on ${field}`);
    }
    // A lookup by the join table's primary key per row. `limit 1` keeps PostgreSQL from hashing
    // every row of the list instead (tens of thousands for a busy organisation).
    const { table, from } = aliased(list.table, scope);
    return sql`exists (select 1 from ${from} where ${and(
      eq(column(table, list.innerKey), column(scope.table, list.outerKey)),
      eq(column(table, list.valueKey), node.value),
    )} limit 1)`;
  }

  const columnName = scope.spec.columns[field];
  if (!columnName) throw new PolicyCompileError(`Unknown field ${scope.subject}.${field}`);
  const target = column(scope.table, columnName);
  const isArray = scope.spec.arrays?.includes(field) ?? false;

  switch (node.operator) {
    case "eq":
    case "ne": {
      const equal =
        node.value === null
          ? isNull(target)
          : isArray
            ? sql`${node.value} = any(${target})`
            : eq(target, node.value);
      return node.operator === "eq" ? sure(equal) : not(truth(equal));
    }
    case "in": {
      if (isArray || !Array.isArray(node.value)) {
        throw new PolicyCompileError(`Operator in needs a list and a scalar field (${field})`);
      }
      const values = node.value as unknown[];
      return sure(values.length === 0 ? sql`false` : or(...values.map((v) => eq(target, v))));
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      if (isArray) throw new PolicyCompileError(`Cannot compare the array field ${field}`);
      return sure(COMPARISONS[node.operator](target, node.value));
    default:
      throw new PolicyCompileError(`Operator ${node.operator} is not supported (${field})`);
  }
}

function compile(scope: Scope, node: Condition, negated: boolean): Compiled {
  switch (node.operator) {
    case "and": {
      const parts = (node as CompoundCondition).value.map((child) =>
        compile(scope, child, negated),
      );
      if (parts.includes(false)) return false;
      const open = parts.filter((part): part is SQL => part !== true);
      return open.length === 0 ? true : sql`(${and(...open)})`;
    }
    case "or": {
      const parts = (node as CompoundCondition).value.map((child) =>
        compile(scope, child, negated),
      );
      if (parts.includes(true)) return true;
      const open = parts.filter((part): part is SQL => part !== false);
      return open.length === 0 ? false : sql`(${or(...open)})`;
    }
    case "not": {
      const [child] = (node as CompoundCondition).value;
      if (!child) throw new PolicyCompileError("not without a condition");
      const inner = compile(scope, child, !negated);
      return typeof inner === "boolean" ? !inner : sql`(not ${inner})`;
    }
    default:
      if (!("field" in node)) {
        throw new PolicyCompileError(`Operator ${node.operator} is not supported`);
      }
      return compileField(scope, node as FieldCondition, negated);
  }
}

/** CASL's rulesToAST, for one field when given (field-level rules such as a contact's email). */
function rulesAst(ability: AppAbility, action: Action, subject: SubjectName, field?: string) {
  return rulesToCondition(
    ability.rulesFor(action, subject, field),
    (rule) => {
      if (!rule.ast) throw new PolicyCompileError(`Rule for ${subject} has no conditions AST`);
      return rule.inverted ? new CompoundCondition("not", [rule.ast]) : rule.ast;
    },
    { and: buildAnd, or: buildOr, empty: () => buildAnd([]) },
  );
}

/**
 * The rows of `subject` the ability allows `action` on (for one field, if given), as a WHERE
 * clause for a query on the subject's table or the given alias of it. Nothing allowed compiles
 * to `false`; an unknown field or operator throws. With `known`, conditions on those relations
 * are decided in memory (see `compileWithKnown`).
 */
export function accessibleWhere(
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  options: { table?: PgTable; field?: string; known?: KnownRelations } = {},
): SQL {
  return asSql(compileWithKnown(ability, action, subject, options).condition);
}

/**
 * Like `accessibleWhere`, but keeps constants as constants and says whether a known relation
 * decided anything: a condition that never consulted `known` holds for every value of it.
 */
export function compileWithKnown(
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  options: { table?: PgTable; field?: string; known?: KnownRelations } = {},
): { condition: Compiled; consulted: boolean } {
  const spec = specOf(subject);
  const consulted = { value: false };
  const scope: Scope = {
    subject,
    spec,
    table: options.table ?? spec.table,
    known: options.known,
    consulted,
    aliases: { next: 0 },
  };
  const ast = rulesAst(ability, action, subject, options.field);
  if (!ast) return { condition: false, consulted: false };
  const condition = compile(scope, ast, false);
  const kind = kindFilter(scope);
  if (!kind || condition === false) return { condition, consulted: consulted.value };
  return {
    condition: condition === true ? kind : sql`(${and(kind, condition)})`,
    consulted: consulted.value,
  };
}
