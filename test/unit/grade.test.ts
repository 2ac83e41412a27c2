import { describe, expect, it } from 'vitest';
import { gradeMeaning, gradeOf, RULE_CAP, scoreOf } from '../../src/core/grade';
import type { Finding, Severity } from '../../src/core/rule';

const f = (rule: string, severity: Severity): Finding => ({ rule, severity, cookie: null, message: '', fix: '' });

describe('grade and score', () => {
  it('no findings scores 100 and A+', () => {
    expect(scoreOf([])).toBe(100);
    expect(gradeOf(100, [])).toBe('A+');
  });

  it('each finding costs its severity, capped per rule', () => {
    expect(scoreOf([f('a', 'high')])).toBe(80);
    expect(scoreOf([f('a', 'medium'), f('b', 'low')])).toBe(87);
    expect(scoreOf(Array.from({ length: 40 }, () => f('a', 'low')))).toBe(100 - RULE_CAP);
    expect(scoreOf([f('info', 'info')])).toBe(100);
  });

  it('one high finding caps the grade at C, a medium at B, a low at A', () => {
    expect(gradeOf(scoreOf([f('a', 'high')]), [f('a', 'high')])).toBe('C');
    expect(gradeOf(scoreOf([f('a', 'medium')]), [f('a', 'medium')])).toBe('B');
    expect(gradeOf(scoreOf([f('a', 'low')]), [f('a', 'low')])).toBe('A');
  });

  it('low scores fall to F', () => {
    const many = ['a', 'b', 'c'].map((r) => f(r, 'high'));
    expect(gradeOf(scoreOf([...many, ...many]), many)).toBe('F');
  });
});

describe('what a grade means, in one line', () => {
  it('says what is wrong with the site and where to start, with counts from findings or groups', () => {
    expect(gradeMeaning('C', [{ severity: 'high', rule: 'token-in-web-storage' }])).toBe(
      "Needs work in this site's cookies and web storage: 1 high-risk problem. Start with the high-risk ones.",
    );
    expect(gradeMeaning('A+', [])).toBe("No problems found in this site's cookies.");
    expect(gradeMeaning('A', [{ severity: 'low' }, { severity: 'info' }])).toBe('Well set up: only 1 minor problem.');
    expect(gradeMeaning('F', [{ severity: 'high', count: 3 }, { severity: 'medium' }, { severity: 'low', count: 2 }])).toBe(
      "Many problems in this site's cookies: 3 high-risk problems, 1 medium problem, 2 minor problems. Start with the high-risk ones.",
    );
    expect(gradeMeaning('C', [{ severity: 'medium', count: 4 }])).toMatch(/^Needs work.*Start with the medium ones\.$/);
  });
});
