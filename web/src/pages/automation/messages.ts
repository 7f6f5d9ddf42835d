// The automation page's and panel's texts in English and German.
import { defineMessages, formatCount, plural } from '../../i18n/define';

export const automationTexts = defineMessages(
  {
    title: 'Automation',
    allEngagements: 'All engagements',
    nothingYet: 'Nothing finished yet',
    nothingYetBody: 'The figures appear as tasks complete.',
    summary: (finished: number, reviewed: number) =>
      ` of ${plural(finished, { one: '1 finished task', other: `${formatCount(finished)} finished tasks` })} completed without review; ${formatCount(reviewed)} reviewed by the expert.`,
    chartCaption: 'Completed without review, per week (the dashed line is 100 %)',
    week: (year: string, week: number) => `Week ${week}, ${year}`,
    weekEmpty: (week: string) => `${week}: nothing finished`,
    weekRate: (week: string, rate: string, finished: number) =>
      `${week}: ${rate} of ${formatCount(finished)} without review`,
    mostCorrected: 'Most corrected fields',
    noCorrections: 'No field has been corrected in a review yet.',
    field: 'Field',
    corrected: 'Corrected',
    rate: 'Rate',
    correctedOf: (corrected: number, reviews: number) =>
      `${formatCount(corrected)} of ${formatCount(reviews)}`,
  },
  {
    title: 'Automatisierung',
    allEngagements: 'Alle Aufträge',
    nothingYet: 'Noch nichts abgeschlossen',
    nothingYetBody: 'Die Zahlen erscheinen, sobald Aufgaben abgeschlossen sind.',
    summary: (finished: number, reviewed: number) =>
      ` von ${plural(finished, { one: '1 abgeschlossenen Aufgabe', other: `${formatCount(finished)} abgeschlossenen Aufgaben` })} ohne Prüfung erledigt; ${formatCount(reviewed)} vom Experten geprüft.`,
    chartCaption: 'Ohne Prüfung erledigt, pro Woche (die gestrichelte Linie steht für 100 %)',
    week: (year: string, week: number) => `KW ${week}/${year}`,
    weekEmpty: (week: string) => `${week}: nichts abgeschlossen`,
    weekRate: (week: string, rate: string, finished: number) =>
      `${week}: ${rate} von ${formatCount(finished)} ohne Prüfung`,
    mostCorrected: 'Am häufigsten korrigierte Felder',
    noCorrections: 'In Prüfungen wurde noch kein Feld korrigiert.',
    field: 'Feld',
    corrected: 'Korrigiert',
    rate: 'Quote',
    correctedOf: (corrected: number, reviews: number) =>
      `${formatCount(corrected)} von ${formatCount(reviews)}`,
  },
);
