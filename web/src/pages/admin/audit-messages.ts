// The audit log's texts, English and German: the page, its filters, and each admin action said in words.
import { defineMessages, formatCount, plural } from '../../i18n/define';

/** An ISO week ("2026-W47") in words the language chooses; anything else as it is. */
const weekIn = (week: string, words: (n: number, year: string) => string) => {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  return match ? words(Number(match[2]), match[1] ?? '') : week;
};

export const auditMessages = defineMessages(
  {
    title: 'Audit log',
    intro:
      'What admins did, newest first: redrives, payout runs, credit grants, bulk emails, and billing, payments and platform webhooks handled for others.',
    loading: 'Loading the audit log…',
    none: 'No admin actions yet',
    noneBody:
      'Each redrive, payout run by hand, credit grant, bulk email and the like appears here, with who took it.',
    search: 'Admin, company, title, host or ID',
    action: 'Action',
    actor: 'Admin (user ID)',
    target: 'Record (ID)',
    when: 'When',
    who: 'Who',
    what: 'What',
    onWhat: 'Record',
    onlyBy: (name: string) => `Show only what ${name} did`,
    onlyOn: 'Show every action on this record',
    formerAccount: 'A deleted account',
    actions: (action: string) =>
      ({
        'dead_letter.redrive': 'Redrive a dead letter',
        'email.bulk_send': 'Bulk email',
        'credits.grant': 'Credit grant',
        'payout_run.prepare': 'Prepare payouts',
        'payout_run.process': 'Process payouts',
        'billing.pause': 'Pause billing',
        'billing.resume': 'Resume billing',
        'payment.create': 'Bill an engagement',
        'payment.confirm': 'Confirm a payment',
        'webhook_endpoint.create': 'Add a webhook endpoint',
        'webhook_endpoint.update': 'Change a webhook endpoint',
        'webhook_endpoint.disable': 'Disable a webhook endpoint',
        'webhook_endpoint.enable': 'Enable a webhook endpoint',
        'webhook_endpoint.delete': 'Delete a webhook endpoint',
        'webhook_endpoint.rotate_secret': 'Rotate a webhook secret',
        'webhook_endpoint.replay': 'Replay webhooks',
        'webhook_endpoint.test': 'Test a webhook endpoint',
        'metrics.rollup': 'Roll up metrics',
        'user.disable': 'Disable an account',
        'user.enable': 'Enable an account',
      })[action] ?? action,
    targets: (type: string) =>
      ({
        dead_letter: 'Dead letter',
        email_job: 'Email send',
        org: 'Company',
        payout_run: 'Payout run',
        engagement: 'Engagement',
        payment: 'Payment',
        webhook_endpoint: 'Webhook endpoint',
        metrics: 'Metrics',
        user: 'Account',
      })[type] ?? type,
    // One sentence per action; the parts (amounts, names, queues) come already formatted.
    redrove: (what: string, queue: string) => `Sent ${what} back to the ${queue} queue`,
    aMessage: 'a message',
    bulkSent: (subject: string, n: number) =>
      `Emailed “${subject}” to ${plural(n, { one: '1 recipient', other: `${formatCount(n)} recipients` })}`,
    granted: (n: number, org: string) =>
      `Granted ${org} ${plural(n, { one: '1 AI credit', other: `${formatCount(n)} AI credits` })}`,
    tookBack: (n: number, org: string) =>
      `Took ${plural(n, { one: '1 AI credit', other: `${formatCount(n)} AI credits` })} back from ${org}`,
    note: (note: string) => `Note: ${note}`,
    prepared: (week: string, n: number, amounts: string) =>
      `Prepared the payouts of ${weekIn(week, (w, year) => `week ${w}, ${year}`)}: ${plural(n, { zero: 'nothing new', one: '1 payout', other: `${formatCount(n)} payouts` })}${amounts ? ` (${amounts})` : ''}`,
    processed: (paid: number, failed: number, skipped: number) =>
      `Processed payouts: ${formatCount(paid)} paid, ${formatCount(failed)} failed, ${formatCount(skipped)} skipped`,
    remaining: (n: number) => `${formatCount(n)} more continue in the payouts queue`,
    paused: (title: string) => `Paused the billing of “${title}”`,
    resumed: (title: string) => `Resumed the billing of “${title}”`,
    billed: (title: string, amount: string) => `Billed “${title}” ${amount}`,
    confirmed: (amount: string, status: string) =>
      `Confirmed a payment of ${amount} with a test card: ${status}`,
    endpointAdded: (host: string, events: string) =>
      `Added the platform webhook endpoint ${host} (${events})`,
    allEvents: 'every event',
    endpointChanged: (host: string, fields: string) => `Changed the webhook endpoint ${host}: ${fields}`,
    endpointDisabled: (host: string) => `Disabled the webhook endpoint ${host}`,
    endpointEnabled: (host: string) => `Enabled the webhook endpoint ${host}`,
    alsoChanged: (fields: string) => `also changed: ${fields}`,
    endpointDeleted: (host: string) => `Deleted the webhook endpoint ${host}`,
    secretRotated: (host: string) => `Rotated the secret of the webhook endpoint ${host}`,
    replayed: (host: string, n: number, onlyFailed: boolean) =>
      `Replayed ${plural(n, { one: '1 event', other: `${formatCount(n)} events` })}${onlyFailed ? ' (failed ones only)' : ''} to ${host}`,
    since: (from: string) => `From ${from}`,
    tested: (host: string, type: string) => `Sent a test ${type} event to ${host}`,
    fields: (field: string) => ({ url: 'URL', events: 'events', description: 'description' })[field] ?? field,
    rolledUp: (n: number) =>
      `Rolled the metrics up now: ${plural(n, { one: '1 hour', other: `${formatCount(n)} hours` })} recomputed`,
    disabledUser: (email: string) => `Disabled the account ${email}: it can no longer sign in`,
    enabledUser: (email: string) => `Enabled the account ${email} again`,
    reason: (reason: string) => `Reason: ${reason}`,
  },
  {
    title: 'Audit-Protokoll',
    intro:
      'Was Admins getan haben, neueste zuerst: erneut eingereihte Nachrichten, Auszahlungsläufe, Guthaben-Gutschriften, Massen-E-Mails sowie Abrechnung, Zahlungen und Plattform-Webhooks, die sie für andere erledigt haben.',
    loading: 'Audit-Protokoll wird geladen…',
    none: 'Noch keine Admin-Aktionen',
    noneBody:
      'Jedes erneute Einreihen, jeder Auszahlungslauf von Hand, jede Guthaben-Gutschrift, jede Massen-E-Mail und Ähnliches erscheint hier, mit dem Namen dessen, der es getan hat.',
    search: 'Admin, Unternehmen, Titel, Host oder ID',
    action: 'Aktion',
    actor: 'Admin (Benutzer-ID)',
    target: 'Datensatz (ID)',
    when: 'Wann',
    who: 'Wer',
    what: 'Was',
    onWhat: 'Datensatz',
    onlyBy: (name: string) => `Nur anzeigen, was ${name} getan hat`,
    onlyOn: 'Alle Aktionen zu diesem Datensatz anzeigen',
    formerAccount: 'Ein gelöschtes Konto',
    actions: (action: string) =>
      ({
        'dead_letter.redrive': 'Unzustellbare Nachricht erneut einreihen',
        'email.bulk_send': 'Massen-E-Mail',
        'credits.grant': 'Guthaben-Gutschrift',
        'payout_run.prepare': 'Auszahlungen vorbereiten',
        'payout_run.process': 'Auszahlungen ausführen',
        'billing.pause': 'Abrechnung pausieren',
        'billing.resume': 'Abrechnung fortsetzen',
        'payment.create': 'Auftrag abrechnen',
        'payment.confirm': 'Zahlung bestätigen',
        'webhook_endpoint.create': 'Webhook-Empfänger hinzufügen',
        'webhook_endpoint.update': 'Webhook-Empfänger ändern',
        'webhook_endpoint.disable': 'Webhook-Empfänger deaktivieren',
        'webhook_endpoint.enable': 'Webhook-Empfänger aktivieren',
        'webhook_endpoint.delete': 'Webhook-Empfänger löschen',
        'webhook_endpoint.rotate_secret': 'Webhook-Geheimnis erneuern',
        'webhook_endpoint.replay': 'Webhooks erneut senden',
        'webhook_endpoint.test': 'Webhook-Empfänger testen',
        'metrics.rollup': 'Kennzahlen berechnen',
        'user.disable': 'Konto sperren',
        'user.enable': 'Konto entsperren',
      })[action] ?? action,
    targets: (type: string) =>
      ({
        dead_letter: 'Unzustellbare Nachricht',
        email_job: 'E-Mail-Versand',
        org: 'Unternehmen',
        payout_run: 'Auszahlungslauf',
        engagement: 'Auftrag',
        payment: 'Zahlung',
        webhook_endpoint: 'Webhook-Empfänger',
        metrics: 'Kennzahlen',
        user: 'Konto',
      })[type] ?? type,
    redrove: (what: string, queue: string) => `${what} erneut in die Warteschlange „${queue}“ eingereiht`,
    aMessage: 'Eine Nachricht',
    bulkSent: (subject: string, n: number) =>
      `„${subject}“ an ${plural(n, { one: '1 Empfänger', other: `${formatCount(n)} Empfänger` })} gesendet`,
    granted: (n: number, org: string) =>
      `${org} ${plural(n, { one: '1 KI-Credit', other: `${formatCount(n)} KI-Credits` })} gutgeschrieben`,
    tookBack: (n: number, org: string) =>
      `${plural(n, { one: '1 KI-Credit', other: `${formatCount(n)} KI-Credits` })} von ${org} zurückgebucht`,
    note: (note: string) => `Notiz: ${note}`,
    prepared: (week: string, n: number, amounts: string) =>
      `Auszahlungen der ${weekIn(week, (w, year) => `KW ${w}/${year}`)} vorbereitet: ${plural(n, { zero: 'nichts Neues', one: '1 Auszahlung', other: `${formatCount(n)} Auszahlungen` })}${amounts ? ` (${amounts})` : ''}`,
    processed: (paid: number, failed: number, skipped: number) =>
      `Auszahlungen ausgeführt: ${formatCount(paid)} bezahlt, ${formatCount(failed)} fehlgeschlagen, ${formatCount(skipped)} übersprungen`,
    remaining: (n: number) => `${formatCount(n)} weitere folgen über die Auszahlungs-Warteschlange`,
    paused: (title: string) => `Abrechnung von „${title}“ pausiert`,
    resumed: (title: string) => `Abrechnung von „${title}“ fortgesetzt`,
    billed: (title: string, amount: string) => `„${title}“ über ${amount} abgerechnet`,
    confirmed: (amount: string, status: string) =>
      `Zahlung über ${amount} mit einer Testkarte bestätigt: ${status}`,
    endpointAdded: (host: string, events: string) =>
      `Plattform-Webhook-Empfänger ${host} hinzugefügt (${events})`,
    allEvents: 'alle Ereignisse',
    endpointChanged: (host: string, fields: string) => `Webhook-Empfänger ${host} geändert: ${fields}`,
    endpointDisabled: (host: string) => `Webhook-Empfänger ${host} deaktiviert`,
    endpointEnabled: (host: string) => `Webhook-Empfänger ${host} aktiviert`,
    alsoChanged: (fields: string) => `außerdem geändert: ${fields}`,
    endpointDeleted: (host: string) => `Webhook-Empfänger ${host} gelöscht`,
    secretRotated: (host: string) => `Geheimnis des Webhook-Empfängers ${host} erneuert`,
    replayed: (host: string, n: number, onlyFailed: boolean) =>
      `${plural(n, { one: '1 Ereignis', other: `${formatCount(n)} Ereignisse` })}${onlyFailed ? ' (nur fehlgeschlagene)' : ''} erneut an ${host} gesendet`,
    since: (from: string) => `Ab ${from}`,
    tested: (host: string, type: string) => `Test-Ereignis ${type} an ${host} gesendet`,
    fields: (field: string) =>
      ({ url: 'URL', events: 'Ereignisse', description: 'Beschreibung' })[field] ?? field,
    rolledUp: (n: number) =>
      `Kennzahlen jetzt berechnet: ${plural(n, { one: '1 Stunde', other: `${formatCount(n)} Stunden` })} neu ermittelt`,
    disabledUser: (email: string) => `Konto ${email} gesperrt: es kann sich nicht mehr anmelden`,
    enabledUser: (email: string) => `Konto ${email} wieder entsperrt`,
    reason: (reason: string) => `Grund: ${reason}`,
  },
);
