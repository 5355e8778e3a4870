/**
 * Rule of engagement 5, asset management: what each partner brings (processes,
 * expertise, cash, tools, data), who owns it, who looks after it, and on which terms
 * it may be used.
 */
import type { PartnershipEvent, UsageParameter } from '@ledger/contracts';
import type { AmendAssetUsage, RegisterAsset } from '../commands';
import { requirePartner, withoutUndefined } from './checks';
import { DomainError } from './errors';
import type { PartnershipState } from './state';

export function registerAsset(command: RegisterAsset, state: PartnershipState): PartnershipEvent[] {
  const { assetId, name, kind, ownerTeamId, steward, usage, description } = command.data;
  if (state.assets.has(assetId)) {
    throw DomainError.conflict(
      'asset.already-exists',
      `Asset "${assetId}" is already registered in partnership "${state.partnershipId}".`,
      'assetId',
    );
  }
  requirePartner(state, ownerTeamId, { code: 'asset.owner-not-partner', field: 'ownerTeamId', action: 'own an asset' });
  requireDistinctParameterNames(assetId, usage);
  return [{ type: 'AssetRegistered', data: withoutUndefined({ assetId, name, kind, ownerTeamId, steward, usage, description }) }];
}

/** New terms of use replace the old ones; without a new steward the current one stays. */
export function amendAssetUsage(command: AmendAssetUsage, state: PartnershipState): PartnershipEvent[] {
  const { assetId, usage, reason } = command.data;
  const asset = state.assets.get(assetId);
  if (asset === undefined) {
    throw DomainError.rule(
      'asset.unknown',
      `Asset "${assetId}" is not registered in partnership "${state.partnershipId}".`,
      'assetId',
    );
  }
  requireDistinctParameterNames(assetId, usage);
  const steward = command.data.steward ?? asset.steward;
  return [{ type: 'AssetUsageAmended', data: { assetId, steward, usage, reason } }];
}

/** Two values for one parameter would leave the terms of use ambiguous. */
function requireDistinctParameterNames(assetId: string, usage: UsageParameter[]): void {
  const names = usage.map((parameter) => parameter.name);
  const repeatedIndex = names.findIndex((name, index) => names.indexOf(name) !== index);
  if (repeatedIndex < 0) return;
  throw DomainError.rule(
    'asset.usage-parameter-repeated',
    `Usage parameter "${names[repeatedIndex]}" of asset "${assetId}" is given more than once; give each parameter one value.`,
    `usage[${repeatedIndex}].name`,
  );
}
