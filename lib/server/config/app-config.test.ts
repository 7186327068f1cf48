import { describe, expect, it } from 'vitest';
import { appConfig, databasePoolSize } from './app-config';

describe('databasePoolSize', () => {
  it('defaults to twice the cores plus one, at least 3', () => {
    expect(databasePoolSize(undefined, 2)).toBe(5);
    expect(databasePoolSize(undefined, 8)).toBe(17);
    expect(databasePoolSize(undefined, 1)).toBe(3);
    expect(databasePoolSize('  ', 2)).toBe(5);
  });

  it('takes DATABASE_POOL_SIZE when it is a whole number from 2 to 1000', () => {
    expect(databasePoolSize('2', 16)).toBe(2);
    expect(databasePoolSize('40', 2)).toBe(40);
    expect(appConfig({ ...process.env, DATABASE_POOL_SIZE: '12' }).databasePoolSize).toBe(12);
  });

  it('refuses a size it cannot use, naming the setting, rather than guessing', () => {
    for (const value of ['1', '0', '-3', '2.5', 'ten', '1001', '5 connections']) {
      expect(() => databasePoolSize(value, 2)).toThrow(/DATABASE_POOL_SIZE must be a whole number from 2 to 1000/);
    }
  });
});
