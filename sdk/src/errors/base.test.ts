import { expect, test } from 'vitest';
import { CommonGuardError } from './base.js';

test('the message joins the short message, the hints and the details', () => {
  const error = new CommonGuardError('Something went wrong.', {
    metaMessages: ['Try again later.'],
    details: 'code 42',
  });
  expect(error.shortMessage).toBe('Something went wrong.');
  expect(error.message).toBe('Something went wrong.\n\nTry again later.\n\nDetails: code 42');
  expect(error.name).toBe('CommonGuardError');
});

test('details default to the cause message', () => {
  const error = new CommonGuardError('Outer.', { cause: new Error('inner failure') });
  expect(error.details).toBe('inner failure');
  expect(error.cause).toBeInstanceOf(Error);
});

test('walk finds the deepest cause, or the first that matches', () => {
  const root = new Error('root');
  const middle = new CommonGuardError('middle', { cause: root, name: 'Middle' });
  const top = new CommonGuardError('top', { cause: middle });
  expect(top.walk()).toBe(root);
  expect(top.walk((error) => (error as Error).name === 'Middle')).toBe(middle);
  expect(top.walk((error) => (error as Error).name === 'Nothing')).toBeNull();
});
