/**
 * The admin API: service accounts and their keys. Admins only, and that is all admins
 * do here (least privilege: an admin does not publish or read history). A new key's
 * secret is in the answer that creates it, and nowhere else, ever.
 */
import { Body, Controller, DefaultValuePipe, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountAdministration, AccountError, RequiresPermission, type AccountErrorCode } from '@ledger/auth';
import { createValidationPipe, problem, ProblemException } from '@ledger/platform';
import { CreateServiceAccountDto, IssueApiKeyDto } from './service-account.dto';
import {
  ApiKeySchema,
  CreatedServiceAccountSchema,
  IssuedApiKeySchema,
  ServiceAccountListSchema,
  ServiceAccountSchema,
} from './service-account.schemas';

const STATUS_OF_ACCOUNT_ERROR: Record<AccountErrorCode, HttpStatus> = {
  'account.exists': HttpStatus.CONFLICT,
  'account.not-found': HttpStatus.NOT_FOUND,
  'account.disabled': HttpStatus.CONFLICT,
  'key.not-found': HttpStatus.NOT_FOUND,
  'key.expiry-in-past': HttpStatus.BAD_REQUEST,
};

/** A missing body counts as an empty one, so the optional fields can all be left out. */
const validBody = [new DefaultValuePipe({}), createValidationPipe()];

@ApiTags('Administration')
@RequiresPermission('manage-accounts')
@Controller('admin/service-accounts')
export class ServiceAccountsHttpController {
  constructor(private readonly accounts: AccountAdministration) {}

  @Post()
  @ApiOperation({ operationId: 'CreateServiceAccount', summary: 'Create a service account with its first API key (shown once)' })
  @ApiBody({ type: CreateServiceAccountDto })
  @ApiCreatedResponse({ type: CreatedServiceAccountSchema })
  create(@Body(...validBody) body: CreateServiceAccountDto) {
    const { keyExpiresAt, partnershipScope = null, teamScope = null, ...account } = body;
    return this.accounts
      .createAccount({ ...account, partnershipScope, teamScope, keyExpiresAt: keyExpiresAt ? new Date(keyExpiresAt) : null })
      .catch(asProblem);
  }

  @Get()
  @ApiOperation({ operationId: 'ListServiceAccounts', summary: 'Every service account, with its keys (never their secrets)' })
  @ApiOkResponse({ type: ServiceAccountListSchema })
  async list() {
    return { accounts: await this.accounts.listAccounts() };
  }

  @Post(':accountId/keys')
  @ApiOperation({
    operationId: 'IssueApiKey',
    summary: 'Rotate: issue another key (shown once); the older keys stay valid until revoked or expired',
  })
  @ApiBody({ type: IssueApiKeyDto, required: false })
  @ApiCreatedResponse({ type: IssuedApiKeySchema })
  issueKey(@Param('accountId') accountId: string, @Body(...validBody) body: IssueApiKeyDto) {
    return this.accounts.issueKey(accountId, body.expiresAt ? new Date(body.expiresAt) : null).catch(asProblem);
  }

  @Delete(':accountId/keys/:keyId')
  @ApiOperation({ operationId: 'RevokeApiKey', summary: 'Revoke a key; it stops working within the authentication cache bound' })
  @ApiOkResponse({ type: ApiKeySchema })
  revokeKey(@Param('accountId') accountId: string, @Param('keyId') keyId: string) {
    return this.accounts.revokeKey(accountId, keyId).catch(asProblem);
  }

  @Post(':accountId/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'DisableServiceAccount', summary: 'Disable an account: none of its keys authenticates any more' })
  @ApiOkResponse({ type: ServiceAccountSchema })
  disable(@Param('accountId') accountId: string) {
    return this.accounts.disableAccount(accountId).catch(asProblem);
  }
}

function asProblem(error: unknown): never {
  if (!(error instanceof AccountError)) throw error;
  const errors = error.field ? [{ field: error.field, rule: error.code, message: error.message }] : undefined;
  throw new ProblemException(problem(STATUS_OF_ACCOUNT_ERROR[error.code], error.code, error.message, { errors }));
}
