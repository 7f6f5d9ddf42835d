// The AI modules an engagement can install. The tasks pipeline registers each module's task types here.
export const MODULE_CATALOG = {
  TENDER: { name: 'Tenders', description: 'Parses RFPs: issuer, deadlines, lots, requirements, budget' },
  CTAX: { name: 'Accounting', description: 'Books invoices: parties, dates, net/VAT/gross, IBAN' },
  LEADS: { name: 'Leads', description: 'Mines a company website for contacts and legal data' },
} as const;

export type ModuleCode = keyof typeof MODULE_CATALOG;

export function isKnownModule(code: string): code is ModuleCode {
  return Object.hasOwn(MODULE_CATALOG, code);
}
