import { ERRORS, type ErrorBody, type ErrorCode } from '@bantay/core/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** An error the API answers with: a code from the catalogue, optionally the field at fault. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) },
    };
  }
}

export const notFound = () => new AppError('not_found');

/** Maps Fastify's own errors onto the catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_VALIDATION: 'validation_failed',
};

/**
 * The one error handler: every error leaves as `{"error":{"code","message","field?"}}`,
 * never with a stack trace. Unexpected errors are logged with the request id, which the
 * message quotes so an administrator can find them.
 */
export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof AppError) {
    void reply.code(error.status).send(error.toBody());
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const field = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined;
    const where = error.validationContext === 'body' ? '' : `${error.validationContext ?? 'request'} `;
    const body = new AppError(
      'validation_failed',
      issue ? `${where}${field ?? ''}: ${issue.message}`.trim() : undefined,
      field,
    );
    void reply.code(400).send(body.toBody());
    return;
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    void reply
      .code(500)
      .send(
        new AppError('internal', `Something went wrong on the server (reference ${request.id}).`).toBody(),
      );
    return;
  }
  const fastifyCode =
    'code' in error && typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined;
  if (fastifyCode) {
    void reply
      .code(ERRORS[fastifyCode].status)
      .send(
        new AppError(fastifyCode, fastifyCode === 'validation_failed' ? error.message : undefined).toBody(),
      );
    return;
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status === 429) {
    void reply.code(429).send(new AppError('rate_limited').toBody());
    return;
  }
  if (status >= 400 && status < 500) {
    request.log.info({ err: error }, 'client error');
    void reply.code(400).send(new AppError('validation_failed', error.message).toBody());
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  void reply
    .code(500)
    .send(new AppError('internal', `Something went wrong on the server (reference ${request.id}).`).toBody());
}
