// Declarative state machines: states, named transitions, the roles allowed to take each, and the event it emits.
// Engagements use it now; tasks and payouts reuse it. Services ask `machine.plan(...)` before writing.
import { conflict, forbidden } from './errors';

export type Role = 'company' | 'expert' | 'admin' | 'system';

export interface TransitionSpec<S extends string> {
  from: readonly S[];
  to: S;
  /** Who may take this transition; `system` is the platform itself (queues, crons). */
  roles: readonly Role[];
  /** Outbox event written in the same batch as the change. */
  event: string;
}

export interface MachineSpec<S extends string, A extends string> {
  name: string;
  states: readonly S[];
  transitions: Record<A, TransitionSpec<S>>;
}

export interface StateMachine<S extends string, A extends string> extends MachineSpec<S, A> {
  /** The transition `action` would take from `current` for `role`; throws 403 or 409 when it is not allowed. */
  plan(action: A, current: S, role: Role): { from: S; to: S; event: string };
  /** Actions available from `current` to `role`, e.g. for UI buttons. */
  available(current: S, role: Role): A[];
  isTerminal(state: S): boolean;
}

export function defineMachine<const S extends string, const A extends string>(
  spec: MachineSpec<S, A>,
): StateMachine<S, A> {
  const actions = Object.keys(spec.transitions) as A[];
  return {
    ...spec,
    plan(action, current, role) {
      const transition = spec.transitions[action];
      if (!transition.roles.includes(role)) {
        throw forbidden(`A ${role} cannot ${action} a ${spec.name}`);
      }
      if (!transition.from.includes(current)) {
        throw conflict(`Cannot ${action} a ${spec.name} that is ${current}`);
      }
      return { from: current, to: transition.to, event: transition.event };
    },
    available(current, role) {
      return actions.filter((a) => {
        const t = spec.transitions[a];
        return t.from.includes(current) && t.roles.includes(role);
      });
    },
    isTerminal(state) {
      return !actions.some((a) => spec.transitions[a].from.includes(state));
    },
  };
}
