// Texts of the notification centre (the bell, its panel, the navigation's review count), English and German.
import { defineMessages, formatCount, plural } from '../i18n/define';

export const notificationMessages = defineMessages(
  {
    title: 'Notifications',
    bell: (unread: number) =>
      unread === 0 ? 'Notifications' : `Notifications, ${formatCount(unread)} unread`,
    markAllRead: 'Mark all read',
    empty: 'Nothing new. Tasks to review, requests, payouts and failed payments appear here as they happen.',
    unread: 'Unread',
    taskNeedsReview: (task: string) => `“${task}” needs your review`,
    engagementRequested: (company: string, engagement: string) =>
      `${company} asks you to take on “${engagement}”`,
    aCompany: 'A company',
    engagementAccepted: (expert: string, engagement: string) => `${expert} accepted “${engagement}”`,
    theExpert: 'The expert',
    payoutSent: (amount: string) => `Payout of ${amount} sent`,
    week: (week: number, year: number) => `Week ${week}, ${year}`,
    paymentFailed: (amount: string) => `A payment of ${amount} failed`,
    creditsPurchase: 'Credits purchase',
    reviewReminder: (task: string, hours: number) =>
      `“${task}” has waited ${formatCount(hours)} hours for your review`,
    reviewOverdue: (task: string, hours: number) =>
      `“${task}” has waited ${formatCount(hours)} hours for the expert’s review`,
    requestReminder: (company: string, engagement: string) =>
      `${company} is still waiting for your answer on “${engagement}”`,
    expiresOn: (day: string) => `Expires on ${day} unanswered`,
    engagementDeclined: (expert: string, engagement: string) => `${expert} declined “${engagement}”`,
    engagementExpired: (engagement: string) =>
      `Your request “${engagement}” expired unanswered after 14 days`,
    confidence: (percent: string) => `AI confidence ${percent}`,
    reviewWaiting: (n: number) =>
      plural(n, { one: '1 task waiting for review', other: `${formatCount(n)} tasks waiting for review` }),
    browserOn: 'Show browser notifications',
    browserOff: 'Stop browser notifications',
    browserBlocked: 'Browser notifications are blocked in this browser’s site settings.',
  },
  {
    title: 'Benachrichtigungen',
    bell: (unread: number) =>
      unread === 0 ? 'Benachrichtigungen' : `Benachrichtigungen, ${formatCount(unread)} ungelesen`,
    markAllRead: 'Alle als gelesen markieren',
    empty:
      'Nichts Neues. Zu prüfende Aufgaben, Anfragen, Auszahlungen und fehlgeschlagene Zahlungen erscheinen hier, sobald sie geschehen.',
    unread: 'Ungelesen',
    taskNeedsReview: (task: string) => `„${task}“ wartet auf Ihre Prüfung`,
    engagementRequested: (company: string, engagement: string) =>
      `${company} bittet Sie, den Auftrag „${engagement}“ zu übernehmen`,
    aCompany: 'Ein Unternehmen',
    engagementAccepted: (expert: string, engagement: string) =>
      `${expert} hat den Auftrag „${engagement}“ angenommen`,
    theExpert: 'Der Experte',
    payoutSent: (amount: string) => `Auszahlung über ${amount} gesendet`,
    week: (week: number, year: number) => `KW ${week}/${year}`,
    paymentFailed: (amount: string) => `Eine Zahlung über ${amount} ist fehlgeschlagen`,
    creditsPurchase: 'Guthabenkauf',
    reviewReminder: (task: string, hours: number) =>
      `„${task}“ wartet seit ${formatCount(hours)} Stunden auf Ihre Prüfung`,
    reviewOverdue: (task: string, hours: number) =>
      `„${task}“ wartet seit ${formatCount(hours)} Stunden auf die Prüfung durch den Experten`,
    requestReminder: (company: string, engagement: string) =>
      `${company} wartet noch auf Ihre Antwort zu „${engagement}“`,
    expiresOn: (day: string) => `Verfällt ohne Antwort am ${day}`,
    engagementDeclined: (expert: string, engagement: string) =>
      `${expert} hat den Auftrag „${engagement}“ abgelehnt`,
    engagementExpired: (engagement: string) =>
      `Ihre Anfrage „${engagement}“ ist nach 14 Tagen ohne Antwort verfallen`,
    confidence: (percent: string) => `KI-Konfidenz ${percent}`,
    reviewWaiting: (n: number) =>
      plural(n, {
        one: '1 Aufgabe wartet auf Prüfung',
        other: `${formatCount(n)} Aufgaben warten auf Prüfung`,
      }),
    browserOn: 'Browser-Benachrichtigungen anzeigen',
    browserOff: 'Browser-Benachrichtigungen beenden',
    browserBlocked: 'Browser-Benachrichtigungen sind in den Website-Einstellungen dieses Browsers blockiert.',
  },
);
