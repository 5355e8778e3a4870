/** The README shows the access policy as a table; it must be the table the code enforces. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_POLICY } from './access-policy';

const README = join(__dirname, '..', '..', 'README.md');

function policyAsMarkdown(): string[] {
  return [
    '| permission | roles | covers |',
    '| --- | --- | --- |',
    ...Object.entries(ACCESS_POLICY).map(([permission, { roles, covers }]) => `| \`${permission}\` | ${roles.join(', ')} | ${covers} |`),
  ];
}

describe('the access policy in libs/auth/README.md', () => {
  it('is the table the guard enforces, row for row', () => {
    const readme = readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf('<!-- access-policy:start -->'), readme.indexOf('<!-- access-policy:end -->'));
    expect(section.split('\n').slice(1).filter(Boolean)).toEqual(policyAsMarkdown());
  });
});
