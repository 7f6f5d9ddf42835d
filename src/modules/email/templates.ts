// Email templates (HTML + text) for every message the spec names. Values are escaped; links absolute.
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** An amount from minor units in the recipient's language (4.500,00 € in German, €4,500.00 in English). */
export function formatMoney(amount: number, currency: string, locale: 'en' | 'de' = 'en'): string {
  const format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: currency.toUpperCase(),
  });
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** exponent);
}

/** A day in the recipient's language (24 December 2026, 24. Dezember 2026). */
export function formatDay(iso: string, locale: 'en' | 'de' = 'en'): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(iso));
}

function layout(subject: string, lines: string[], action?: { label: string; url: string }): RenderedEmail {
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px">
<h2 style="margin:0 0 16px">${escapeHtml(subject)}</h2>
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="background:#2563eb;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>` : ''}
<p style="color:#6b7280;font-size:12px">Engage — expert engagements</p></body></html>`;
  const text = [subject, '', ...lines, ...(action ? ['', `${action.label}: ${action.url}`] : [])].join('\n');
  return { subject, html, text };
}

/** Under a document's link: how long it opens the PDF, and where the document stays after that. */
const documentLinkNote = {
  en: (days: number) =>
    `The link opens the PDF for ${days} days; the document stays under Documents in Engage.`,
  de: (days: number) =>
    `Der Link öffnet das PDF ${days} Tage lang; das Dokument finden Sie jederzeit unter Dokumente in Engage.`,
};

/** Each alert rule (alerts/rules.ts) in plain words for the subject; a rule this list does not know as it is. */
const alertRuleTitles: Record<'en' | 'de', Record<string, string>> = {
  en: {
    webhook_failure_rate: 'Webhook deliveries failing',
    dead_letter_waiting: 'Dead letters waiting',
    breaker_open: 'Circuit breaker open',
    task_latency_p95: 'Tasks running slow',
    payout_failures: 'Payouts failed',
  },
  de: {
    webhook_failure_rate: 'Webhook-Zustellungen schlagen fehl',
    dead_letter_waiting: 'Unzustellbare Nachrichten warten',
    breaker_open: 'Schutzschalter offen',
    task_latency_p95: 'Aufgaben laufen langsam',
    payout_failures: 'Auszahlungen fehlgeschlagen',
  },
};
const alertTitle = (rule: string, locale: 'en' | 'de') => alertRuleTitles[locale][rule] ?? rule;

const en = {
  engagementRequested(p: {
    expertName: string;
    companyName: string;
    title: string;
    rate: string;
    interval: string;
    url: string;
  }) {
    return layout(
      `${p.companyName} would like to engage you`,
      [
        `Hello ${p.expertName},`,
        `${p.companyName} requested you for "${p.title}" at ${p.rate} per ${p.interval}.`,
        'Accept or decline it in Engage.',
      ],
      { label: 'Review the request', url: p.url },
    );
  },
  engagementAccepted(p: {
    memberName: string;
    expertName: string;
    title: string;
    modules: string[];
    url: string;
  }) {
    return layout(
      `${p.expertName} accepted "${p.title}"`,
      [
        `Hello ${p.memberName},`,
        `${p.expertName} accepted your engagement "${p.title}".`,
        `Modules being installed: ${p.modules.join(', ')}. You can send tasks as soon as they are active.`,
      ],
      { label: 'Open the engagement', url: p.url },
    );
  },
  webhookEndpointDisabled(p: { memberName: string; url: string; reason: string; settingsUrl: string }) {
    return layout(
      `Webhook endpoint disabled: ${p.url}`,
      [
        `Hello ${p.memberName},`,
        `We stopped sending events to ${p.url}. ${p.reason}.`,
        'Fix the endpoint, enable it again and replay what it missed: every event is kept.',
      ],
      { label: 'Open webhooks', url: p.settingsUrl },
    );
  },
  taskNeedsReview(p: { expertName: string; taskTitle: string; confidence: number; url: string }) {
    return layout(
      `Review needed: ${p.taskTitle}`,
      [
        `Hello ${p.expertName},`,
        `The AI result for "${p.taskTitle}" has confidence ${p.confidence}, below the threshold.`,
      ],
      { label: 'Review it', url: p.url },
    );
  },
  taskCompleted(p: { memberName: string; taskTitle: string; url: string }) {
    return layout(`Completed: ${p.taskTitle}`, [`Hello ${p.memberName},`, `"${p.taskTitle}" is complete.`], {
      label: 'See the result',
      url: p.url,
    });
  },
  payoutSent(p: {
    expertName: string;
    amount: string;
    week: string;
    number: string;
    linkDays: number;
    url: string;
  }) {
    return layout(
      `Payout sent: ${p.amount}`,
      [
        `Hello ${p.expertName},`,
        `We sent ${p.amount} for ${p.week}.`,
        `Your self-billing statement (Gutschrift) ${p.number} lists what it covers.`,
        documentLinkNote.en(p.linkDays),
      ],
      { label: `Open statement ${p.number}`, url: p.url },
    );
  },
  invoiceIssued(p: {
    name: string;
    number: string;
    title: string;
    period: string;
    amount: string;
    linkDays: number;
    url: string;
  }) {
    return layout(
      `Invoice ${p.number}: ${p.amount}`,
      [
        `Hello ${p.name},`,
        `Invoice ${p.number} for "${p.title}" (${p.period}) comes to ${p.amount}.`,
        documentLinkNote.en(p.linkDays),
      ],
      { label: `Open invoice ${p.number}`, url: p.url },
    );
  },
  engagementReport(p: { name: string; title: string; number: string; linkDays: number; url: string }) {
    return layout(
      `Completion report: ${p.title}`,
      [
        `Hello ${p.name},`,
        `"${p.title}" is complete. Report ${p.number} sums up its tasks and payments.`,
        documentLinkNote.en(p.linkDays),
      ],
      { label: `Open report ${p.number}`, url: p.url },
    );
  },
  alertOpened(p: { rule: string; detail: string; openedAt: string; url: string }) {
    return layout(
      `Alert: ${alertTitle(p.rule, 'en')}`,
      [p.detail, `Opened ${p.openedAt}. You will get one more email when it recovers.`],
      { label: 'Open the operations view', url: p.url },
    );
  },
  alertResolved(p: { rule: string; detail: string; openedAt: string; closedAt: string; url: string }) {
    return layout(
      `Recovered: ${alertTitle(p.rule, 'en')}`,
      [p.detail, `The incident opened ${p.openedAt} closed ${p.closedAt}.`],
      { label: 'Open the operations view', url: p.url },
    );
  },
  /** An admin's bulk send: the subject and paragraphs as written, greeting by name when known. */
  announcement(p: { name?: string; subject: string; paragraphs: string[]; url: string }) {
    return layout(p.subject, [p.name ? `Hello ${p.name},` : 'Hello,', ...p.paragraphs], {
      label: 'Open Engage',
      url: p.url,
    });
  },
  paymentOverdue(p: {
    name: string;
    amount: string;
    title: string;
    periodStart: string;
    reason: string | null;
    url: string;
  }) {
    return layout(
      `Payment overdue: ${p.title}`,
      [
        `Hello ${p.name},`,
        `We could not collect ${p.amount} for "${p.title}" (from ${p.periodStart}): ${p.reason ?? 'the payment failed'}`,
        'Pay it with another card on the engagement page; the expert keeps working meanwhile.',
      ],
      { label: 'Pay now', url: p.url },
    );
  },
  paymentDisputed(p: { name: string; amount: string; title: string; expertSide: boolean; url: string }) {
    return layout(
      `A payment was disputed: ${p.amount}`,
      [
        `Hello ${p.name},`,
        `The bank disputed ${p.amount} paid for "${p.title}".`,
        p.expertSide
          ? 'Your share of it is held back from your next payout until the dispute is decided; if it is won, it comes back.'
          : 'If this was not intended, answer your bank: until the dispute is decided, the expert’s share is held back.',
      ],
      { label: 'See the payment', url: p.url },
    );
  },
  reviewReminder(p: { expertName: string; taskTitle: string; hours: number; url: string }) {
    return layout(
      `Still waiting for your review: ${p.taskTitle}`,
      [
        `Hello ${p.expertName},`,
        `The AI result for "${p.taskTitle}" has waited ${p.hours} hours for your review.`,
        'The company is told if it still waits after three days.',
      ],
      { label: 'Review it', url: p.url },
    );
  },
  reviewOverdue(p: {
    memberName: string;
    taskTitle: string;
    expertName: string;
    hours: number;
    url: string;
  }) {
    return layout(
      `Waiting for review for ${p.hours} hours: ${p.taskTitle}`,
      [
        `Hello ${p.memberName},`,
        `"${p.taskTitle}" has waited ${p.hours} hours for ${p.expertName}'s review; we reminded them after a day.`,
        'You may want to get in touch with them.',
      ],
      { label: 'See the task', url: p.url },
    );
  },
  requestReminder(p: {
    expertName: string;
    companyName: string;
    title: string;
    expires: string;
    url: string;
  }) {
    return layout(
      `${p.companyName} is waiting for your answer`,
      [
        `Hello ${p.expertName},`,
        `${p.companyName} asked you to take "${p.title}" two days ago.`,
        `Accept or decline it; unanswered, the request expires on ${p.expires}.`,
      ],
      { label: 'Answer the request', url: p.url },
    );
  },
  engagementDeclined(p: {
    memberName: string;
    expertName: string;
    title: string;
    expired: boolean;
    url: string;
  }) {
    return layout(
      p.expired ? `Your request expired: ${p.title}` : `${p.expertName} declined "${p.title}"`,
      [
        `Hello ${p.memberName},`,
        p.expired
          ? `${p.expertName} did not answer your request "${p.title}" within 14 days, so it expired.`
          : `${p.expertName} declined your request "${p.title}".`,
        'You can ask another expert in Engage.',
      ],
      { label: 'Open the engagement', url: p.url },
    );
  },
  weeklySummary(p: { name: string; week: string; lines: string[]; url: string }) {
    return layout(`Your week on Engage (${p.week})`, [`Hello ${p.name},`, ...p.lines], {
      label: 'Open Engage',
      url: p.url,
    });
  },
} satisfies Record<string, (params: never) => RenderedEmail>;

type Templates = typeof en;

const de: Templates = {
  engagementRequested(p) {
    const interval = p.interval === 'week' ? 'Woche' : 'Monat';
    return layout(
      `${p.companyName} möchte Sie beauftragen`,
      [
        `Hallo ${p.expertName},`,
        `${p.companyName} hat Sie für „${p.title}“ zu ${p.rate} pro ${interval} angefragt.`,
        'Nehmen Sie den Auftrag in Engage an oder lehnen Sie ihn ab.',
      ],
      { label: 'Anfrage ansehen', url: p.url },
    );
  },
  engagementAccepted(p) {
    return layout(
      `${p.expertName} hat „${p.title}“ angenommen`,
      [
        `Hallo ${p.memberName},`,
        `${p.expertName} hat Ihren Auftrag „${p.title}“ angenommen.`,
        `Module werden installiert: ${p.modules.join(', ')}. Sobald sie aktiv sind, können Sie Aufgaben senden.`,
      ],
      { label: 'Auftrag öffnen', url: p.url },
    );
  },
  webhookEndpointDisabled(p) {
    return layout(
      `Webhook-Endpunkt deaktiviert: ${p.url}`,
      [
        `Hallo ${p.memberName},`,
        `Wir senden keine Ereignisse mehr an ${p.url}. ${p.reason}.`,
        'Beheben Sie den Fehler, aktivieren Sie den Endpunkt wieder und spielen Sie Verpasstes erneut ab: Jedes Ereignis bleibt erhalten.',
      ],
      { label: 'Webhooks öffnen', url: p.settingsUrl },
    );
  },
  taskNeedsReview(p) {
    return layout(
      `Prüfung nötig: ${p.taskTitle}`,
      [
        `Hallo ${p.expertName},`,
        `Das KI-Ergebnis für „${p.taskTitle}“ hat eine Konfidenz von ${p.confidence} und liegt damit unter der Schwelle.`,
      ],
      { label: 'Jetzt prüfen', url: p.url },
    );
  },
  taskCompleted(p) {
    return layout(`Erledigt: ${p.taskTitle}`, [`Hallo ${p.memberName},`, `„${p.taskTitle}“ ist erledigt.`], {
      label: 'Ergebnis ansehen',
      url: p.url,
    });
  },
  payoutSent(p) {
    return layout(
      `Auszahlung gesendet: ${p.amount}`,
      [
        `Hallo ${p.expertName},`,
        `Wir haben ${p.amount} für ${p.week} überwiesen.`,
        `Ihre Gutschrift ${p.number} führt auf, was sie umfasst.`,
        documentLinkNote.de(p.linkDays),
      ],
      { label: `Gutschrift ${p.number} öffnen`, url: p.url },
    );
  },
  invoiceIssued(p) {
    return layout(
      `Rechnung ${p.number}: ${p.amount}`,
      [
        `Hallo ${p.name},`,
        `Die Rechnung ${p.number} für „${p.title}“ (${p.period}) beträgt ${p.amount}.`,
        documentLinkNote.de(p.linkDays),
      ],
      { label: `Rechnung ${p.number} öffnen`, url: p.url },
    );
  },
  engagementReport(p) {
    return layout(
      `Abschlussbericht: ${p.title}`,
      [
        `Hallo ${p.name},`,
        `„${p.title}“ ist abgeschlossen. Der Bericht ${p.number} fasst Aufgaben und Zahlungen zusammen.`,
        documentLinkNote.de(p.linkDays),
      ],
      { label: `Bericht ${p.number} öffnen`, url: p.url },
    );
  },
  alertOpened(p) {
    return layout(
      `Alarm: ${alertTitle(p.rule, 'de')}`,
      [p.detail, `Geöffnet ${p.openedAt}. Sie erhalten eine weitere E-Mail, sobald es sich erholt hat.`],
      { label: 'Betriebsansicht öffnen', url: p.url },
    );
  },
  alertResolved(p) {
    return layout(
      `Erholt: ${alertTitle(p.rule, 'de')}`,
      [p.detail, `Der Vorfall vom ${p.openedAt} wurde ${p.closedAt} geschlossen.`],
      { label: 'Betriebsansicht öffnen', url: p.url },
    );
  },
  announcement(p) {
    return layout(p.subject, [p.name ? `Hallo ${p.name},` : 'Hallo,', ...p.paragraphs], {
      label: 'Engage öffnen',
      url: p.url,
    });
  },
  paymentOverdue(p) {
    return layout(
      `Zahlung überfällig: ${p.title}`,
      [
        `Hallo ${p.name},`,
        `Wir konnten ${p.amount} für „${p.title}“ (ab ${p.periodStart}) nicht einziehen: ${p.reason ?? 'die Zahlung ist fehlgeschlagen'}`,
        'Bezahlen Sie mit einer anderen Karte auf der Seite des Auftrags; der Experte arbeitet in der Zwischenzeit weiter.',
      ],
      { label: 'Jetzt bezahlen', url: p.url },
    );
  },
  paymentDisputed(p) {
    return layout(
      `Eine Zahlung wurde angefochten: ${p.amount}`,
      [
        `Hallo ${p.name},`,
        `Die Bank hat ${p.amount} für „${p.title}“ angefochten.`,
        p.expertSide
          ? 'Ihr Anteil wird bis zur Entscheidung von Ihrer nächsten Auszahlung zurückgehalten; gewinnen wir, kommt er zurück.'
          : 'Falls das nicht beabsichtigt war, antworten Sie Ihrer Bank: Bis zur Entscheidung wird der Anteil des Experten zurückgehalten.',
      ],
      { label: 'Zahlung ansehen', url: p.url },
    );
  },
  reviewReminder(p) {
    return layout(
      `Wartet noch auf Ihre Prüfung: ${p.taskTitle}`,
      [
        `Hallo ${p.expertName},`,
        `Das KI-Ergebnis für „${p.taskTitle}“ wartet seit ${p.hours} Stunden auf Ihre Prüfung.`,
        'Wartet es nach drei Tagen noch, erfährt es das Unternehmen.',
      ],
      { label: 'Jetzt prüfen', url: p.url },
    );
  },
  reviewOverdue(p) {
    return layout(
      `Wartet seit ${p.hours} Stunden auf Prüfung: ${p.taskTitle}`,
      [
        `Hallo ${p.memberName},`,
        `„${p.taskTitle}“ wartet seit ${p.hours} Stunden auf die Prüfung durch ${p.expertName}; nach einem Tag haben wir erinnert.`,
        'Vielleicht möchten Sie Kontakt aufnehmen.',
      ],
      { label: 'Aufgabe ansehen', url: p.url },
    );
  },
  requestReminder(p) {
    return layout(
      `${p.companyName} wartet auf Ihre Antwort`,
      [
        `Hallo ${p.expertName},`,
        `${p.companyName} hat Sie vor zwei Tagen für „${p.title}“ angefragt.`,
        `Nehmen Sie an oder lehnen Sie ab; ohne Antwort verfällt die Anfrage am ${p.expires}.`,
      ],
      { label: 'Anfrage beantworten', url: p.url },
    );
  },
  engagementDeclined(p) {
    return layout(
      p.expired ? `Ihre Anfrage ist verfallen: ${p.title}` : `${p.expertName} hat „${p.title}“ abgelehnt`,
      [
        `Hallo ${p.memberName},`,
        p.expired
          ? `${p.expertName} hat Ihre Anfrage „${p.title}“ nicht innerhalb von 14 Tagen beantwortet; sie ist verfallen.`
          : `${p.expertName} hat Ihre Anfrage „${p.title}“ abgelehnt.`,
        'Sie können in Engage eine andere Expertin oder einen anderen Experten anfragen.',
      ],
      { label: 'Auftrag öffnen', url: p.url },
    );
  },
  weeklySummary(p) {
    return layout(`Ihre Woche bei Engage (${p.week})`, [`Hallo ${p.name},`, ...p.lines], {
      label: 'Engage öffnen',
      url: p.url,
    });
  },
};

export type Locale = 'en' | 'de';

/** Every template in the recipient's language (users.locale). */
export function templatesFor(locale: Locale | null | undefined): Templates {
  return locale === 'de' ? de : en;
}

/** English, for callers without a recipient of their own (kept for the admin's bulk preview). */
export const templates = en;

export type TemplateName = keyof typeof templates;
