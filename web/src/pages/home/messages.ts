// The home pages' texts, English and German. Link texts avoid the navigation's own words ("Review queue",
// "Payouts"…): a link is found by its name, and two links of one name on a page would be ambiguous.
import { defineMessages, formatCount, plural } from '../../i18n/define';

export const homeMessages = defineMessages(
  {
    title: 'Home',
    // A company's home
    openTasks: 'Open tasks',
    seeTasks: 'See tasks by engagement',
    needsReview: 'Waiting for review',
    needsReviewHint: (n: number) =>
      plural(n, {
        zero: 'Nothing waits for your expert.',
        one: 'One task waits for your expert.',
        other: `${formatCount(n)} tasks wait for your expert.`,
      }),
    automation: 'Automation, last 30 days',
    automationHint: (unseen: number, finished: number) =>
      finished === 0
        ? 'No task finished in the last 30 days.'
        : `${formatCount(unseen)} of ${formatCount(finished)} finished tasks needed no review.`,
    automationLink: 'How the AI does, by field',
    spend: 'Spent this month',
    paymentCount: (n: number) =>
      plural(n, { zero: 'No payment yet', one: '1 payment', other: `${formatCount(n)} payments` }),
    spendLink: 'Invoices and receipts',
    credits: 'AI credits',
    creditsLow: 'Running low: tasks are refused once it runs out.',
    creditsLink: 'Buy or review credits',
    tasksPerDay: 'Tasks created per day, last 14 days',
    // An expert's home
    toReview: 'To review',
    toReviewHint: (n: number) =>
      plural(n, {
        zero: 'Nothing waits for you.',
        one: 'One task waits for your decision.',
        other: `${formatCount(n)} tasks wait for your decision.`,
      }),
    startReviewing: 'Start reviewing',
    earnings: 'Paid out this month',
    owed: 'Earned, not yet paid out',
    noEarnings: 'No earnings yet.',
    nextPayout: 'Next payout',
    nextRun: (when: string) => `Next run: ${when}`,
    nothingPrepared: 'Nothing prepared for it yet: earnings are gathered into a payout every Monday.',
    notConnected: 'Connect a payout account, or the run will skip you.',
    payoutHistory: 'Payout history and account',
    requests: 'Requests waiting',
    requestsHint: (n: number) =>
      plural(n, {
        zero: 'No company is waiting for your answer.',
        one: 'One company is waiting for your answer.',
        other: `${formatCount(n)} companies are waiting for your answer.`,
      }),
    requestFrom: (company: string, when: string) => `${company}, ${when}`,
    answerRequests: 'Answer requests',
    // The operator's home
    volume: 'Volume this month',
    volumeLink: 'Every payment, by status',
    fees: 'Platform fees this month',
    feeRate: (percent: string) => `${percent} of each payment`,
    automationPlatform: 'Automation, last 30 days',
    queueHealth: 'Queue health',
    waiting: (n: number) =>
      plural(n, {
        zero: 'No message waiting.',
        one: '1 message waiting.',
        other: `${formatCount(n)} messages waiting.`,
      }),
    queueLine: (waiting: number, dead: number) =>
      `${formatCount(waiting)} waiting, ${formatCount(dead)} dead`,
    queuesHealthy: 'No dead letters.',
    queuesDead: (n: number) =>
      plural(n, { one: '1 dead letter to look at.', other: `${formatCount(n)} dead letters to look at.` }),
    queuesLink: 'Open the queue view',
    openAlerts: 'Open alerts',
    noAlerts: 'No alert is open.',
    alertsLink: 'Alerts and charts',
    volumePerDay: (currency: string) => `Money collected per day (${currency}), last 14 days`,
    // Activity
    activity: 'Recent activity',
    activityEmpty: 'Nothing has happened yet.',
    byPlatform: 'Engage',
  },
  {
    title: 'Start',
    openTasks: 'Offene Aufgaben',
    seeTasks: 'Aufgaben nach Auftrag ansehen',
    needsReview: 'Warten auf Prüfung',
    needsReviewHint: (n: number) =>
      plural(n, {
        zero: 'Nichts wartet auf Ihren Experten.',
        one: 'Eine Aufgabe wartet auf Ihren Experten.',
        other: `${formatCount(n)} Aufgaben warten auf Ihren Experten.`,
      }),
    automation: 'Automatisierung, letzte 30 Tage',
    automationHint: (unseen: number, finished: number) =>
      finished === 0
        ? 'In den letzten 30 Tagen wurde keine Aufgabe abgeschlossen.'
        : `${formatCount(unseen)} von ${formatCount(finished)} abgeschlossenen Aufgaben brauchten keine Prüfung.`,
    automationLink: 'Wie die KI abschneidet, nach Feld',
    spend: 'Ausgaben diesen Monat',
    paymentCount: (n: number) =>
      plural(n, { zero: 'Noch keine Zahlung', one: '1 Zahlung', other: `${formatCount(n)} Zahlungen` }),
    spendLink: 'Rechnungen und Belege',
    credits: 'KI-Guthaben',
    creditsLow: 'Das Guthaben wird knapp: Ist es aufgebraucht, werden Aufgaben abgelehnt.',
    creditsLink: 'Guthaben aufladen oder ansehen',
    tasksPerDay: 'Neue Aufgaben pro Tag, letzte 14 Tage',
    toReview: 'Zu prüfen',
    toReviewHint: (n: number) =>
      plural(n, {
        zero: 'Nichts wartet auf Sie.',
        one: 'Eine Aufgabe wartet auf Ihre Entscheidung.',
        other: `${formatCount(n)} Aufgaben warten auf Ihre Entscheidung.`,
      }),
    startReviewing: 'Mit der Prüfung beginnen',
    earnings: 'Diesen Monat ausgezahlt',
    owed: 'Verdient, noch nicht ausgezahlt',
    noEarnings: 'Noch keine Einnahmen.',
    nextPayout: 'Nächste Auszahlung',
    nextRun: (when: string) => `Nächster Lauf: ${when}`,
    nothingPrepared:
      'Dafür ist noch nichts vorbereitet: Einnahmen werden jeden Montag zu einer Auszahlung zusammengefasst.',
    notConnected: 'Verbinden Sie ein Auszahlungskonto, sonst überspringt der Lauf Sie.',
    payoutHistory: 'Auszahlungsverlauf und Konto',
    requests: 'Offene Anfragen',
    requestsHint: (n: number) =>
      plural(n, {
        zero: 'Kein Unternehmen wartet auf Ihre Antwort.',
        one: 'Ein Unternehmen wartet auf Ihre Antwort.',
        other: `${formatCount(n)} Unternehmen warten auf Ihre Antwort.`,
      }),
    requestFrom: (company: string, when: string) => `${company}, ${when}`,
    answerRequests: 'Anfragen beantworten',
    volume: 'Volumen diesen Monat',
    volumeLink: 'Alle Zahlungen nach Status',
    fees: 'Plattformgebühren diesen Monat',
    feeRate: (percent: string) => `${percent} jeder Zahlung`,
    automationPlatform: 'Automatisierung, letzte 30 Tage',
    queueHealth: 'Zustand der Warteschlangen',
    waiting: (n: number) =>
      plural(n, {
        zero: 'Keine Nachricht wartet.',
        one: '1 Nachricht wartet.',
        other: `${formatCount(n)} Nachrichten warten.`,
      }),
    queueLine: (waiting: number, dead: number) =>
      `${formatCount(waiting)} wartend, ${formatCount(dead)} unzustellbar`,
    queuesHealthy: 'Keine unzustellbaren Nachrichten.',
    queuesDead: (n: number) =>
      plural(n, {
        one: '1 unzustellbare Nachricht ansehen.',
        other: `${formatCount(n)} unzustellbare Nachrichten ansehen.`,
      }),
    queuesLink: 'Zur Warteschlangenansicht',
    openAlerts: 'Offene Alarme',
    noAlerts: 'Kein Alarm ist offen.',
    alertsLink: 'Alarme und Diagramme',
    volumePerDay: (currency: string) => `Eingenommen pro Tag (${currency}), letzte 14 Tage`,
    activity: 'Letzte Aktivitäten',
    activityEmpty: 'Bisher ist nichts geschehen.',
    byPlatform: 'Engage',
  },
);
