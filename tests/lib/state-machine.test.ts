import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/lib/errors';
import { defineMachine } from '../../src/lib/state-machine';

const door = defineMachine({
  name: 'door',
  states: ['open', 'closed', 'locked'],
  transitions: {
    close: { from: ['open'], to: 'closed', roles: ['company', 'expert'], event: 'task.started' },
    lock: { from: ['closed'], to: 'locked', roles: ['admin'], event: 'task.completed' },
  },
});

function statusOf(run: () => unknown): number | 'ok' {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof ApiError ? error.status : -1;
  }
}

describe('defineMachine', () => {
  it('plans an allowed transition with its target and event', () => {
    expect(door.plan('close', 'open', 'expert')).toEqual({
      from: 'open',
      to: 'closed',
      event: 'task.started',
    });
  });

  it('refuses a role that may never take the transition with 403, before looking at the state', () => {
    expect(statusOf(() => door.plan('lock', 'closed', 'company'))).toBe(403);
    expect(statusOf(() => door.plan('lock', 'open', 'company'))).toBe(403);
  });

  it('refuses a transition from a state it does not leave with 409', () => {
    expect(statusOf(() => door.plan('close', 'locked', 'company'))).toBe(409);
  });

  it('lists available actions per state and role, and knows terminal states', () => {
    expect(door.available('closed', 'admin')).toEqual(['lock']);
    expect(door.available('closed', 'company')).toEqual([]);
    expect(door.isTerminal('locked')).toBe(true);
    expect(door.isTerminal('open')).toBe(false);
  });
});
