// Declarative state machines: states, named transitions, the roles allowed to take each, and the event it emits.
// Engagements use it now; tasks and payouts reuse it. Services ask `machine.plan(...)` before writing.
import type { EventType } from '../events/catalog';
import { conflict, forbidden } from './errors';

export type Role = 'company' | 'expert' | 'admin' | 'system';

export interface TransitionSpec<S extends string, E extends EventType = EventType> {
  from: readonly S[];
  to: S;
  /** Who may take this transition; `system` is the platform itself (queues, crons). */
  roles: readonly Role[];
  /** Outbox event written in the same batch as the change. */
  event: E;
}

export interface MachineSpec<S extends string, A extends string, E extends EventType = EventType> {
  name: string;
  states: readonly S[];
  transitions: Record<A, TransitionSpec<S, E>>;
}

/** `E`: the catalog events this machine emits, so a transition's event is typed with its data. */
export interface StateMachine<S extends string, A extends string, E extends EventType = EventType>
  extends MachineSpec<S, A, E> {
  /** The transition `action` would take from `current` for `role`; throws 403 or 409 when it is not allowed. */
  plan(action: A, current: S, role: Role): { from: S; to: S; event: E };
  /** Actions available from `current` to `role`, e.g. for UI buttons. */
  available(current: S, role: Role): A[];
  isTerminal(state: S): boolean;
}

export function defineMachine<const S extends string, const A extends string, const E extends EventType>(
  spec: MachineSpec<S, A, E>,
): StateMachine<S, A, E> {
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
