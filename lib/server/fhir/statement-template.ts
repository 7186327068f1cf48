import 'server-only';
import { randomBytes } from 'node:crypto';
import { is, type Param, SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect();

/** What goes between two pieces of the text: a constant parameter of the statement, or a slot. */
type Hole = { constant: unknown } | { slot: string };

/** A statement as the driver takes it: its text, with $1, $2, … for its parameters in order. */
export interface RenderedStatement {
  sql: string;
  params: unknown[];
}

/** A drizzle statement as the driver takes it, rendered the way drizzle renders it. */
export const renderStatement = (statement: SQL): RenderedStatement => dialect.sqlToQuery(statement);

/** `$n` in a statement's text as the dialect writes its parameters. */
const PARAMETER = /\$(\d+)/g;

/**
 * A statement of the FHIR read path written by drizzle once, not on every request. To write a
 * statement drizzle walks every column, table and parameter in it (about 65 µs for a search page,
 * with its garbage: 5–10% of the API's time an answer), and for a given resource type the page's
 * statement came out the same text every time. Here it is built once with a marker in each slot
 * (the token, today, the search's own conditions, the limit) and rendered; a request then puts its
 * values into the slots of that text: a value as a parameter, a drizzle SQL fragment as itself
 * (its parameters numbered where it lands). The constants the statement carries as parameters stay
 * parameters. The result is a drizzle SQL, rendered to the same text and parameters as the
 * statement built directly with the same values (statement-template.test.ts, and the page's own
 * test for every resource type and kind of search).
 */
export class StatementTemplate<Slot extends string> {
  private readonly pieces: SQL[] = [];
  /** The same pieces as text. */
  private readonly texts: string[] = [];
  private readonly holes: Hole[] = [];

  constructor(build: (slot: (name: Slot) => SQL) => SQL) {
    const mark = `slot_${randomBytes(6).toString('hex')}`;
    const { sql: text, params } = dialect.sqlToQuery(build((name) => sql.raw(`/*${mark}:${name}*/`)));
    // A parameter as the dialect writes it ($1, $2, … in order), or a slot's marker.
    const hole = new RegExp(`\\$(\\d+)|/\\*${mark}:([A-Za-z]+)\\*/`, 'g');
    let from = 0;
    let parameters = 0;
    for (const match of text.matchAll(hole)) {
      this.texts.push(text.slice(from, match.index));
      this.pieces.push(sql.raw(text.slice(from, match.index)));
      from = match.index + match[0].length;
      if (match[2] !== undefined) this.holes.push({ slot: match[2] });
      else {
        parameters++;
        if (Number(match[1]) !== parameters) throw new Error(`A statement template found $${match[1]} where $${parameters} was due: a "$" in its text that is not a parameter.`);
        this.holes.push({ constant: params[parameters - 1] });
      }
    }
    if (parameters !== params.length) throw new Error(`A statement template found ${parameters} of its ${params.length} parameters.`);
    this.texts.push(text.slice(from));
    this.pieces.push(sql.raw(text.slice(from)));
  }

  /** The statement with each slot's value: a SQL fragment as itself, anything else as one parameter. */
  fill(values: Record<Slot, unknown>): SQL {
    const chunks: (SQL | Param)[] = [];
    this.holes.forEach((hole, i) => {
      chunks.push(this.pieces[i]);
      if ('constant' in hole) chunks.push(sql.param(hole.constant));
      else {
        const value = values[hole.slot as Slot];
        chunks.push(is(value, SQL) ? value : sql.param(value));
      }
    });
    chunks.push(this.pieces[this.holes.length]);
    return sql.fromList(chunks);
  }

  /**
   * The statement with each slot's value, as the text and parameters the driver runs: what
   * `dialect.sqlToQuery(fill(values))` gives, written without walking the template's pieces again
   * (drizzle checks the kind of every piece and parameter, 35 µs a search page with its garbage,
   * 4–8% of the API's own time an answer). Only a SQL fragment in a slot is rendered by drizzle,
   * and its parameters renumbered to follow the ones before it; a fragment whose text holds a "$"
   * that is not one of its parameters in order goes the whole way through drizzle instead.
   */
  query(values: Record<Slot, unknown>): RenderedStatement {
    const params: unknown[] = [];
    let text = this.texts[0];
    for (let i = 0; i < this.holes.length; i++) {
      const hole = this.holes[i];
      const value = 'constant' in hole ? hole.constant : values[hole.slot as Slot];
      if (!is(value, SQL)) {
        params.push(value);
        text += `$${params.length}`;
      } else {
        const fragment = renumbered(renderStatement(value), params.length);
        if (!fragment) return renderStatement(this.fill(values));
        text += fragment.sql;
        for (const param of fragment.params) params.push(param);
      }
      text += this.texts[i + 1];
    }
    return { sql: text, params };
  }
}

/** A rendered fragment with its parameters numbered from `before` + 1; null if its text holds any other "$<n>". */
function renumbered(fragment: RenderedStatement, before: number): RenderedStatement | null {
  let seen = 0;
  let valid = true;
  const text = fragment.sql.replace(PARAMETER, (_match, n: string) => {
    seen++;
    if (Number(n) !== seen) valid = false;
    return `$${before + seen}`;
  });
  return valid && seen === fragment.params.length ? { sql: text, params: fragment.params } : null;
}
