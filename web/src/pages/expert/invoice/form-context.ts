// What every field of the invoice form reads: the edited output, the reading's extras (confidence, boxes,
// printed values, learned fields), the review threshold, and how to change a value or find its error.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Output, type ReadingExtras, readingExtras } from './invoice';

export interface InvoiceForm {
  output: Output;
  extras: ReadingExtras;
  /** Fields the Worker trusts less than this (0–100) are marked for the expert to check. */
  threshold: number;
  language: string | null;
  currency: string | null;
  set: (path: string, value: unknown, error?: string) => void;
  errorOf: (path: string) => string | undefined;
}

export const InvoiceFormContext = createContext<InvoiceForm>({
  output: {},
  extras: readingExtras({}),
  threshold: 80,
  language: null,
  currency: null,
  set: () => {},
  errorOf: () => undefined,
});

export const useInvoiceForm = () => useContext(InvoiceFormContext);
