/**
 * A tiny tagged template for composing parameterised SQL: values become $1, $2…; nested `sql`
 * fragments are spliced in with their own values renumbered. Filters and permission scopes are
 * built from fragments, never from string concatenation of user input.
 *
 *   const where = sql`t.directive_id = ${directiveId}`;
 *   await db.query(sql`SELECT * FROM tasks t WHERE ${where} LIMIT ${limit}`);
 */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** Compiles to text with $n placeholders and the flat list of values. */
  compile(): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const text = this.build(values);
    return { text, values };
  }

  private build(values: unknown[]): string {
    let text = this.strings[0] ?? '';
    for (let i = 0; i < this.values.length; i++) {
      const value = this.values[i];
      if (value instanceof Sql) {
        text += value.build(values);
      } else {
        values.push(value);
        text += `$${values.length}`;
      }
      text += this.strings[i + 1] ?? '';
    }
    return text;
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Trusted SQL text (identifiers chosen from a fixed list, never user input). */
sql.raw = (text: string): Sql => new Sql([text], []);
sql.empty = new Sql([''], []);
sql.join = (fragments: readonly Sql[], separator = ', '): Sql => {
  if (fragments.length === 0) return sql.empty;
  const strings = [''];
  for (let i = 1; i < fragments.length; i++) strings.push(separator);
  strings.push('');
  return new Sql(strings, fragments);
};
/** AND of the given conditions; TRUE when there are none. */
sql.and = (conditions: readonly Sql[]): Sql =>
  conditions.length ? sql`(${sql.join(conditions, ') AND (')})` : sql`TRUE`;
