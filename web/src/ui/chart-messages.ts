// The charts' own texts (ui/chart.tsx, ui/sparkline.tsx), English and German; the pages give the titles.
import { defineMessages } from '../i18n/define';

export const chartMessages = defineMessages(
  {
    noData: 'no data',
    now: (value: string) => `now ${value}`,
    peak: (value: string) => `peak ${value}`,
    summary: (title: string, last: string, peak: string) => `${title}: last ${last}, peak ${peak}`,
    empty: (title: string) => `${title}: no data`,
    asTable: 'As a table',
    from: 'From',
    value: 'Value',
    noDeliveries: (day: string) => `${day}: no deliveries`,
    succeeded: (day: string, succeeded: string, attempts: string) =>
      `${day}: ${succeeded} of ${attempts} succeeded`,
  },
  {
    noData: 'keine Daten',
    now: (value: string) => `aktuell ${value}`,
    peak: (value: string) => `Höchstwert ${value}`,
    summary: (title: string, last: string, peak: string) => `${title}: zuletzt ${last}, Höchstwert ${peak}`,
    empty: (title: string) => `${title}: keine Daten`,
    asTable: 'Als Tabelle',
    from: 'Ab',
    value: 'Wert',
    noDeliveries: (day: string) => `${day}: keine Zustellungen`,
    succeeded: (day: string, succeeded: string, attempts: string) =>
      `${day}: ${succeeded} von ${attempts} erfolgreich`,
  },
);
