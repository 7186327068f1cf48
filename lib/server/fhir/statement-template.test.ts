import { and, is, sql, SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { fhirResources } from '@/lib/db/schema';
import { factsStatement } from './authorize-fhir-request';
import { ownConditionsSql, pageStatement, pageStatementFor, updatedSinceBound } from './read-search-page';
import { parseSearch, readSearchParameters, SEARCH_PARAMETERS } from './search-parameters';
import { cursorCondition, encodeCursor, searchConditions } from './search-resources';
import { StatementTemplate, type RenderedStatement } from './statement-template';

const dialect = new PgDialect();
const rendered = (statement: SQL | RenderedStatement) => {
  const { sql: text, params } = is(statement, SQL) ? dialect.sqlToQuery(statement) : statement;
  return { text, params };
};

describe('StatementTemplate', () => {
  it('renders the same text and parameters as the statement built directly, whatever goes into its slots', () => {
    const r = fhirResources;
    const build = (id: unknown, extra: SQL, limit: unknown) =>
      sql`select ${r.id} from ${r} where ${r.resourceType} = ${'Patient'} and ${r.id} <> ${id} and ${r.patientId} is null${extra} and ${r.id} > ${id} limit ${limit}`;
    const template = new StatementTemplate<'id' | 'extra' | 'limit'>((slot) => build(slot('id'), slot('extra'), slot('limit')));
    for (const [id, extra, limit] of [
      ['id-alpha', sql``, 10],
      ['id-beta', sql` and ${r.id} in (${'x'}, ${'y'})`, 3],
      ["o'brien; drop table x", sql` and ${r.serviceDate} <= ${'2026-12-05'}::date and (${r.id}, ${r.serviceDate}) < (${'z'}, ${'2026-01-01'}::date)`, 200],
    ] as const) {
      const filled = rendered(template.fill({ id, extra, limit }));
      expect(filled).toEqual(rendered(build(id, extra, limit)));
      // Rendered straight from the template's text: the same text and parameters.
      expect(rendered(template.query({ id, extra, limit }))).toEqual(filled);
      // The values are parameters, never text.
      expect(filled.text).not.toContain(String(id));
    }
  });

  it('renders a fragment whose text holds a "$" of its own through drizzle, never renumbering it', () => {
    const r = fhirResources;
    const build = (extra: SQL, id: unknown) => sql`select ${r.id} from ${r} where ${r.resourceType} = ${'Patient'}${extra} and ${r.id} > ${id}`;
    const template = new StatementTemplate<'extra' | 'id'>((slot) => build(slot('extra'), slot('id')));
    for (const extra of [
      sql` and ${r.id} <> '$1' and ${r.patientId} = ${'p-1'}`,
      sql` and ${r.patientId} = ${'p-1'} and ${r.id} <> '$2'`,
      sql.raw(` and ${'"id"'} <> '$1'`),
      sql` and ${r.id} in (${'a'}, ${'b'})`,
    ]) {
      const direct = rendered(build(extra, 'id-9'));
      expect(rendered(template.query({ extra, id: 'id-9' }))).toEqual(direct);
      expect(direct.text).toContain(`> $${direct.params.length}`);
    }
  });

  it('refuses a statement whose text holds a "$" that is not one of its parameters', () => {
    expect(() => new StatementTemplate<'v'>((slot) => sql`select '$1' as a, ${slot('v')}, ${5}`)).toThrow(/where \$2 was due/);
    expect(() => new StatementTemplate<'v'>((slot) => sql`select ${slot('v')}, '$9'`)).toThrow(/\$9 where \$1 was due/);
  });
});

describe('the FHIR read path\'s statements, written once', () => {
  const today = '2026-12-05' as CalendarDate;
  const token = 'K8nB3yX2r6wT1vQ9zL0pM4sD7fG5hJ2kA1sD3fG4hJ5';

  const queries: Record<string, string[]> = {
    Patient: ['', '_id=p-1', '_id=p-1,p-2&_lastUpdated=ge2026-01-01', 'identifier=http://example.org|123', 'identifier=http://example.org|', 'identifier=%09'],
    Coverage: ['', 'patient=p-1', 'beneficiary=p-1&identifier=abc', '_lastUpdated=lt2026-11-01', '_lastUpdated=gt2026-01-01&_lastUpdated=lt2026-11-01'],
    ExplanationOfBenefit: [
      '',
      'patient=p-1&_count=50',
      'type=pharmacy,professional&service-date=ge2025-01-01&service-date=le2025-12-31',
      'service-start-date=2025-03&billable-period-start=gt2024-12-31&identifier=claim-9',
      '_id=e-1,e-2,e-3&_lastUpdated=sa2026-01-01T00:00:00Z',
      '_lastUpdated=ge2025-06-01&type=pharmacy',
    ],
    Organization: ['', 'identifier=1234567890'],
    Practitioner: ['', '_id=pr-1'],
    MedicationKnowledge: ['', 'code=http://www.nlm.nih.gov/research/umls/rxnorm|197361', 'code=%09'],
    Consent: ['', 'category=patient-privacy', 'provision-type=permit&provision-action=disclose', 'provider-access=true'],
  };

  it('makes no condition of a blank identifier or code, as drizzle\'s and() left out the or() of no values', () => {
    for (const [resourceType, query] of [['Patient', 'identifier=%09'], ['ExplanationOfBenefit', 'identifier=%20,%09&_id=e-1'], ['MedicationKnowledge', 'code=%09']]) {
      const own = searchConditions(resourceType, parseSearch(resourceType, readSearchParameters(query), true));
      expect(own.every((condition) => condition !== undefined), query).toBe(true);
      expect(rendered(sql`where (true and true${ownConditionsSql(own)})`), query).toEqual(rendered(sql`where ${and(sql`true`, sql`true`, ...own)}`));
    }
    expect(rendered(ownConditionsSql([])).text).toBe('');
  });

  it('covers every searchable resource type', () => {
    expect(Object.keys(queries).sort()).toEqual(Object.keys(SEARCH_PARAMETERS).sort());
  });

  for (const [resourceType, list] of Object.entries(queries)) {
    it(`a ${resourceType} search page is the statement drizzle builds, for every kind of search and with a cursor`, () => {
      const cursors = [undefined, encodeCursor({ id: 'r-42', serviceDate: null }), encodeCursor({ id: 'r-43', serviceDate: '2025-06-30' })];
      for (const query of list) {
        for (const cursor of cursors) {
          const search = parseSearch(resourceType, readSearchParameters(cursor ? `${query}&_cursor=${cursor}` : query), true);
          const own = [...searchConditions(resourceType, search), ...(search.cursor ? [cursorCondition(resourceType, search.cursor)] : [])];
          const values = { token, today, own: ownConditionsSql(own), count: search.count, limit: search.count + 1, since: updatedSinceBound(resourceType, search) ?? undefined };
          const filled = rendered(pageStatementFor(resourceType, values));
          expect(filled, `${resourceType}?${query}${cursor ? ' with a cursor' : ''}`).toEqual(rendered(pageStatement(resourceType, values)));
          expect(filled.params).toContain(token);
          expect(filled.text).not.toContain(token);
        }
      }
    });
  }

  it('the token\'s facts statement, likewise', () => {
    const template = new StatementTemplate<'token'>((slot) => factsStatement(slot('token')));
    expect(rendered(template.fill({ token }))).toEqual(rendered(factsStatement(token)));
    expect(rendered(template.query({ token }))).toEqual(rendered(factsStatement(token)));
  });
});
