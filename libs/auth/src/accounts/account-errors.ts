/** Expected failures of account administration, each with a stable code the edges map once. */
export type AccountErrorCode = 'account.exists' | 'account.not-found' | 'account.disabled' | 'key.not-found' | 'key.expiry-in-past';

export class AccountError extends Error {
  override readonly name = 'AccountError';

  constructor(
    readonly code: AccountErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
