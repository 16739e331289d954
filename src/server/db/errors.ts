// Recognising the database errors a service turns into an AppError (both engines give SQLSTATE codes).

/** SQLSTATE of the error or the driver error it wraps (Drizzle puts the driver's in `cause`). */
function sqlState(error: unknown): string | undefined {
  for (let current = error; current && typeof current === 'object'; current = (current as Error).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** 23503: a row still refers to the one being deleted (or to one that does not exist). */
export const isForeignKeyViolation = (error: unknown) => sqlState(error) === '23503';
