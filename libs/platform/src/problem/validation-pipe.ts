/**
 * The NestJS `ValidationPipe` every service uses for DTO parameters: unknown fields
 * are refused (not silently dropped), and a failure answers with a 400 problem
 * `request.invalid` listing each offending field with its full path and rule.
 */
import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './flatten-validation-errors';
import { problem, ProblemException } from './problem-details';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    // The flattening needs each error's object and value to name the failing list items.
    validationError: { target: true, value: true },
    exceptionFactory: (errors: ValidationError[]) => invalidRequest(errors),
  });
}

function invalidRequest(errors: ValidationError[]): ProblemException {
  const violations = flattenValidationErrors(errors);
  const count = violations.length === 1 ? '1 field is' : `${violations.length} fields are`;
  return new ProblemException(
    problem(HttpStatus.BAD_REQUEST, 'request.invalid', `The request is not valid (${count} wrong); nothing was changed.`, {
      errors: violations,
    }),
  );
}
