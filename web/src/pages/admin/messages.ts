// The operator pages' texts, English and German: queues and dead letters, breakers, emails, payout runs.
import type { TemplateName } from '../../../../src/modules/email/templates';
import { defineMessages, formatCount, plural } from '../../i18n/define';

/** An ISO week ("2026-W47") in words the language chooses; anything else as it is. */
const weekIn = (week: string, words: (n: number, year: string) => string) => {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  return match ? words(Number(match[2]), match[1] ?? '') : week;
};

/** Every email template by name; typed by the server's template list, so a new template without a label fails tsc. */
const TEMPLATES_EN: Record<TemplateName, string> = {
  engagementRequested: 'Engagement requested',
  engagementAccepted: 'Engagement accepted',
  engagementDeclined: 'Engagement declined or expired',
  engagementReport: 'Engagement report',
  requestReminder: 'Request waiting for an answer',
  taskNeedsReview: 'Task needs review',
  taskCompleted: 'Task completed',
  reviewReminder: 'Review waiting',
  reviewOverdue: 'Review overdue',
  invoiceIssued: 'Invoice issued',
  payoutSent: 'Payout sent',
  paymentOverdue: 'Payment overdue',
  paymentDisputed: 'Payment disputed',
  webhookEndpointDisabled: 'Webhook endpoint disabled',
  alertOpened: 'Alert opened',
  alertResolved: 'Alert resolved',
  announcement: 'Announcement',
  weeklySummary: 'Weekly summary',
};

const TEMPLATES_DE: Record<TemplateName, string> = {
  engagementRequested: 'Auftrag angefragt',
  engagementAccepted: 'Auftrag angenommen',
  engagementDeclined: 'Auftrag abgelehnt oder verfallen',
  engagementReport: 'Auftragsbericht',
  requestReminder: 'Anfrage wartet auf Antwort',
  taskNeedsReview: 'Aufgabe zu prüfen',
  taskCompleted: 'Aufgabe erledigt',
  reviewReminder: 'Prüfung steht aus',
  reviewOverdue: 'Prüfung überfällig',
  invoiceIssued: 'Rechnung ausgestellt',
  payoutSent: 'Auszahlung überwiesen',
  paymentOverdue: 'Zahlung überfällig',
  paymentDisputed: 'Zahlung angefochten',
  webhookEndpointDisabled: 'Webhook-Empfänger deaktiviert',
  alertOpened: 'Warnung ausgelöst',
  alertResolved: 'Warnung behoben',
  announcement: 'Mitteilung',
  weeklySummary: 'Wochenübersicht',
};

/** A template's label; a name this build does not know (an older email) as it is. */
const templateIn = (labels: Record<TemplateName, string>, template: string): string =>
  (labels as Record<string, string | undefined>)[template] ?? template;

/** Queues, dead letters and the words for what a message carried. */
export const queueMessages = defineMessages(
  {
    title: 'Queues and dead letters',
    refresh: 'Refresh',
    queues: 'Queues',
    loadingQueues: 'Loading queues…',
    noQueues: 'No queues configured',
    queue: 'Queue',
    backlog: 'Backlog',
    deadLetters: 'Dead letters',
    oldestStranded: 'Oldest stranded',
    unknownLocally: 'Unknown locally',
    none: 'None',
    backlogHint:
      'Backlog counts what is known to be waiting: queued tasks and events not yet relayed. The local queue emulator cannot report the length of the other queues, so they show as unknown. Dead letters count those not yet redriven.',
    waited: (seconds: number) =>
      seconds < 120
        ? `${formatCount(seconds)} s`
        : seconds < 7200
          ? `${formatCount(Math.round(seconds / 60))} min`
          : `${formatCount(Math.round(seconds / 3600))} h`,
    queueNames: (queue: string) =>
      ({
        'engage-tasks': 'Tasks',
        'engage-tasks-high': 'Tasks, high priority',
        'engage-extractions': 'Extractions',
        'engage-events': 'Events',
        'engage-webhooks': 'Webhook deliveries',
        'engage-payouts': 'Payouts',
        'engage-emails': 'Emails',
      })[queue] ?? queue,
    loadingDeadLetters: 'Loading dead letters…',
    noDeadLetters: 'No dead letters',
    noDeadLettersOn: (queue: string) => `No dead letters in ${queue}`,
    noDeadLettersBody: 'A message lands here when it fails every retry. Nothing to do.',
    about: 'About',
    attempts: 'Attempts',
    created: 'Created',
    redriven: 'Redriven',
    body: 'Message',
    action: 'Action',
    notYet: 'Not yet',
    showBody: 'Show message',
    redrive: 'Redrive',
    redriving: 'Redriving…',
    confirmRedrive: (what: string, queue: string) => `Send “${what}” back to the ${queue} queue?`,
    redrivenDone: (what: string, queue: string) => `Redriven: “${what}” went back to the ${queue} queue.`,
    kinds: (kind: string) =>
      ({
        task: 'Task',
        extraction: 'Extraction',
        event: 'Event',
        webhook_delivery: 'Webhook delivery',
        email_job: 'Email send',
        payout_run: 'Payout run',
      })[kind] ?? kind,
    unknownMessage: 'A message of unknown content',
    gone: 'no longer exists',
    messageId: (id: string) => `Message ${id}`,
  },
  {
    title: 'Warteschlangen und unzustellbare Nachrichten',
    refresh: 'Aktualisieren',
    queues: 'Warteschlangen',
    loadingQueues: 'Warteschlangen werden geladen…',
    noQueues: 'Keine Warteschlangen eingerichtet',
    queue: 'Warteschlange',
    backlog: 'Rückstau',
    deadLetters: 'Unzustellbar',
    oldestStranded: 'Am längsten hängend',
    unknownLocally: 'Lokal unbekannt',
    none: 'Keine',
    backlogHint:
      'Der Rückstau zählt, was bekanntermaßen wartet: Aufgaben in der Warteschlange und noch nicht weitergeleitete Ereignisse. Der lokale Warteschlangen-Emulator kennt die Länge der übrigen Warteschlangen nicht; sie erscheinen daher als unbekannt. Unzustellbar zählt die Nachrichten, die noch nicht erneut eingereiht wurden.',
    waited: (seconds: number) =>
      seconds < 120
        ? `${formatCount(seconds)} s`
        : seconds < 7200
          ? `${formatCount(Math.round(seconds / 60))} min`
          : `${formatCount(Math.round(seconds / 3600))} Std.`,
    queueNames: (queue: string) =>
      ({
        'engage-tasks': 'Aufgaben',
        'engage-tasks-high': 'Aufgaben, hohe Priorität',
        'engage-extractions': 'Extraktionen',
        'engage-events': 'Ereignisse',
        'engage-webhooks': 'Webhook-Zustellungen',
        'engage-payouts': 'Auszahlungen',
        'engage-emails': 'E-Mails',
      })[queue] ?? queue,
    loadingDeadLetters: 'Unzustellbare Nachrichten werden geladen…',
    noDeadLetters: 'Keine unzustellbaren Nachrichten',
    noDeadLettersOn: (queue: string) => `Keine unzustellbaren Nachrichten in „${queue}“`,
    noDeadLettersBody:
      'Eine Nachricht landet hier, wenn jeder Wiederholungsversuch fehlschlägt. Es ist nichts zu tun.',
    about: 'Betrifft',
    attempts: 'Versuche',
    created: 'Erstellt',
    redriven: 'Erneut eingereiht',
    body: 'Nachricht',
    action: 'Aktion',
    notYet: 'Noch nicht',
    showBody: 'Nachricht anzeigen',
    redrive: 'Erneut einreihen',
    redriving: 'Wird eingereiht…',
    confirmRedrive: (what: string, queue: string) =>
      `„${what}“ erneut in die Warteschlange „${queue}“ einreihen?`,
    redrivenDone: (what: string, queue: string) =>
      `Erneut eingereiht: „${what}“ ist zurück in der Warteschlange „${queue}“.`,
    kinds: (kind: string) =>
      ({
        task: 'Aufgabe',
        extraction: 'Extraktion',
        event: 'Ereignis',
        webhook_delivery: 'Webhook-Zustellung',
        email_job: 'E-Mail-Versand',
        payout_run: 'Auszahlungslauf',
      })[kind] ?? kind,
    unknownMessage: 'Eine Nachricht unbekannten Inhalts',
    gone: 'nicht mehr vorhanden',
    messageId: (id: string) => `Nachricht ${id}`,
  },
);

export const breakerMessages = defineMessages(
  {
    title: 'Circuit breakers',
    refresh: 'Refresh',
    closedMeaning: 'calls go through.',
    openMeaning:
      'after 5 consecutive failures calls are not made; work waits and retries after the cool-down.',
    halfOpenMeaning:
      'the cool-down has passed and one trial call goes through — success closes the breaker, failure opens it again.',
    loading: 'Loading breakers…',
    none: 'No breakers yet',
    noneBody: 'A breaker appears once its service has been called.',
    names: (name: string) =>
      ({ stripe: 'Stripe (payments)', resend: 'Resend (emails)', ai: 'AI provider' })[name] ?? name,
    failures: 'Consecutive failures',
    openedAt: 'Opened at',
    nextTrial: 'Next trial call',
    lastChange: 'Last change',
    neverTripped: 'Never tripped',
    lastError: 'Last error',
    trialNow: 'Now — one trial call at a time',
    trialWithNextCall: 'With the next call (cool-down passed)',
  },
  {
    title: 'Schutzschalter',
    refresh: 'Aktualisieren',
    closedMeaning: 'Aufrufe gehen durch.',
    openMeaning:
      'nach 5 Fehlern in Folge werden keine Aufrufe gemacht; die Arbeit wartet und wird nach der Abkühlzeit wiederholt.',
    halfOpenMeaning:
      'die Abkühlzeit ist vorbei und ein Probeaufruf geht durch – gelingt er, schließt der Schalter, sonst öffnet er wieder.',
    loading: 'Schutzschalter werden geladen…',
    none: 'Noch keine Schutzschalter',
    noneBody: 'Ein Schutzschalter erscheint, sobald sein Dienst zum ersten Mal aufgerufen wurde.',
    names: (name: string) =>
      ({ stripe: 'Stripe (Zahlungen)', resend: 'Resend (E-Mails)', ai: 'KI-Anbieter' })[name] ?? name,
    failures: 'Fehler in Folge',
    openedAt: 'Geöffnet am',
    nextTrial: 'Nächster Probeaufruf',
    lastChange: 'Letzte Änderung',
    neverTripped: 'Nie ausgelöst',
    lastError: 'Letzter Fehler',
    trialNow: 'Jetzt – jeweils ein Probeaufruf',
    trialWithNextCall: 'Beim nächsten Aufruf (Abkühlzeit vorbei)',
  },
);

export const emailMessages = defineMessages(
  {
    title: 'Emails',
    recipient: 'Recipient',
    recipientHint: 'The full address, e.g. anna@experts.test',
    loadingEmails: 'Loading emails…',
    noEmails: 'No emails yet',
    noEmailsTo: (to: string) => `No emails to ${to}`,
    noEmailsBody:
      'Emails are sent when an engagement is requested or accepted, a task needs review or completes, and a payout is sent.',
    noEmailsToBody: 'Check the address, or clear the filter to see all emails.',
    subject: 'Subject',
    status: 'Status',
    to: 'To',
    from: 'From',
    kind: 'Kind',
    sentVia: 'Sent via',
    created: 'Created',
    openedClicked: 'Opened / clicked',
    noSubject: '(no subject)',
    opened: (at: string) => `Opened ${at}`,
    clicked: (at: string) => `Clicked ${at}`,
    providers: (provider: string) =>
      ({ embedded: 'Built in (kept locally)', resend: 'Resend' })[provider] ?? provider,
    templates: (template: string) => templateIn(TEMPLATES_EN, template),
    allEmails: '← All emails',
    email: 'Email',
    loadingEmail: 'Loading email…',
    headers: 'Headers',
    error: 'Error',
    timeline: 'Timeline',
    openedStep: 'Opened',
    clickedStep: 'Clicked',
    notYet: 'Not yet',
    reachedNoTime: 'Reached (time not recorded)',
    body: 'Content',
    bodyVersion: 'Version',
    html: 'HTML',
    text: 'Text',
    htmlOf: (subject: string) => `HTML version of “${subject}”`,
    noHtml: 'This email has no HTML version.',
    noText: 'This email has no text version.',
  },
  {
    title: 'E-Mails',
    recipient: 'Empfänger',
    recipientHint: 'Die vollständige Adresse, z. B. anna@experts.test',
    loadingEmails: 'E-Mails werden geladen…',
    noEmails: 'Noch keine E-Mails',
    noEmailsTo: (to: string) => `Keine E-Mails an ${to}`,
    noEmailsBody:
      'E-Mails gehen hinaus, wenn ein Auftrag angefragt oder angenommen wird, eine Aufgabe geprüft werden muss oder erledigt ist und wenn eine Auszahlung überwiesen wurde.',
    noEmailsToBody: 'Prüfen Sie die Adresse, oder setzen Sie den Filter zurück, um alle E-Mails zu sehen.',
    subject: 'Betreff',
    status: 'Status',
    to: 'An',
    from: 'Von',
    kind: 'Art',
    sentVia: 'Versand über',
    created: 'Erstellt',
    openedClicked: 'Geöffnet / geklickt',
    noSubject: '(kein Betreff)',
    opened: (at: string) => `Geöffnet ${at}`,
    clicked: (at: string) => `Geklickt ${at}`,
    providers: (provider: string) =>
      ({ embedded: 'Eingebaut (lokal aufbewahrt)', resend: 'Resend' })[provider] ?? provider,
    templates: (template: string) => templateIn(TEMPLATES_DE, template),
    allEmails: '← Alle E-Mails',
    email: 'E-Mail',
    loadingEmail: 'E-Mail wird geladen…',
    headers: 'Kopfzeilen',
    error: 'Fehler',
    timeline: 'Verlauf',
    openedStep: 'Geöffnet',
    clickedStep: 'Geklickt',
    notYet: 'Noch nicht',
    reachedNoTime: 'Erreicht (ohne Zeitangabe)',
    body: 'Inhalt',
    bodyVersion: 'Fassung',
    html: 'HTML',
    text: 'Text',
    htmlOf: (subject: string) => `HTML-Fassung von „${subject}“`,
    noHtml: 'Diese E-Mail hat keine HTML-Fassung.',
    noText: 'Diese E-Mail hat keine Textfassung.',
  },
);

export const payoutRunMessages = defineMessages(
  {
    title: 'Payout runs',
    allPayouts: 'All payouts',
    prepare: 'Prepare',
    prepareHint:
      'One payout per expert and currency for a week’s paid payments. Running it again adds nothing new.',
    week: 'Week',
    weekOptional: 'Calendar week (optional)',
    weekHint: 'For example 2026-W47. Empty: the previous week, as Monday’s scheduled run does.',
    preparing: 'Preparing…',
    preparePayouts: 'Prepare payouts',
    process: 'Process',
    processHint:
      'Transfers every pending payout to its expert’s connected account, as Friday’s scheduled run does. Experts without an account are skipped until next time; failures are retried on the next run.',
    processing: 'Processing…',
    processPending: 'Process pending payouts',
    prepared: 'Prepared',
    processed: 'Processed',
    payoutsPrepared: 'Payouts prepared',
    amounts: 'Amounts',
    nothingNew: 'Nothing new to pay out',
    failed: 'Failed',
    skipped: 'Skipped',
    remaining: 'Remaining',
    remainingContinues: (n: number) => `${formatCount(n)} (continuing through the payouts queue)`,
    unknownExpert: 'Unknown expert',
    payoutOf: (expert: string) => `Payout to ${expert}`,
    recentRuns: 'Recent runs',
    refresh: 'Refresh',
    loadingRuns: 'Loading runs…',
    noRuns: 'No runs yet',
    noRunsBody: 'Payouts are prepared every Monday and processed every Friday; run either by hand above.',
    latestRuns: (n: number) =>
      `${plural(n, { one: 'The latest run', other: `The latest ${formatCount(n)} runs, newest first` })}. What a process run could not finish continues through the payouts queue, whose runs are listed too.`,
    showLatest: (n: number) => `Show the latest ${formatCount(n)}`,
    kind: 'Kind',
    started: 'Started',
    finished: 'Finished',
    status: 'Status',
    results: 'Results',
    statements: 'Database statements',
    errors: 'Errors',
    kinds: (kind: string) => ({ prepare: 'Prepare', process: 'Process' })[kind] ?? kind,
    triggers: (trigger: string) =>
      ({ cron: 'on schedule', admin: 'by hand', queue: 'continued in the queue' })[trigger] ?? trigger,
    after: (duration: string) => `after ${duration}`,
    countPrepared: (n: number) => `${formatCount(n)} prepared`,
    countProcessed: (n: number) => `${formatCount(n)} processed`,
    countFailed: (n: number) => `${formatCount(n)} failed`,
    countSkipped: (n: number) => `${formatCount(n)} skipped`,
    countRemaining: (n: number) => `${formatCount(n)} remaining`,
    isoWeek: (week: string) => weekIn(week, (n, year) => `Week ${n}, ${year}`),
  },
  {
    title: 'Auszahlungsläufe',
    allPayouts: 'Alle Auszahlungen',
    prepare: 'Vorbereiten',
    prepareHint:
      'Eine Auszahlung je Experte und Währung für die bezahlten Zahlungen einer Woche. Ein erneuter Lauf fügt nichts hinzu.',
    week: 'Woche',
    weekOptional: 'Kalenderwoche (optional)',
    weekHint: 'Zum Beispiel 2026-W47. Leer: die Vorwoche, wie beim geplanten Lauf am Montag.',
    preparing: 'Wird vorbereitet…',
    preparePayouts: 'Auszahlungen vorbereiten',
    process: 'Ausführen',
    processHint:
      'Überweist jede ausstehende Auszahlung auf das verbundene Konto des Experten, wie der geplante Lauf am Freitag. Experten ohne Konto werden bis zum nächsten Mal übersprungen; Fehlgeschlagenes wird beim nächsten Lauf wiederholt.',
    processing: 'Wird ausgeführt…',
    processPending: 'Ausstehende Auszahlungen ausführen',
    prepared: 'Vorbereitet',
    processed: 'Ausgeführt',
    payoutsPrepared: 'Vorbereitete Auszahlungen',
    amounts: 'Beträge',
    nothingNew: 'Nichts Neues auszuzahlen',
    failed: 'Fehlgeschlagen',
    skipped: 'Übersprungen',
    remaining: 'Verbleibend',
    remainingContinues: (n: number) =>
      `${formatCount(n)} (werden über die Auszahlungs-Warteschlange fortgesetzt)`,
    unknownExpert: 'Unbekannter Experte',
    payoutOf: (expert: string) => `Auszahlung an ${expert}`,
    recentRuns: 'Letzte Läufe',
    refresh: 'Aktualisieren',
    loadingRuns: 'Läufe werden geladen…',
    noRuns: 'Noch keine Läufe',
    noRunsBody:
      'Auszahlungen werden jeden Montag vorbereitet und jeden Freitag ausgeführt; beides können Sie oben auch von Hand starten.',
    latestRuns: (n: number) =>
      `${plural(n, { one: 'Der letzte Lauf', other: `Die letzten ${formatCount(n)} Läufe, neueste zuerst` })}. Was ein Ausführungslauf nicht abschließen konnte, wird über die Auszahlungs-Warteschlange fortgesetzt; auch diese Läufe stehen hier.`,
    showLatest: (n: number) => `Die letzten ${formatCount(n)} anzeigen`,
    kind: 'Art',
    started: 'Begonnen',
    finished: 'Beendet',
    status: 'Status',
    results: 'Ergebnis',
    statements: 'Datenbankabfragen',
    errors: 'Fehler',
    kinds: (kind: string) => ({ prepare: 'Vorbereitung', process: 'Ausführung' })[kind] ?? kind,
    triggers: (trigger: string) =>
      ({ cron: 'nach Zeitplan', admin: 'von Hand', queue: 'in der Warteschlange fortgesetzt' })[trigger] ??
      trigger,
    after: (duration: string) => `nach ${duration}`,
    countPrepared: (n: number) => `${formatCount(n)} vorbereitet`,
    countProcessed: (n: number) => `${formatCount(n)} ausgeführt`,
    countFailed: (n: number) => `${formatCount(n)} fehlgeschlagen`,
    countSkipped: (n: number) => `${formatCount(n)} übersprungen`,
    countRemaining: (n: number) => `${formatCount(n)} verbleibend`,
    isoWeek: (week: string) => weekIn(week, (n, year) => `KW ${n}/${year}`),
  },
);

export const reconciliationMessages = defineMessages(
  {
    title: 'Reconciliation',
    formLabel: 'Check payouts against the provider',
    weekOptional: 'Calendar week (optional)',
    weekHint: 'Empty: the latest completed, failed and in-flight payouts.',
    checking: 'Checking…',
    check: 'Check against provider',
    allMatch: 'All payouts match',
    checked: (scope: string) => ` — checked ${scope} against the provider’s transfers.`,
    scope: (n: number, week: string | null) =>
      `${plural(n, { one: '1 payout', other: `${formatCount(n)} payouts` })}${week ? weekIn(week, (w, year) => ` of week ${w}, ${year}`) : ''}`,
    findings: (n: number) => plural(n, { one: '1 finding', other: `${formatCount(n)} findings` }),
    inScope: (scope: string) => ` in ${scope}.`,
    problems: (problem: string) =>
      ({
        missing_transfer: 'Missing transfers',
        duplicate_transfers: 'Duplicate transfers',
        transfer_id_differs: 'Different transfers',
        transfer_on_unfinished_payout: 'Transfers on failed or in-flight payouts',
        amount_differs: 'Amount mismatches',
        entries_differ: 'Ledger mismatches',
        reversed: 'Reversed transfers',
      })[problem] ?? problem,
    meanings: (problem: string) =>
      ({
        missing_transfer: 'Completed payouts for which the provider has no transfer.',
        duplicate_transfers: 'More than one live transfer for one payout: the expert was paid twice.',
        transfer_id_differs: 'The provider’s transfer is not the one the payout recorded.',
        transfer_on_unfinished_payout:
          'The payout is failed or still processing, yet the provider made a transfer.',
        amount_differs: 'The transfer’s amount or currency differs from the payout’s.',
        entries_differ: 'The payout’s amount differs from the sum of the ledger entries it pays.',
        reversed: 'Every transfer for this completed payout was reversed.',
      })[problem] ?? '',
  },
  {
    title: 'Abgleich',
    formLabel: 'Auszahlungen mit dem Zahlungsanbieter abgleichen',
    weekOptional: 'Kalenderwoche (optional)',
    weekHint: 'Leer: die neuesten abgeschlossenen, fehlgeschlagenen und laufenden Auszahlungen.',
    checking: 'Wird geprüft…',
    check: 'Mit Anbieter abgleichen',
    allMatch: 'Alle Auszahlungen stimmen überein',
    checked: (scope: string) => ` – ${scope} mit den Überweisungen des Anbieters abgeglichen.`,
    scope: (n: number, week: string | null) =>
      `${plural(n, { one: '1 Auszahlung', other: `${formatCount(n)} Auszahlungen` })}${week ? weekIn(week, (w, year) => ` der KW ${w}/${year}`) : ''}`,
    findings: (n: number) => plural(n, { one: '1 Abweichung', other: `${formatCount(n)} Abweichungen` }),
    inScope: (scope: string) => ` bei ${scope}.`,
    problems: (problem: string) =>
      ({
        missing_transfer: 'Fehlende Überweisungen',
        duplicate_transfers: 'Doppelte Überweisungen',
        transfer_id_differs: 'Abweichende Überweisungen',
        transfer_on_unfinished_payout: 'Überweisungen zu fehlgeschlagenen oder laufenden Auszahlungen',
        amount_differs: 'Abweichende Beträge',
        entries_differ: 'Abweichungen in der Buchhaltung',
        reversed: 'Stornierte Überweisungen',
      })[problem] ?? problem,
    meanings: (problem: string) =>
      ({
        missing_transfer: 'Abgeschlossene Auszahlungen, zu denen der Anbieter keine Überweisung kennt.',
        duplicate_transfers:
          'Mehr als eine gültige Überweisung zu einer Auszahlung: Der Experte wurde doppelt bezahlt.',
        transfer_id_differs:
          'Die Überweisung beim Anbieter ist nicht die, die bei der Auszahlung vermerkt ist.',
        transfer_on_unfinished_payout:
          'Die Auszahlung ist fehlgeschlagen oder läuft noch, der Anbieter hat aber schon überwiesen.',
        amount_differs: 'Betrag oder Währung der Überweisung weichen von der Auszahlung ab.',
        entries_differ: 'Der Betrag der Auszahlung weicht von der Summe der Buchungen ab, die sie begleicht.',
        reversed: 'Jede Überweisung zu dieser abgeschlossenen Auszahlung wurde storniert.',
      })[problem] ?? '',
  },
);
