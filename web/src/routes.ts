// What each role can open: every page module registers its routes here by role, and the navigation is
// derived from the same list, so a link and its page cannot disagree.
import type { AnyComponent } from 'preact';
import type { NavKey } from './i18n/common';
import type { Role } from './session';

export interface PageRoute {
  path: string;
  component: AnyComponent;
  /** Shown in the navigation when set: the key of its text in the nav catalogue. */
  label?: NavKey;
}

export type RoleRoutes = Record<Role, PageRoute[]>;
