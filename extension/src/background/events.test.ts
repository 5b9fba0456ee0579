import { describe, expect, test, vi } from 'vitest';
import { Emitter } from './events.js';

describe('Emitter', () => {
  test('delivers typed arguments to every listener in order, until it is stopped', () => {
    const events = new Emitter<{ changed: [origin: string, count: number]; locked: [] }>();
    const seen: unknown[] = [];
    const stop = events.on('changed', (origin, count) => seen.push(['first', origin, count]));
    events.on('changed', (origin) => seen.push(['second', origin]));
    events.on('locked', () => seen.push(['locked']));
    events.emit('changed', 'https://a.example', 1);
    stop();
    events.emit('changed', 'https://b.example', 2);
    events.emit('locked');
    expect(seen).toEqual([['first', 'https://a.example', 1], ['second', 'https://a.example'], ['second', 'https://b.example'], ['locked']]);
  });

  test('a listener that throws does not stop the others', () => {
    const events = new Emitter<{ changed: [] }>();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let reached = false;
    events.on('changed', () => {
      throw new Error('boom');
    });
    events.on('changed', () => void (reached = true));
    expect(() => events.emit('changed')).not.toThrow();
    expect(reached).toBe(true);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
