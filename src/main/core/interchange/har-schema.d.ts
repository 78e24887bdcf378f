// har-schema 2 ships JSON Schemas (draft-06) for each HAR 1.2 object and no types.
declare module 'har-schema' {
  const schemas: Record<string, object>
  export = schemas
}
