// LEADS: mines a company website for contacts. Its one task type runs as an extraction (src/modules/
// extractions): the task waits in_progress while the site is crawled, and the extraction's confidence decides
// between completed and needs_review like any module's.
import {
  acceptLeadsInput,
  EXTRACTION_MODEL,
  extractionRunningFor,
  leadsInputSchema,
  leadsOutputSchema,
  startExtractionForTask,
} from '../../extractions/task-link';
import type { AiModuleDefinition } from '../types';

export const leadsModule = {
  code: 'LEADS',
  name: 'Leads',
  description: 'Mines a company website for contacts and legal data',
  taskTypes: {
    extract_leads: {
      kind: 'job',
      model: EXTRACTION_MODEL,
      input: leadsInputSchema,
      output: leadsOutputSchema,
      start: startExtractionForTask,
      accept: acceptLeadsInput,
      isRunning: extractionRunningFor,
    },
  },
} satisfies AiModuleDefinition;
