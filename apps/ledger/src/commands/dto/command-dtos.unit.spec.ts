import { validateCommandData, type CommandDataValidation } from '../validate-submission';
import { COMMAND_TYPES } from './command-catalogue';
import { COMMAND_EXAMPLES } from './examples';

function violationsOf(validation: CommandDataValidation) {
  if (validation.ok) throw new Error('expected the data to be refused');
  return validation.violations;
}

function refusalOf(type: Parameters<typeof validateCommandData>[0], data: unknown) {
  return violationsOf(validateCommandData(type, data)).map(({ field, rule }) => ({ field, rule }));
}

const propose = COMMAND_EXAMPLES.ProposePartnership;
const scope = COMMAND_EXAMPLES.DefineScope.scope;

describe('command data DTOs', () => {
  it('cover every command of the catalogue with an example', () => {
    expect(Object.keys(COMMAND_EXAMPLES).sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it.each(COMMAND_TYPES)('accept the %s example and hand it on unchanged, as plain data', (type) => {
    const validation = validateCommandData(type, COMMAND_EXAMPLES[type]);
    expect(validation).toEqual({ ok: true, command: { type, data: COMMAND_EXAMPLES[type] } });
    if (validation.ok) expect(Object.getPrototypeOf(validation.command.data)).toBe(Object.prototype);
  });

  it('accept a command without its optional fields', () => {
    const { purpose: _purpose, ...withoutPurpose } = propose;
    expect(validateCommandData('ProposePartnership', withoutPurpose)).toMatchObject({ ok: true });
  });

  describe('refuse', () => {
    it('a missing required field, naming it', () => {
      const { name: _name, ...withoutName } = propose;
      expect(violationsOf(validateCommandData('ProposePartnership', withoutName))).toEqual([
        { field: 'name', rule: 'isDefined', message: 'name is required.' },
      ]);
    });

    it('null for an optional field, which is left out rather than sent empty', () => {
      expect(refusalOf('ProposePartnership', { ...propose, purpose: null })).toEqual([{ field: 'purpose', rule: 'isString' }]);
    });

    it('a malformed team id inside a list, with the index in the path', () => {
      const partners = [propose.partners[0], { teamId: 'Sales Team', displayName: 'Sales' }];
      expect(refusalOf('ProposePartnership', { ...propose, partners })).toEqual([{ field: 'partners[1].teamId', rule: 'matches' }]);
    });

    it('a partnership of one team', () => {
      expect(refusalOf('ProposePartnership', { ...propose, partners: [propose.partners[0]] })).toEqual([
        { field: 'partners', rule: 'arrayMinSize' },
      ]);
    });

    it('a list item that is not an object', () => {
      expect(refusalOf('ProposePartnership', { ...propose, partners: [propose.partners[0], 'sales'] })).toEqual([
        { field: 'partners[1]', rule: 'nestedValidation' },
      ]);
    });

    it('an empty item of a scope list, naming the item', () => {
      const priorities = ['One', 'Two', 'Three', ''];
      expect(refusalOf('DefineScope', { scope: { ...scope, priorities } })).toEqual([{ field: 'scope.priorities[3]', rule: 'isLength' }]);
    });

    it('every item of a nested list of texts that breaks the same rule', () => {
      const responsibilities = [{ teamId: 'sales', duties: ['ok', 'x'.repeat(501), 'ok', ''] }];
      expect(refusalOf('DefineScope', { scope: { ...scope, responsibilities } })).toEqual([
        { field: 'scope.responsibilities[0].duties[1]', rule: 'isLength' },
        { field: 'scope.responsibilities[0].duties[3]', rule: 'isLength' },
      ]);
    });

    it('a list item of blanks', () => {
      const outputMeasures = ['MQL volume', ' \n '];
      expect(refusalOf('DefineScope', { scope: { ...scope, outputMeasures } })).toEqual([
        { field: 'scope.outputMeasures[1]', rule: 'isPlainText' },
      ]);
    });

    it('a scope list longer than 50 items', () => {
      const priorities = Array.from({ length: 51 }, (_, index) => `Priority ${index}`);
      expect(refusalOf('DefineScope', { scope: { ...scope, priorities } })).toEqual([{ field: 'scope.priorities', rule: 'arrayMaxSize' }]);
    });

    it('a scope that is a list instead of an object', () => {
      expect(refusalOf('DefineScope', { scope: [scope] })).toEqual([{ field: 'scope', rule: 'isObject' }]);
    });

    it('unknown fields, at the top and nested, instead of dropping them', () => {
      const partners = [{ ...propose.partners[0], nickname: 'mkt' }, propose.partners[1]];
      expect(refusalOf('ProposePartnership', { ...propose, partners, colour: 'blue' })).toEqual([
        { field: 'colour', rule: 'whitelistValidation' },
        { field: 'partners[0].nickname', rule: 'whitelistValidation' },
      ]);
    });

    it('keys that JavaScript treats specially, like any other unknown field', () => {
      const data = JSON.parse('{"reason":"Reorganisation","__proto__":{"admin":true},"constructor":"x","toString":[]}');
      expect(refusalOf('SuspendPartnership', data)).toEqual([
        { field: '__proto__', rule: 'whitelistValidation' },
        { field: 'constructor', rule: 'whitelistValidation' },
        { field: 'toString', rule: 'whitelistValidation' },
      ]);
    });

    it('a value outside a closed vocabulary, listing the accepted values', () => {
      const [violation] = violationsOf(validateCommandData('CommitContribution', { ...COMMAND_EXAMPLES.CommitContribution, kind: 'money' }));
      expect(violation).toEqual({
        field: 'kind',
        rule: 'isIn',
        message: 'kind must be one of: people, data-access, budget, tooling, expertise, process.',
      });
    });

    it.each([
      ['31/03/2026', 'matches'],
      ['2026-02-29', 'isIso8601'],
      ['2026-04-31', 'isIso8601'],
    ])('a due date %s that is not a real YYYY-MM-DD date (%s)', (dueDate, rule) => {
      expect(refusalOf('CommitContribution', { ...COMMAND_EXAMPLES.CommitContribution, dueDate })).toEqual([{ field: 'dueDate', rule }]);
    });

    it('accepts 29 February in a leap year', () => {
      expect(validateCommandData('CommitContribution', { ...COMMAND_EXAMPLES.CommitContribution, dueDate: '2028-02-29' })).toMatchObject({ ok: true });
    });

    it.each(['2026-13', '2026-Q5', '2026-W54', 'March 2026', '26-03'])('a period %s in no cadence notation', (period) => {
      expect(refusalOf('RecordReading', { ...COMMAND_EXAMPLES.RecordReading, period })).toEqual([{ field: 'period', rule: 'matches' }]);
    });

    it.each(['2026', '2026-Q1', '2026-03', '2026-W09', '2026-03-01'])('(but accepts the period %s)', (period) => {
      expect(validateCommandData('RecordReading', { ...COMMAND_EXAMPLES.RecordReading, period })).toMatchObject({ ok: true });
    });

    it.each([
      [Number.POSITIVE_INFINITY, 'isNumber'],
      [Number.NaN, 'isNumber'],
      ['1184', 'isNumber'],
    ])('a reading value %p that is not a finite number', (value, rule) => {
      expect(refusalOf('RecordReading', { ...COMMAND_EXAMPLES.RecordReading, value })).toEqual([{ field: 'value', rule }]);
    });

    it.each([
      [0, 'isPositive'],
      [-0.5, 'isPositive'],
      [1.01, 'max'],
    ])('a compliance target %p outside (0, 1]', (complianceTarget, rule) => {
      expect(refusalOf('DefineSla', { ...COMMAND_EXAMPLES.DefineSla, complianceTarget })).toEqual([{ field: 'complianceTarget', rule }]);
    });

    it('a threshold without a comparator, inside the nested object', () => {
      const threshold = { value: 60 };
      expect(refusalOf('DefineSla', { ...COMMAND_EXAMPLES.DefineSla, threshold })).toEqual([{ field: 'threshold.comparator', rule: 'isDefined' }]);
    });

    it.each([
      [0, 'min'],
      [1.5, 'isInt'],
    ])('an agreement version %p that is not an integer of at least 1', (agreementVersion, rule) => {
      expect(refusalOf('SignAgreement', { ...COMMAND_EXAMPLES.SignAgreement, agreementVersion })).toEqual([{ field: 'agreementVersion', rule }]);
    });

    it.each(['ftp://files.example.com/roster', 'not a url', 'javascript:alert(1)'])('an evidence link %s that is not http(s)', (uri) => {
      const evidence = [{ description: 'Roster', uri }];
      expect(refusalOf('DeliverContribution', { contributionId: 'c-1', evidence })).toEqual([{ field: 'evidence[0].uri', rule: 'isUrl' }]);
    });

    it('a delivery without evidence', () => {
      expect(refusalOf('DeliverContribution', { contributionId: 'c-1', evidence: [] })).toEqual([{ field: 'evidence', rule: 'arrayMinSize' }]);
    });

    it.each(['', ' id', 'a/b', 'x'.repeat(129)])('an id %p that is neither a slug nor a UUID', (metricId) => {
      expect(refusalOf('RetireMetric', { metricId, reason: 'Replaced.' })).toEqual([{ field: 'metricId', rule: 'matches' }]);
    });

    it.each(['M', 'marketing team', 'Marketing', '1sales'])('a team id %p that is not a lower-case slug', (teamId) => {
      expect(refusalOf('SignAgreement', { ...COMMAND_EXAMPLES.SignAgreement, teamId })).toEqual([{ field: 'teamId', rule: 'matches' }]);
    });

    it.each([
      ['a name longer than 200 characters', 'x'.repeat(201), 'isLength'],
      ['an empty name', '', 'isLength'],
      ['a name of blanks', '   ', 'isPlainText'],
      ['a name with a NUL character', 'Dana\u0000Whitfield', 'isPlainText'],
      ['a name with a lone surrogate', 'Dana \ud800', 'isPlainText'],
    ])('%s', (_, signatory, rule) => {
      expect(refusalOf('SignAgreement', { ...COMMAND_EXAMPLES.SignAgreement, signatory })).toEqual([{ field: 'signatory', rule }]);
    });

    it('free text longer than 4000 characters', () => {
      expect(refusalOf('SuspendPartnership', { reason: 'x'.repeat(4001) })).toEqual([{ field: 'reason', rule: 'isLength' }]);
    });

    it.each([null, [], 'reason', 42])('data %p that is not an object', (data) => {
      expect(refusalOf('SuspendPartnership', data)).toEqual([{ field: '(body)', rule: 'isObject' }]);
    });
  });

  it('keep emoji, right-to-left scripts and line breaks intact', () => {
    const reason = 'Équipe réorganisée 🚀\nשלום عليكم\t👩🏽‍💻';
    expect(validateCommandData('SuspendPartnership', { reason })).toEqual({ ok: true, command: { type: 'SuspendPartnership', data: { reason } } });
  });
});
