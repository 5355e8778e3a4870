import type { EventOfType } from '@ledger/contracts';
import type { RegisterAsset } from '../commands';
import { DECISION_CONTEXT, DeciderSpecification, FINANCE, SALES, activePartnership } from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const asset: RegisterAsset['data'] = {
  assetId: 'crm',
  name: 'Customer relationship management system',
  kind: 'tool',
  ownerTeamId: SALES,
  steward: 'Sales operations',
  usage: [{ name: 'marketing-access', value: 'read-only' }],
};
const registered: EventOfType<'AssetRegistered'> = { type: 'AssetRegistered', data: asset };
const register = (data: Partial<RegisterAsset['data']> = {}): RegisterAsset => ({ type: 'RegisterAsset', data: { ...asset, ...data } });
const newTerms = [
  { name: 'marketing-access', value: 'read-write' },
  { name: 'retention', value: '24 months' },
];

describe('registering an asset', () => {
  it('records the asset with its owner, steward and terms of use', () => {
    given(activePartnership).when(register()).then([registered]);
  });

  it('keeps the description when one is given', () => {
    given(activePartnership)
      .when(register({ description: 'Salesforce org' }))
      .then([{ type: 'AssetRegistered', data: { ...asset, description: 'Salesforce org' } }]);
  });

  it('refuses an owner that is not a partner', () => {
    const error = given(activePartnership).when(register({ ownerTeamId: FINANCE })).thenThrows('asset.owner-not-partner');
    expect(error.field).toBe('ownerTeamId');
  });

  it('refuses a usage parameter given twice', () => {
    const usage = [...asset.usage, { name: 'marketing-access', value: 'none' }];
    const error = given(activePartnership).when(register({ usage })).thenThrows('asset.usage-parameter-repeated');
    expect(error.field).toBe('usage[1].name');
  });

  it('is a conflict when the asset id is taken', () => {
    expect(given([...activePartnership, registered]).when(register()).thenThrows('asset.already-exists').kind).toBe('conflict');
  });
});

describe('amending the terms of use of an asset', () => {
  it('keeps the current steward when none is given', () => {
    given([...activePartnership, registered])
      .when({ type: 'AmendAssetUsage', data: { assetId: 'crm', usage: newTerms, reason: 'Joint lead scoring' } })
      .then([
        {
          type: 'AssetUsageAmended',
          data: { assetId: 'crm', steward: 'Sales operations', usage: newTerms, reason: 'Joint lead scoring' },
        },
      ]);
  });

  it('records a new steward when one is given', () => {
    given([...activePartnership, registered])
      .when({ type: 'AmendAssetUsage', data: { assetId: 'crm', steward: 'RevOps', usage: newTerms, reason: 'RevOps team formed' } })
      .then([{ type: 'AssetUsageAmended', data: { assetId: 'crm', steward: 'RevOps', usage: newTerms, reason: 'RevOps team formed' } }]);
  });

  it('refuses an unknown asset', () => {
    const error = given(activePartnership)
      .when({ type: 'AmendAssetUsage', data: { assetId: 'erp', usage: newTerms, reason: 'x' } })
      .thenThrows('asset.unknown');
    expect(error.field).toBe('assetId');
  });

  it('refuses a usage parameter given twice', () => {
    given([...activePartnership, registered])
      .when({ type: 'AmendAssetUsage', data: { assetId: 'crm', usage: [...newTerms, newTerms[1]], reason: 'x' } })
      .thenThrows('asset.usage-parameter-repeated');
  });
});
