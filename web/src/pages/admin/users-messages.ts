// The admin Accounts page's texts, English and German.
import { defineMessages } from '../../i18n/define';

export const userMessages = defineMessages(
  {
    title: 'Accounts',
    intro:
      'Everyone who can sign in. A disabled account cannot sign in and the sessions and keys it holds stop working at once; enabling it lets it back in. Both are recorded in the audit log.',
    loading: 'Loading accounts…',
    search: 'Email, name, company or id',
    role: 'Role',
    roles: (role: string) => ({ company: 'Company', expert: 'Expert', admin: 'Admin' })[role] ?? role,
    state: 'State',
    states: (state: string) => ({ false: 'Active', true: 'Disabled' })[state] ?? state,
    name: 'Name',
    email: 'Email',
    company: 'Company',
    created: 'Since',
    active: 'Active',
    disabledSince: (date: string) => `Disabled since ${date}`,
    disable: 'Disable',
    enable: 'Enable',
    disableLabel: (name: string) => `Disable ${name}`,
    enableLabel: (name: string) => `Enable ${name}`,
    reasonPrompt: (name: string) =>
      `Disable ${name}? They are signed out at once and cannot sign in until enabled again. Reason (kept in the audit log, optional):`,
    you: 'you',
    none: 'No accounts match',
    noneBody: 'Change the search or the filters.',
  },
  {
    title: 'Konten',
    intro:
      'Alle, die sich anmelden können. Ein gesperrtes Konto kann sich nicht anmelden, und seine Sitzungen und Schlüssel funktionieren sofort nicht mehr; entsperrt kommt es wieder hinein. Beides steht im Audit-Protokoll.',
    loading: 'Konten werden geladen…',
    search: 'E-Mail, Name, Unternehmen oder ID',
    role: 'Rolle',
    roles: (role: string) => ({ company: 'Unternehmen', expert: 'Experte', admin: 'Admin' })[role] ?? role,
    state: 'Zustand',
    states: (state: string) => ({ false: 'Aktiv', true: 'Gesperrt' })[state] ?? state,
    name: 'Name',
    email: 'E-Mail',
    company: 'Unternehmen',
    created: 'Seit',
    active: 'Aktiv',
    disabledSince: (date: string) => `Gesperrt seit ${date}`,
    disable: 'Sperren',
    enable: 'Entsperren',
    disableLabel: (name: string) => `Sperren: ${name}`,
    enableLabel: (name: string) => `Entsperren: ${name}`,
    reasonPrompt: (name: string) =>
      `${name} sperren? Die Person wird sofort abgemeldet und kann sich erst nach dem Entsperren wieder anmelden. Grund (steht im Audit-Protokoll, optional):`,
    you: 'Sie',
    none: 'Keine passenden Konten',
    noneBody: 'Ändern Sie die Suche oder die Filter.',
  },
);
