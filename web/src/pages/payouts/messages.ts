// The payout texts, English and German: one payout with the payments it covers, the expert's balance and
// payouts account, and the table of payouts.
import { defineMessages, formatCount, plural } from '../../i18n/define';

const ENTRY_KINDS_EN: Record<string, string> = {
  payment: 'Payment',
  refund: 'Refund',
  payout_reversal: 'Payout reversed',
  dispute: 'Chargeback',
  dispute_won: 'Chargeback won back',
};
const ENTRY_KINDS_DE: Record<string, string> = {
  payment: 'Zahlung',
  refund: 'Erstattung',
  payout_reversal: 'Auszahlung storniert',
  dispute: 'Rückbuchung',
  dispute_won: 'Rückbuchung zurückgewonnen',
};
const wordFor = (words: Record<string, string>, key: string) =>
  Object.hasOwn(words, key) ? (words[key] as string) : key.replaceAll('_', ' ');

/** `2026-W47` as its parts, for "week 47 of 2026"; null for anything else (shown as it is). */
const isoWeek = (week: string) => /^(\d{4})-W(\d{2})$/.exec(week);

export const payoutMessages = defineMessages(
  {
    backToPayouts: '← Payouts',
    payout: 'Payout',
    payoutOfWeek: (week: string) => {
      const parts = isoWeek(week);
      return parts ? `Payout for week ${Number(parts[2])}, ${parts[1]}` : `Payout ${week}`;
    },
    week: (week: string) => {
      const parts = isoWeek(week);
      return parts ? `Week ${Number(parts[2])}, ${parts[1]}` : week;
    },
    loadingPayout: 'Loading the payout…',
    // A payout is skipped for one reason only (payouts/process.ts): no connected account yet.
    skippedReason:
      'The expert has no payouts account connected yet; the amount stays in their balance for the next run.',
    amount: 'Amount',
    weekLabel: 'Week',
    statement: 'Statement',
    statementButton: (number: string) => `Gutschrift ${number} (PDF)`,
    status: 'Status',
    expert: 'Expert',
    transfer: 'Transfer',
    attempts: 'Attempts',
    prepared: 'Prepared',
    processed: 'Processed',
    paymentsCovered: 'Payments covered',
    noPayments: 'No payments in this payout',
    noPaymentsBody: 'No payment details are linked to this payout.',
    payment: 'Payment',
    engagement: 'Engagement',
    paid: 'Paid',
    platformFee: 'Platform fee',
    expertShare: 'Expert’s share',
    refunded: (amount: string) => `${amount} refunded`,
    total: (count: number) =>
      plural(count, { one: 'Total (1 payment)', other: `Total (${formatCount(count)} payments)` }),
    entryKind: (kind: string) => wordFor(ENTRY_KINDS_EN, kind),
    creditsPurchase: 'AI credits',
    engagementPayment: 'Engagement payment',

    balance: 'Balance',
    loadingBalance: 'Loading the balance…',
    noEarnings: 'No earnings yet. Your share of each paid payment appears here.',
    notYetPaidOut: (amount: string) => `${amount} not yet in a payout`,

    account: 'Payouts account',
    loadingAccount: 'Loading your account…',
    connectedNow: 'Your Stripe account is connected. Payouts will reach it from the next run.',
    connected: 'Connected',
    fridays: 'Payouts are sent every Friday for the previous week.',
    stripeAccount: 'Stripe account',
    notConnected: 'Not connected',
    onboardingIncomplete: 'Onboarding incomplete',
    connectWhy:
      'Connect a Stripe account to receive payouts. Until then your payouts are skipped and kept for the next run.',
    moreDetails: 'Stripe needs a few more details before it can pay you out.',
    connecting: 'Connecting…',
    connect: 'Connect with Stripe',
    continueOnboarding: 'Continue Stripe onboarding',

    currency: 'Currency',
    error: 'Error',
  },
  {
    backToPayouts: '← Auszahlungen',
    payout: 'Auszahlung',
    payoutOfWeek: (week: string) => {
      const parts = isoWeek(week);
      return parts ? `Auszahlung für KW ${Number(parts[2])}/${parts[1]}` : `Auszahlung ${week}`;
    },
    week: (week: string) => {
      const parts = isoWeek(week);
      return parts ? `KW ${Number(parts[2])}/${parts[1]}` : week;
    },
    loadingPayout: 'Auszahlung wird geladen…',
    skippedReason:
      'Der Experte hat noch kein Auszahlungskonto verbunden; der Betrag bleibt im Guthaben für den nächsten Lauf.',
    amount: 'Betrag',
    weekLabel: 'Woche',
    statement: 'Gutschrift',
    statementButton: (number: string) => `Gutschrift ${number} (PDF)`,
    status: 'Status',
    expert: 'Experte',
    transfer: 'Überweisung',
    attempts: 'Versuche',
    prepared: 'Vorbereitet',
    processed: 'Ausgeführt',
    paymentsCovered: 'Enthaltene Zahlungen',
    noPayments: 'Keine Zahlungen in dieser Auszahlung',
    noPaymentsBody: 'Mit dieser Auszahlung sind keine Zahlungen verknüpft.',
    payment: 'Zahlung',
    engagement: 'Auftrag',
    paid: 'Bezahlt am',
    platformFee: 'Plattformgebühr',
    expertShare: 'Anteil des Experten',
    refunded: (amount: string) => `${amount} erstattet`,
    total: (count: number) =>
      plural(count, { one: 'Summe (1 Zahlung)', other: `Summe (${formatCount(count)} Zahlungen)` }),
    entryKind: (kind: string) => wordFor(ENTRY_KINDS_DE, kind),
    creditsPurchase: 'KI-Guthaben',
    engagementPayment: 'Zahlung für einen Auftrag',

    balance: 'Kontostand',
    loadingBalance: 'Kontostand wird geladen…',
    noEarnings: 'Noch keine Einnahmen. Ihr Anteil an jeder bezahlten Zahlung erscheint hier.',
    notYetPaidOut: (amount: string) => `${amount} noch in keiner Auszahlung`,

    account: 'Auszahlungskonto',
    loadingAccount: 'Ihr Konto wird geladen…',
    connectedNow: 'Ihr Stripe-Konto ist verbunden. Auszahlungen gehen ab dem nächsten Lauf dorthin.',
    connected: 'Verbunden',
    fridays: 'Auszahlungen werden jeden Freitag für die Vorwoche überwiesen.',
    stripeAccount: 'Stripe-Konto',
    notConnected: 'Nicht verbunden',
    onboardingIncomplete: 'Einrichtung unvollständig',
    connectWhy:
      'Verbinden Sie ein Stripe-Konto, um Auszahlungen zu erhalten. Bis dahin werden Ihre Auszahlungen übersprungen und für den nächsten Lauf aufbewahrt.',
    moreDetails: 'Stripe braucht noch einige Angaben, bevor es an Sie auszahlen kann.',
    connecting: 'Wird verbunden…',
    connect: 'Mit Stripe verbinden',
    continueOnboarding: 'Stripe-Einrichtung fortsetzen',

    currency: 'Währung',
    error: 'Fehler',
  },
);
