// LEADS: mines a company website for contacts. Installable now; its `extract_leads` task type arrives with
// the extractions pipeline.
import type { AiModuleDefinition } from '../types';

export const leadsModule: AiModuleDefinition = {
  code: 'LEADS',
  name: 'Leads',
  description: 'Mines a company website for contacts and legal data',
  taskTypes: {},
};
