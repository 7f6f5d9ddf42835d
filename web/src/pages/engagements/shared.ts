// What the engagement pages share: how a rate reads, which task type and upload purpose each module
// implies, and field bindings whose element id differs from the API's problem path.
import type { Engagement } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import { messagesOf } from '../../i18n/define';
import type { Role } from '../../session';
import { exponentOf, formatMoney, formatNumber } from '../../ui/format';
import { engagementWords } from './messages';

export type EngagementStatus = Engagement['status'];
export type EngagementAction = 'accept' | 'decline' | 'complete' | 'cancel';

export const ENGAGEMENT_STATUSES: EngagementStatus[] = [
  'pending',
  'active',
  'completed',
  'declined',
  'cancelled',
];
export const CURRENCIES = ['eur', 'usd', 'gbp', 'chf'];
export const DEFAULT_THRESHOLD = 80;

/**
 * Each module runs one task type; its file uploads have one purpose (and so one set of accepted types).
 * Its name in words: engagementWords.moduleName.
 */
export const MODULES: Record<string, { type: string; purpose?: 'rfp' | 'invoice'; accept?: string }> = {
  TENDER: { type: 'parse_rfp', purpose: 'rfp', accept: '.pdf,.docx' },
  CTAX: { type: 'process_invoice', purpose: 'invoice', accept: '.pdf,.png,.jpg,.jpeg' },
  LEADS: { type: 'extract_leads' },
};

/** "4.500,00 € / Monat": the amount and interval in the dashboard's language. */
export const formatRate = (rate: Engagement['rate']) =>
  messagesOf(engagementWords).rate(formatMoney(rate.amount, rate.currency), rate.interval);

/** The transitions this role may start from this status (the API refuses the rest with 409/403 anyway). */
export function actionsFor(status: EngagementStatus, role: Role): EngagementAction[] {
  if (role === 'expert')
    return status === 'pending' ? ['accept', 'decline'] : status === 'active' ? ['complete'] : [];
  if (role === 'company')
    return status === 'active' ? ['complete', 'cancel'] : status === 'pending' ? ['cancel'] : [];
  return [];
}

/** Props for a control whose id is page-unique while its problem path is the API's (e.g. `rate.amount`). */
export function bind(id: string, path: string, problem?: ApiProblem) {
  const invalid = Boolean(problem?.fieldError(path));
  return {
    id,
    name: path,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${id}-error` : undefined,
  };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
}

/** Minor units as the plain decimal a person would type back ("4500.00"), for prefilling an amount field. */
export function toDecimal(amount: number, currency: string): string {
  const digits = exponentOf(currency);
  return (amount / 10 ** digits).toFixed(digits);
}
