// The AI credits page's texts in English and German. A count of credits reads through `credits` (and the
// New task form's cost line through engagements/task-messages.ts, the same words).
import { defineMessages, formatCount, plural } from '../../i18n/define';

export const creditsPage = defineMessages(
  {
    title: 'AI credits',
    credits: (n: number) => plural(n, { one: '1 credit', other: `${formatCount(n)} credits` }),
    unit: (n: number) => plural(n, { one: 'credit', other: 'credits' }),
    low: 'Your balance is low. Tasks cannot be created once it runs out: buy a pack below.',
    what: (module: string) =>
      ({ CTAX: 'An invoice', TENDER: 'An RFP', LEADS: 'A website' })[module] ?? module,
    pages: (included: number, perPage: string) =>
      `, ${plural(included, { one: '1 page', other: `${formatCount(included)} pages` })} included, then ${perPage} per page`,
    refundRule: 'A task that fails through no fault of its document gets its credits back.',
    buyTitle: 'Buy credits',
    buyPack: (credits: string, price: string) => `Buy ${credits} for ${price}`,
    buy: 'Buy',
    toPay: (what: string, price: string) => `${what}: ${price} to pay.`,
    paid: (credits: string) => `Paid: ${credits} were added.`,
    declined: (reason: string) => `The card was declined: ${reason || 'no credits were added'}.`,
    empty: 'No credit changes yet',
    history: 'History',
    when: 'When',
    change: 'What',
    amount: 'Credits',
    kind: (kind: string) =>
      ({
        grant: 'Granted',
        purchase: 'Bought',
        consumption: 'Used by a task',
        refund: 'Refunded (task failed)',
        purchase_refund: 'Pack refunded',
      })[kind] ?? kind,
    extraPages: (pages: number) =>
      `${plural(pages, { one: '1 page', other: `${formatCount(pages)} pages` })} beyond the included ones`,
    pack: (credits: string, name: string) => `${credits} (${name} pack)`,
    packRefunded: 'The pack was refunded',
    taskRefunded: 'The task failed through no fault of its document',
    chart: 'Credits spent per day, last 30 days',
  },
  {
    title: 'KI-Guthaben',
    credits: (n: number) => plural(n, { one: '1 Credit', other: `${formatCount(n)} Credits` }),
    unit: (n: number) => plural(n, { one: 'Credit', other: 'Credits' }),
    low: 'Ihr Guthaben ist niedrig. Ist es aufgebraucht, können keine Aufgaben angelegt werden: Kaufen Sie unten ein Paket.',
    what: (module: string) =>
      ({ CTAX: 'Eine Rechnung', TENDER: 'Eine Ausschreibung', LEADS: 'Eine Website' })[module] ?? module,
    pages: (included: number, perPage: string) =>
      `, ${plural(included, { one: '1 Seite', other: `${formatCount(included)} Seiten` })} inklusive, danach ${perPage} pro Seite`,
    refundRule: 'Scheitert eine Aufgabe nicht an ihrem Dokument, erhalten Sie die Credits zurück.',
    buyTitle: 'Guthaben kaufen',
    buyPack: (credits: string, price: string) => `Kaufen: ${credits} für ${price}`,
    buy: 'Kaufen',
    toPay: (what: string, price: string) => `${what}: ${price} zu zahlen.`,
    paid: (credits: string) => `Bezahlt: ${credits} wurden gutgeschrieben.`,
    declined: (reason: string) =>
      `Die Karte wurde abgelehnt: ${reason || 'es wurden keine Credits gutgeschrieben'}.`,
    empty: 'Noch keine Guthabenbewegungen',
    history: 'Verlauf',
    when: 'Zeitpunkt',
    change: 'Vorgang',
    amount: 'Credits',
    kind: (kind: string) =>
      ({
        grant: 'Gutgeschrieben',
        purchase: 'Gekauft',
        consumption: 'Von einer Aufgabe verbraucht',
        refund: 'Erstattet (Aufgabe fehlgeschlagen)',
        purchase_refund: 'Paket erstattet',
      })[kind] ?? kind,
    extraPages: (pages: number) =>
      `${plural(pages, { one: '1 Seite', other: `${formatCount(pages)} Seiten` })} über die inklusiven hinaus`,
    pack: (credits: string, name: string) => `${credits} (Paket „${name}“)`,
    packRefunded: 'Das Paket wurde erstattet',
    taskRefunded: 'Die Aufgabe scheiterte nicht an ihrem Dokument',
    chart: 'Verbrauchte Credits pro Tag, letzte 30 Tage',
  },
);
