import { describe, expect, it } from 'vitest';
import { kindLabel, kindName, kindShort, kinds, roleName, severityClass } from './kinds';

describe('kindLabel', () => {
  it('names plain kinds', () => {
    expect(kindLabel({ kind: 'decision' })).toBe('Decision');
    expect(kindLabel({ kind: 'note', header: 'declared' })).toBe('Declared at');
    expect(kindLabel({ kind: 'note', header: 'detected' })).toBe('Detected at');
    expect(kindLabel({ kind: 'note' })).toBe('Note');
    expect(kindLabel({ kind: 'followup' })).toBe('Follow-up');
  });

  it('adds an action owner and check-in', () => {
    expect(kindLabel({ kind: 'action', owner: 'sam', checkIn: 10 })).toBe('Action @sam · 10m');
    expect(kindLabel({ kind: 'action', checkIn: 90 })).toBe('Action · 1h 30m');
    expect(kindLabel({ kind: 'action', owner: 'sam' })).toBe('Action @sam');
    expect(kindLabel({ kind: 'action' })).toBe('Action');
  });

  it('adds severity, role and phase', () => {
    expect(kindLabel({ kind: 'severity', severity: 'SEV1' })).toBe('Severity SEV1');
    expect(kindLabel({ kind: 'role', role: 'ic' })).toBe('Role IC');
    expect(kindLabel({ kind: 'phase', phase: 'monitoring' })).toBe('Phase monitoring');
  });

  it('says a role line that names no one is a note, not a role change', () => {
    expect(kindLabel({ kind: 'note', notRole: true })).toBe('Note · not a role change');
    expect(kindLabel({ kind: 'note', notRole: false })).toBe('Note');
  });

  it('treats an unknown kind as a note', () => {
    expect(kindName('gossip')).toBe('Note');
  });
});

describe('names', () => {
  it('lists the thirteen kinds of backend.Kinds, in its order', () => {
    expect(kinds).toEqual(['note', 'decision', 'action', 'mitigation', 'hypothesis', 'impact',
      'followup', 'factor', 'severity', 'role', 'phase', 'status', 'evidence']);
  });

  it('names a contributing factor in full, and short on a badge', () => {
    expect(kindLabel({ kind: 'factor' })).toBe('Contributing factor');
    expect(kindShort('factor')).toBe('Factor');
    expect(kindShort('followup')).toBe('Follow-up');
    expect(kindShort('gossip')).toBe('Note');
  });

  it('names roles as backend.RoleLabel does', () => {
    expect(roleName('comms')).toBe('Communications Lead');
    expect(roleName('tech')).toBe('Technical Lead');
    expect(roleName('sme')).toBe('sme');
  });

  it('maps severities to badge classes', () => {
    expect(severityClass('SEV1')).toBe('sev1');
    expect(severityClass('')).toBe('sev-unknown');
  });
});
