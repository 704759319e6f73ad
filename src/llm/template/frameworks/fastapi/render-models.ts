import type { FieldSpec } from "../../../../understand/spec.js";
import type { PyImport } from "../../python/import-statements.js";
import { pyLiteral, type QuoteStyle } from "../../python/python-literal.js";
import type { RepoStyle } from "./fastapi-repo.js";
import type { PydanticMajor } from "./pydantic-models.js";
import { type Code, constraintArgs, optionalType, pyType } from "./python-types.js";
import { formatPattern, rawPattern } from "./render-checks.js";

export interface ModelPlan {
  name: string;
  /** `BaseModel`, or a model of the same file the class extends. */
  base: string;
  fields: FieldSpec[];
  /** Every field optional and defaulting to None, for PATCH bodies. */
  partial: boolean;
  /** Fields whose format or `contains` rule the handler checks itself, so the model leaves it out. */
  checkedByHandler?: Set<string>;
  /** A docstring line, when the repository's models have them. */
  doc?: string;
}

export interface ModelContext {
  style: RepoStyle;
  quote: QuoteStyle;
  major: PydanticMajor;
}

function fieldLine(field: FieldSpec, plan: ModelPlan, ctx: ModelContext): Code {
  const base = pyType(field.type, field.constraints, ctx.style, ctx.quote);
  const optional = plan.partial || field.nullable || (!field.required && field.default === undefined);
  const annotation = optional ? optionalType(base, ctx.style) : base;
  const args = constraintArgs(field.type, field.constraints, ctx.major);
  const fallback = plan.partial ? "None" : field.required ? "..." : field.default !== undefined ? pyLiteral(field.default, ctx.quote) : "None";
  let value = "";
  if (args.length > 0) value = ` = Field(${[fallback, ...args].join(", ")})`;
  else if (fallback === "..." && field.nullable) value = " = Field(...)";
  else if (fallback !== "...") value = ` = ${fallback}`;
  const imports: PyImport[] = [...annotation.imports, ...(value.includes("Field(") ? [{ module: "pydantic", name: "Field" }] : [])];
  return { code: `    ${field.name}: ${annotation.code}${value}`, imports };
}

function validator(field: FieldSpec, ctx: ModelContext): Code | undefined {
  const { format, contains } = field.constraints;
  if (!format && contains === undefined) return undefined;
  const q = ctx.quote;
  const condition = format
    ? `re.fullmatch(${rawPattern(formatPattern(format), q)}, value) is None`
    : `${pyLiteral(contains!, q)} not in value`;
  const message = format ? `${field.name} must be a valid ${format}` : `${field.name} must contain ${contains}`;
  const decorator = ctx.major === 1 ? [`    @validator(${pyLiteral(field.name, q)})`] : [`    @field_validator(${pyLiteral(field.name, q)})`, "    @classmethod"];
  const lines = [
    ...decorator,
    `    def check_${field.name}(cls, value):`,
    `        if value is not None and ${condition}:`,
    `            raise ValueError(${pyLiteral(message, q)})`,
    "        return value",
  ];
  const imports: PyImport[] = [{ module: "pydantic", name: ctx.major === 1 ? "validator" : "field_validator" }, ...(format ? [{ module: "re" }] : [])];
  return { code: lines.join("\n"), imports };
}

/** A pydantic model class; constraints go through `Field`, formats through a validator. */
export function renderModel(plan: ModelPlan, ctx: ModelContext): Code {
  const lines = plan.fields.map((field) => fieldLine(field, plan, ctx));
  const validators = plan.fields
    .filter((field) => !plan.checkedByHandler?.has(field.name))
    .map((field) => validator(field, ctx))
    .filter((code): code is Code => code !== undefined);
  const body = [
    ...(plan.doc ? [`    ${plan.doc}`] : []),
    ...lines.map((line) => line.code),
    ...validators.flatMap((v) => ["", v.code]),
  ];
  const imports: PyImport[] = [
    ...(plan.base === "BaseModel" ? [{ module: "pydantic", name: "BaseModel" }] : []),
    ...lines.flatMap((line) => line.imports),
    ...validators.flatMap((v) => v.imports),
  ];
  return { code: `class ${plan.name}(${plan.base}):\n${body.length > 0 ? body.join("\n") : "    pass"}`, imports };
}
