import { describe, expect, it } from 'vitest';
import { scriptProfile } from './scripts.ts';

describe('scriptProfile', () => {
  it('finds the dominant script and how pure the text is', () => {
    const profile = scriptProfile('Путин говорил с Lukashenko');
    expect(profile.dominant).toBe('Cyrillic');
    expect(profile.purity).toBeGreaterThan(0.5);
    expect(profile.purity).toBeLessThan(1);
  });

  it('counts a Han character as much as three Latin letters', () => {
    expect(scriptProfile('iPhone 发布会').dominant).toBe('Han');
  });

  it('treats Han mixed with kana as Japanese', () => {
    expect(scriptProfile('政府は経済対策を発表').dominant).toBe('Kana');
  });

  it('has no dominant script without letters', () => {
    const profile = scriptProfile('12:30 — 80.1%');
    expect(profile.dominant).toBeUndefined();
    expect(profile.letters).toBe(0);
  });
});
