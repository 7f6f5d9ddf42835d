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
    rolledUp: 'Figures are rolled up every five minutes from the platform’s records.',
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
    rolledUp: 'Die Zahlen werden alle fünf Minuten aus den Daten der Plattform zusammengefasst.',
    rolledUpOwn: 'Die Zahlen werden alle fünf Minuten zusammengefasst.',
  },
);
