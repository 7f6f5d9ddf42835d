// The MCP tools: each is a REST operation of the OpenAPI document, named for agents. A tool's input schema is
// built from that operation's own parameters and body (the zod schemas the route validates with, as JSON
// Schema), and calling it runs the operation through the app itself, so validation, scopes, tenancy and
// idempotency are exactly the REST route's — one definition, no copy.

export interface OperationTool {
  name: string;
  /** `METHOD /path` as in the OpenAPI document. */
  operation: string;
  description: string;
  /** Path parameters renamed for the agent (`{id}` of an engagement → `engagement_id`). */
  rename?: Record<string, string>;
  /** Long work: the answer names the resource to read (or subscribe to) for the result. */
  resource?: (body: Record<string, unknown>) => string | undefined;
}

/** The answer's resource URI (`engage://tasks/{id}`), for reading it, or subscribing to it, later. */
const resourceOf = (kind: 'tasks' | 'extractions') => (body: Record<string, unknown>) =>
  typeof body.id === 'string' ? `engage://${kind}/${body.id}` : undefined;

export const OPERATION_TOOLS: OperationTool[] = [
  {
    name: 'list_engagements',
    operation: 'GET /v1/engagements',
    description: 'List the engagements you can see (a company its own, an expert theirs), newest first.',
  },
  {
    name: 'get_engagement',
    operation: 'GET /v1/engagements/{id}',
    description: 'One engagement: parties, modules, rate and status.',
    rename: { id: 'engagement_id' },
  },
  {
    name: 'create_task',
    operation: 'POST /v1/engagements/{id}/tasks',
    description:
      'Create an AI task on an active engagement (CTAX/process_invoice, TENDER/parse_rfp with input.file_id or ' +
      'input.text; LEADS/extract_leads with input.url). Returns at once with the queued task; read ' +
      'engage://tasks/{id} (or get_task) for the result. Costs AI credits.',
    rename: { id: 'engagement_id' },
    resource: resourceOf('tasks'),
  },
  {
    name: 'get_task',
    operation: 'GET /v1/tasks/{id}',
    description: 'One task with its status, AI output, confidence and review.',
    rename: { id: 'task_id' },
  },
  {
    name: 'list_tasks',
    operation: 'GET /v1/tasks',
    description: 'Tasks you can see, filtered by status or engagement, newest first.',
  },
  {
    name: 'review_task',
    operation: 'POST /v1/tasks/{id}/review',
    description:
      'The engaged expert approves (optionally with a corrected output) or rejects a task that needs review.',
    rename: { id: 'task_id' },
  },
  {
    name: 'start_extraction',
    operation: 'POST /v1/extractions',
    description:
      'Mine a company website for contacts and legal data (emails, phones, people, VAT ID…). Returns at once ' +
      'with the queued extraction; read engage://extractions/{id} (or get_extraction) for the result.',
    resource: resourceOf('extractions'),
  },
  {
    name: 'get_extraction',
    operation: 'GET /v1/extractions/{id}',
    description: 'One extraction with its progress, entities and pages.',
    rename: { id: 'extraction_id' },
  },
  {
    name: 'list_payments',
    operation: 'GET /v1/payments',
    description: 'Payments you can see (a company its own, an expert those paying them).',
  },
];
