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

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );
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

export const templates = {
  engagementRequested(p: {
    expertName: string;
    companyName: string;
    title: string;
    rate: string;
    url: string;
  }) {
    return layout(
      `${p.companyName} would like to engage you`,
      [
        `Hello ${p.expertName},`,
        `${p.companyName} requested you for "${p.title}" at ${p.rate}.`,
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
  payoutSent(p: { expertName: string; amount: string; week: string; url: string }) {
    return layout(
      `Payout sent: ${p.amount}`,
      [
        `Hello ${p.expertName},`,
        `We sent ${p.amount} for ${p.week}.`,
        'Its self-billing statement (Gutschrift) is in your documents.',
      ],
      { label: 'Download your statement', url: p.url },
    );
  },
  alertOpened(p: { rule: string; detail: string; openedAt: string; url: string }) {
    return layout(
      `Alert: ${p.rule}`,
      [p.detail, `Opened ${p.openedAt}. You will get one more email when it recovers.`],
      { label: 'Open the operations view', url: p.url },
    );
  },
  alertResolved(p: { rule: string; detail: string; openedAt: string; closedAt: string; url: string }) {
    return layout(
      `Recovered: ${p.rule}`,
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
    period: string;
    reason: string;
    url: string;
  }) {
    return layout(
      `Payment overdue: ${p.title}`,
      [
        `Hello ${p.name},`,
        `We could not collect ${p.amount} for "${p.title}" (${p.period}): ${p.reason}`,
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
  weeklySummary(p: { name: string; week: string; lines: string[]; url: string }) {
    return layout(`Your week on Engage (${p.week})`, [`Hello ${p.name},`, ...p.lines], {
      label: 'Open Engage',
      url: p.url,
    });
  },
} satisfies Record<string, (params: never) => RenderedEmail>;

export type TemplateName = keyof typeof templates;
