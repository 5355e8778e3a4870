import { OWNERSHIP_SCHEMA, OWNERSHIP_VIEWS } from '../ownership/ownership.projection';
import { REPORTING_SCHEMA, REPORTING_VIEWS } from '../reporting/reporting.projection';
import { SAMPLE_QUESTIONS, sampleQuestion } from './sample-questions';

const DOCUMENTED_VIEWS = [
  ...Object.values(OWNERSHIP_VIEWS).map((view) => `${OWNERSHIP_SCHEMA}.${view}`),
  ...Object.values(REPORTING_VIEWS).map((view) => `${REPORTING_SCHEMA}.${view}`),
];

const placeholdersIn = (sql: string) => [...new Set([...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))].sort((a, b) => a - b);

describe('the sample questions of DOMAIN.md', () => {
  it('answers each of the seven questions with a query of its own', () => {
    expect(SAMPLE_QUESTIONS).toHaveLength(7);
    expect(new Set(SAMPLE_QUESTIONS.map((question) => question.key)).size).toBe(7);
  });

  it.each(SAMPLE_QUESTIONS.map((question) => [question.key, question]))('%s describes exactly the parameters its query uses', (_key, question) => {
    expect(placeholdersIn(question.sql)).toEqual(question.parameters.map((_parameter, index) => index + 1));
  });

  it.each(SAMPLE_QUESTIONS.map((question) => [question.key, question]))('%s reads the documented views only', (_key, question) => {
    const relations = [...question.sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+\.[a-z_]+)/g)].map((match) => match[1]);
    expect(relations.length).toBeGreaterThan(0);
    for (const relation of relations) expect(DOCUMENTED_VIEWS).toContain(relation);
  });

  it('finds a question by its key, and says so when there is none', () => {
    expect(sampleQuestion('overdue-contributions').question).toBe('Which contributions are overdue, by partner?');
    expect(() => sampleQuestion('unknown')).toThrow('There is no sample question "unknown".');
  });
});
