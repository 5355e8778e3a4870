/** Answers of the admin API, described for the OpenAPI document. A key's secret appears only in `IssuedApiKeySchema`, once. */
import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@ledger/auth';

export class ApiKeySchema {
  @ApiProperty({ example: '3f9a0c1be27d4458aa' }) keyId!: string;
  @ApiProperty({ example: 'crm-publisher' }) accountId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class ServiceAccountSchema {
  @ApiProperty({ example: 'crm-publisher' }) accountId!: string;
  @ApiProperty({ example: 'CRM lead hand-offs' }) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: [String], nullable: true, example: ['mkt-sales'] }) partnershipScope!: string[] | null;
  @ApiProperty({ type: [String], nullable: true, example: null }) teamScope!: string[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) disabledAt!: string | null;
}

export class ServiceAccountWithKeysSchema extends ServiceAccountSchema {
  @ApiProperty({ type: [ApiKeySchema] }) keys!: ApiKeySchema[];
}

export class ServiceAccountListSchema {
  @ApiProperty({ type: [ServiceAccountWithKeysSchema] }) accounts!: ServiceAccountWithKeysSchema[];
}

export class IssuedApiKeySchema {
  @ApiProperty({ example: '3f9a0c1be27d4458aa' }) keyId!: string;
  @ApiProperty({ description: 'The whole key. Shown this once: only its hash is stored.', example: 'alk_3f9a0c1be27d4458aa_<secret>' })
  apiKey!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) expiresAt!: string | null;
}

export class CreatedServiceAccountSchema {
  @ApiProperty({ type: ServiceAccountSchema }) account!: ServiceAccountSchema;
  @ApiProperty({ type: IssuedApiKeySchema }) key!: IssuedApiKeySchema;
}
