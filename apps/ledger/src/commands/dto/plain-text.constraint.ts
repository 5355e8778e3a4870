/**
 * Text a person wrote, safe to store and show: no control characters except tab and
 * line breaks, no unpaired UTF-16 surrogates, and not only blanks. PostgreSQL refuses
 * NUL and broken surrogates inside `jsonb`, so letting them through would turn a bad
 * request into a failed append; emoji, right-to-left scripts and the like pass intact.
 */
import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** With the `u` flag a well-formed pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;
const HAS_VISIBLE_CHARACTER = /\S/;

function isPlainText(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    !FORBIDDEN_CONTROL.test(value) &&
    !LONE_SURROGATE.test(value) &&
    HAS_VISIBLE_CHARACTER.test(value)
  );
}

@ValidatorConstraint({ name: 'isPlainText' })
export class IsPlainTextConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isPlainText(value);
  }
}
