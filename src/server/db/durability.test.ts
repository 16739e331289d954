// Which PostgreSQL settings make committed transactions losable (the server itself can't be changed in a test).
import { expect, test } from 'vitest';
import { findUnsafeSettings } from './durability.ts';

test.each([
  { fsync: 'on', synchronousCommit: 'on', unsafe: [] },
  { fsync: 'on', synchronousCommit: 'local', unsafe: [] },
  { fsync: 'on', synchronousCommit: 'remote_write', unsafe: [] },
  { fsync: 'off', synchronousCommit: 'on', unsafe: ['fsync'] },
  { fsync: 'on', synchronousCommit: 'off', unsafe: ['synchronous_commit'] },
  { fsync: 'off', synchronousCommit: 'off', unsafe: ['fsync', 'synchronous_commit'] },
])('fsync=$fsync synchronous_commit=$synchronousCommit is unsafe for $unsafe', ({ unsafe, ...settings }) => {
  const found = findUnsafeSettings(settings);
  expect(found).toHaveLength(unsafe.length);
  unsafe.forEach((name, i) => {
    expect(found[i]).toMatch(new RegExp(`^${name} is off`));
  });
});
