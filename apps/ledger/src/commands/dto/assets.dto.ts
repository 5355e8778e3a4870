/** Rule 5 of engagement: the assets partners bring, their owner, steward and terms of use. */
import type { CommandData } from '@ledger/domain';
import { ASSET_KINDS, type AssetKind, type UsageParameter } from '@ledger/contracts';
import { LIMITS } from './patterns';
import { IdProperty, NameProperty, NestedListProperty, OneOfProperty, TeamIdProperty, TextProperty } from './properties';

export class UsageParameterDto implements UsageParameter {
  @NameProperty({ description: 'The parameter of use.', example: 'access' })
  name!: string;

  @TextProperty({ description: 'Its value.', example: 'read-only for Sales' }, LIMITS.listItem)
  value!: string;
}

export class RegisterAssetDto implements CommandData<'RegisterAsset'> {
  @IdProperty({ description: 'Id of the asset.', example: 'crm-lead-data' })
  assetId!: string;

  @NameProperty({ description: 'Name of the asset.', example: 'CRM lead data' })
  name!: string;

  @OneOfProperty({ description: 'What kind of asset it is.', example: 'data' }, ASSET_KINDS)
  kind!: AssetKind;

  @TeamIdProperty({ description: 'The partner team that owns it.', example: 'sales' })
  ownerTeamId!: string;

  @NameProperty({ description: 'Who looks after it day to day (a person or a team).', example: 'Sales operations' })
  steward!: string;

  @NestedListProperty({ description: 'The parameters of its use (0 to 50).' }, () => UsageParameterDto, LIMITS.usage)
  usage!: UsageParameterDto[];

  @TextProperty({ description: 'What the asset is.', example: 'Leads and their activity history.', optional: true })
  description?: string;
}

export class AmendAssetUsageDto implements CommandData<'AmendAssetUsage'> {
  @IdProperty({ description: 'The asset.', example: 'crm-lead-data' })
  assetId!: string;

  @NameProperty({ description: 'The new steward; left out, the current one stays.', example: 'Revenue operations', optional: true })
  steward?: string;

  @NestedListProperty({ description: 'The parameters of its use from now on (0 to 50).' }, () => UsageParameterDto, LIMITS.usage)
  usage!: UsageParameterDto[];

  @TextProperty({ description: 'Why the terms change.', example: 'Marketing needs write access for enrichment.' })
  reason!: string;
}
