import { describe, expect, it } from 'vitest';
import { addWeeks, isoWeek, weekStart } from '../../src/modules/tasks/weeks';

describe('ISO weeks', () => {
  it('starts a week on Monday, in UTC', () => {
    expect(weekStart(new Date('2026-11-05T12:00:00Z'))).toBe('2026-11-02'); // a Thursday
    expect(weekStart(new Date('2026-11-08T23:59:59Z'))).toBe('2026-11-02'); // the Sunday after
    expect(weekStart(new Date('2026-11-09T00:00:00Z'))).toBe('2026-11-09'); // the next Monday
  });

  it('gives a week to the year its Thursday is in', () => {
    expect(isoWeek('2026-11-02')).toBe('2026-W45');
    expect(isoWeek('2020-12-28')).toBe('2020-W53'); // runs to Sunday 3 January 2021
    expect(isoWeek('2024-12-30')).toBe('2025-W01'); // Tuesday 31 December 2024 is in 2025's first week
    expect(isoWeek('2026-01-05')).toBe('2026-W02');
    expect(isoWeek(weekStart(new Date('2027-01-01T00:00:00Z')))).toBe('2026-W53');
  });

  it('steps across years and back', () => {
    expect(addWeeks('2026-12-28', 1)).toBe('2027-01-04');
    expect(addWeeks('2027-01-04', -53)).toBe('2025-12-29');
  });
});
