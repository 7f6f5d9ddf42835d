// What AI work costs in credits, from the price table in configuration (CREDIT_PRICES): a module's task price
// is taken when the task is created and covers its first `included_pages`; each page beyond them costs `page`
// once the document has been read and its pages are known.
import { type CreditPrice, loadConfig } from '../../config';

const FREE: CreditPrice = { task: 0, page: 0, included_pages: 0 };

export function priceOf(env: Env, module: string): CreditPrice {
  return loadConfig(env).CREDIT_PRICES[module] ?? FREE;
}

/** Credits for the pages of a document beyond those its task price includes. */
export function extraPagesCost(price: CreditPrice, pages: number): number {
  return Math.max(0, pages - price.included_pages) * price.page;
}
