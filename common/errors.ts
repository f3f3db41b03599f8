/** Error codes every API method may return; the message is always Dutch and safe to show. */
export type ApiErrorCode =
  | 'ONGELDIGE_INVOER'
  | 'NIET_GEVONDEN'
  | 'CONFLICT'
  | 'ONBEKENDE_METHODE'
  | 'GEEN_TOEGANG'
  | 'DATABASE'
  | 'INTERN';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** Field-level problems, keyed by field path ("title", "yearPublished"). */
  fields?: Record<string, string>;
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorCode;
  readonly fields?: Record<string, string>;
  constructor(code: ApiErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (fields) this.fields = fields;
  }
  toJSON(): ApiErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
