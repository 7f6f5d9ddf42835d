// What each role can open: every page module registers its routes here by role, and the navigation is
// derived from the same list, so a link and its page cannot disagree.
import type { AnyComponent } from 'preact';
import type { Role } from './session';

export interface PageRoute {
  path: string;
  component: AnyComponent;
  /** Shown in the navigation when set. */
  label?: string;
}

export type RoleRoutes = Record<Role, PageRoute[]>;
