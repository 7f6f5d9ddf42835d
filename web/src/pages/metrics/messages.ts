// The metric pages' texts, English and German: ranges, chart titles, alerts and their rules.
import { defineMessages, formatCount, plural } from '../../i18n/define';
import { formatShare } from '../../ui/format';

const SERIES_EN: Record<string, string> = {
  'tasks.created': 'Tasks created',
  'tasks.completed': 'Tasks completed',
  'tasks.needs_review': 'Sent to review',
  'tasks.failed': 'Tasks failed',
  'tasks.automation_rate': 'Automation rate',
  'tasks.latency_p95': 'Task time, 95th percentile',
  'extractions.completed': 'Extractions completed',
  'webhooks.success_rate': 'Webhook success rate',
  'emails.sent': 'Emails sent',
  'queues.backlog': 'Queue backlog',
  dead_letters: 'Dead letters',
  'payments.volume_eur': 'Money collected (EUR)',
  'payouts.amount_eur': 'Paid out to experts (EUR)',
  'breakers.opened': 'Circuit breaker openings',
  'extractions.pages_per_run': 'Pages per extraction',
  'credits.consumed': 'Credits spent',
};

const SERIES_DE: Record<string, string> = {
  'tasks.created': 'Erstellte Aufgaben',
  'tasks.completed': 'Erledigte Aufgaben',
  'tasks.needs_review': 'Zur Prüfung gegeben',
  'tasks.failed': 'Fehlgeschlagene Aufgaben',
  'tasks.automation_rate': 'Automatisierungsquote',
  'tasks.latency_p95': 'Bearbeitungszeit, 95. Perzentil',
  'extractions.completed': 'Abgeschlossene Extraktionen',
  'webhooks.success_rate': 'Erfolgsquote der Webhooks',
  'emails.sent': 'Versandte E-Mails',
  'queues.backlog': 'Rückstau der Warteschlangen',
  dead_letters: 'Unzustellbare Nachrichten',
  'payments.volume_eur': 'Eingenommenes Geld (EUR)',
  'payouts.amount_eur': 'An Fachleute ausgezahlt (EUR)',
  'breakers.opened': 'Ausgelöste Schutzschalter',
  'extractions.pages_per_run': 'Seiten pro Extraktion',
  'credits.consumed': 'Verbrauchtes Guthaben',
};

export const metricMessages = defineMessages(
  {
    overview: 'Overview',
    usage: 'Usage',
    range: 'Range',
    ranges: (key: string) => ({ '24h': '24 hours', '7d': '7 days', '30d': '30 days' })[key] ?? key,
    series: (name: string) => SERIES_EN[name] ?? name,
    seconds: (v: number) =>
      v < 120 ? `${formatCount(Math.round(v * 10) / 10)} s` : `${formatCount(Math.round(v / 6) / 10)} min`,
    alerts: 'Alerts',
    noAlerts: 'No alerts',
    rulesWatched: (rules: string) => `Rules watched: ${rules}.`,
    opened: (at: string) => `Opened ${at}`,
    closed: (at: string) => `, closed ${at}`,
    recovering: (at: string) => `, clear since ${at} (closes after 15 minutes clear)`,
    rules: (rule: string) =>
      ({
        webhook_failure_rate: 'Webhook failures',
        dead_letter_waiting: 'Dead letters waiting',
        breaker_open: 'Circuit breaker open',
        task_latency_p95: 'Slow tasks',
        payout_failures: 'Failed payouts',
      })[rule] ?? rule,
    /** The API words its alerts in English: shown as they are. */
    alertDetail: (_rule: string, _value: number | null, detail: string) => detail,
    byModule: 'Tasks by module',
    module: 'Module',
    taskState: (state: string) =>
      ({ created: 'Created', completed: 'Completed', needs_review: 'Sent to review', failed: 'Failed' })[
        state
      ] ?? state,
    totalsOverRange: 'Totals over the chosen range.',
    byQueue: 'Queues',
    waitingNow: 'Waiting now',
    waitingPeak: 'Most waiting',
    deadLettered: 'Dead-lettered',
    queuesOverRange:
      'Waiting: the latest count and the highest in the range (— where the queue cannot be counted); dead-lettered: the total in the range.',
    rolledUp:
      'Figures are rolled up every five minutes from the platform’s records; this page reads them again every minute while it is open.',
    rolledUpOwn: 'Figures are rolled up every five minutes.',
  },
  {
    overview: 'Überblick',
    usage: 'Nutzung',
    range: 'Zeitraum',
    ranges: (key: string) => ({ '24h': '24 Stunden', '7d': '7 Tage', '30d': '30 Tage' })[key] ?? key,
    series: (name: string) => SERIES_DE[name] ?? name,
    seconds: (v: number) =>
      v < 120 ? `${formatCount(Math.round(v * 10) / 10)} s` : `${formatCount(Math.round(v / 6) / 10)} min`,
    alerts: 'Warnungen',
    noAlerts: 'Keine Warnungen',
    rulesWatched: (rules: string) => `Überwachte Regeln: ${rules}.`,
    opened: (at: string) => `Ausgelöst ${at}`,
    closed: (at: string) => `, behoben ${at}`,
    recovering: (at: string) => `, seit ${at} wieder unauffällig (schließt nach 15 ruhigen Minuten)`,
    rules: (rule: string) =>
      ({
        webhook_failure_rate: 'Fehlgeschlagene Webhooks',
        dead_letter_waiting: 'Wartende unzustellbare Nachrichten',
        breaker_open: 'Schutzschalter offen',
        task_latency_p95: 'Langsame Aufgaben',
        payout_failures: 'Fehlgeschlagene Auszahlungen',
      })[rule] ?? rule,
    /** Worded here from the rule and its figure, since the API words its alerts in English. */
    alertDetail: (rule: string, value: number | null, detail: string) => {
      if (value === null) return detail;
      const n = Math.round(value);
      switch (rule) {
        case 'webhook_failure_rate':
          return `Anteil fehlgeschlagener Webhook-Zustellungen in den letzten 15 Minuten: ${formatShare(value)}.`;
        case 'dead_letter_waiting':
          return n === 0
            ? 'Keine unzustellbare Nachricht wartet.'
            : `${plural(n, { one: 'Eine unzustellbare Nachricht wartet', other: `${formatCount(n)} unzustellbare Nachrichten warten` })} seit über 15 Minuten. Reihen Sie sie erneut ein.`;
        case 'breaker_open':
          return n === 0
            ? 'Alle Schutzschalter sind geschlossen oder erholen sich.'
            : `${plural(n, { one: 'Ein Schutzschalter ist', other: `${formatCount(n)} Schutzschalter sind` })} seit über 10 Minuten offen; Aufrufe werden zurückgehalten.`;
        case 'task_latency_p95':
          return `95. Perzentil der Bearbeitungszeit in der letzten Stunde: ${formatCount(n)} s.`;
        case 'payout_failures':
          return n === 0
            ? 'Keine fehlgeschlagene Auszahlung.'
            : `${plural(n, { one: 'Eine Auszahlung ist', other: `${formatCount(n)} Auszahlungen sind` })} fehlgeschlagen; der nächste Lauf versucht es erneut.`;
        default:
          return detail;
      }
    },
    byModule: 'Aufgaben nach Modul',
    module: 'Modul',
    taskState: (state: string) =>
      ({
        created: 'Erstellt',
        completed: 'Erledigt',
        needs_review: 'Zur Prüfung gegeben',
        failed: 'Fehlgeschlagen',
      })[state] ?? state,
    totalsOverRange: 'Summen über den gewählten Zeitraum.',
    byQueue: 'Warteschlangen',
    waitingNow: 'Wartend jetzt',
    waitingPeak: 'Höchstens wartend',
    deadLettered: 'Unzustellbar geworden',
    queuesOverRange:
      'Wartend: der letzte Stand und der Höchststand im Zeitraum (— wo sich die Warteschlange nicht zählen lässt); unzustellbar: die Summe im Zeitraum.',
    rolledUp:
      'Die Zahlen werden alle fünf Minuten aus den Daten der Plattform zusammengefasst; diese Seite liest sie jede Minute neu, solange sie offen ist.',
    rolledUpOwn: 'Die Zahlen werden alle fünf Minuten zusammengefasst.',
  },
);
