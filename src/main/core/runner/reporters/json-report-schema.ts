// The JSON report's schema (JSON Schema draft-07), the contract CI scripts rely on; docs/ci.md describes it
// and the tests validate every report against it. Bump RUN_REPORT_VERSION when a field changes meaning.
export const RUN_REPORT_VERSION = 1

const counts = {
  type: 'object',
  required: ['total', 'passed', 'failed'],
  properties: { total: { type: 'integer', minimum: 0 }, passed: { type: 'integer', minimum: 0 }, failed: { type: 'integer', minimum: 0 } }
} as const

const assertion = {
  type: 'object',
  required: ['kind', 'expression', 'operator', 'passed', 'message'],
  additionalProperties: false,
  properties: {
    kind: { enum: ['status', 'header', 'json-path', 'response-time', 'json-api', 'body', 'poll', 'invalid'] },
    expression: { type: 'string' },
    operator: { type: 'string' },
    expected: { type: 'string' },
    passed: { type: 'boolean' },
    actual: { type: 'string' },
    message: { type: 'string' },
    implicit: { type: 'boolean' }
  }
} as const

const result = {
  type: 'object',
  required: ['index', 'iteration', 'path', 'name', 'folder', 'method', 'url', 'outcome', 'startedAt', 'durationMs', 'attempts', 'requestId', 'assertions', 'captures', 'scriptsNotRun', 'waits'],
  additionalProperties: false,
  properties: {
    index: { type: 'integer', minimum: 0 },
    iteration: { type: 'integer', minimum: 1 },
    path: { type: 'string' },
    name: { type: 'string' },
    folder: { type: 'string' },
    method: { type: 'string' },
    url: { type: 'string' },
    outcome: { enum: ['passed', 'failed', 'cancelled'] },
    status: { type: 'integer' },
    statusText: { type: 'string' },
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number', minimum: 0 },
    attempts: { type: 'integer', minimum: 0 },
    requestId: { type: 'string' },
    adobeRequestId: { type: 'string' },
    assertions: { type: 'array', items: assertion },
    captures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'expression', 'captured', 'origin'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, expression: { type: 'string' }, captured: { type: 'boolean' }, value: { type: 'string' }, message: { type: 'string' }, origin: { enum: ['action', 'script'] } }
      }
    },
    scriptsNotRun: {
      type: 'array',
      items: { type: 'object', required: ['type', 'reason'], additionalProperties: false, properties: { type: { type: 'string' }, reason: { type: 'string' } } }
    },
    waits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['reason', 'message'],
        additionalProperties: false,
        properties: { reason: { enum: ['retry-after', 'retry', 'poll'] }, ms: { type: 'number', minimum: 0 }, message: { type: 'string' } }
      }
    },
    pages: { type: 'integer', minimum: 0 },
    error: { type: 'object', required: ['code', 'message'], additionalProperties: false, properties: { code: { type: 'string' }, message: { type: 'string' } } }
  }
} as const

const summary = {
  type: 'object',
  required: ['runId', 'collection', 'profile', 'startedAt', 'finishedAt', 'durationMs', 'outcome', 'requests', 'assertions', 'iterations', 'dataErrors', 'dataErrorCount', 'failures', 'scriptsNotRun', 'notes'],
  additionalProperties: false,
  properties: {
    runId: { type: 'string' },
    collection: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    profile: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    environment: { type: 'string' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number', minimum: 0 },
    outcome: { enum: ['passed', 'failed', 'cancelled'] },
    stoppedBy: { enum: ['bail', 'cancel', 'network', 'credential'] },
    requests: {
      type: 'object',
      required: [...counts.required, 'cancelled', 'answered'],
      properties: {
        ...counts.properties,
        cancelled: { type: 'integer', minimum: 0 },
        answered: { type: 'integer', minimum: 0 },
        notRun: { type: 'integer', minimum: 0 }
      }
    },
    assertions: counts,
    iterations: { type: 'object', required: ['total', 'failed'], properties: { total: { type: 'integer', minimum: 0 }, failed: { type: 'integer', minimum: 0 } } },
    dataErrors: {
      type: 'array',
      items: { type: 'object', required: ['iteration', 'message'], properties: { iteration: { type: 'integer', minimum: 1 }, line: { type: 'integer', minimum: 1 }, message: { type: 'string' } } }
    },
    dataErrorCount: { type: 'integer', minimum: 0 },
    failures: { type: 'integer', minimum: 0 },
    scriptsNotRun: { type: 'integer', minimum: 0 },
    notes: { type: 'array', items: { type: 'string' } }
  }
} as const

export const RUN_REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/reactor-explorer/schemas/run-report-v1.json',
  title: 'Reactor Explorer run report',
  type: 'object',
  required: ['reportVersion', 'tool', 'runId', 'collection', 'startedAt', 'results', 'summary'],
  additionalProperties: false,
  properties: {
    reportVersion: { const: RUN_REPORT_VERSION },
    tool: { type: 'string' },
    runId: { type: 'string' },
    collection: { type: 'string' },
    profile: { type: 'string' },
    environment: { type: 'string' },
    startedAt: { type: 'string', format: 'date-time' },
    results: { type: 'array', items: result },
    summary
  }
} as const
