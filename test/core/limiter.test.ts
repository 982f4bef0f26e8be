import Bottleneck from 'bottleneck';
import { describe, expect, it } from 'vitest';
import { KnotConfigError } from '../../src/core/errors.js';
import { chooseLimiter } from '../../src/core/limiter.js';
import { checkLimiterOptions } from '../../src/core/limiter-options.js';
import { createLimiter } from '../../src/internal/create-limiter.js';

describe('chooseLimiter: which adapter serves a setting', () => {
  it('serves a plain concurrency cap, the default included, with the local limiter', () => {
    expect(chooseLimiter(undefined)).toEqual({ kind: 'local', maxConcurrent: 10 });
    expect(chooseLimiter({ maxConcurrent: 3 })).toEqual({ kind: 'local', maxConcurrent: 3 });
  });

  it('ignores options left at Bottleneck defaults: { maxConcurrent: 5, minTime: 0 } stays local', () => {
    expect(chooseLimiter({ maxConcurrent: 5, minTime: 0 })).toEqual({ kind: 'local', maxConcurrent: 5 });
    expect(chooseLimiter({ maxConcurrent: 5, minTime: 0, highWater: null, reservoir: null, datastore: 'local' })).toEqual({
      kind: 'local',
      maxConcurrent: 5,
    });
    expect(chooseLimiter({ maxConcurrent: 5, minTime: undefined })).toEqual({ kind: 'local', maxConcurrent: 5 });
  });

  it('needs no limiter at all for false, or for options that limit nothing', () => {
    expect(chooseLimiter(false)).toEqual({ kind: 'none' });
    expect(chooseLimiter({})).toEqual({ kind: 'none' });
    expect(chooseLimiter({ minTime: 0, maxConcurrent: null })).toEqual({ kind: 'none' });
  });

  it('hands anything that really throttles to Bottleneck', () => {
    for (const setting of [{ maxConcurrent: 5, minTime: 50 }, { minTime: 1 }, { reservoir: 100 }, { maxConcurrent: 5, id: 'knot' }]) {
      expect(chooseLimiter(setting)).toEqual({ kind: 'bottleneck', setting });
    }
    const instance = new Bottleneck({ maxConcurrent: 1 });
    expect(chooseLimiter(instance)).toEqual({ kind: 'bottleneck', setting: instance });
  });
});

describe('createLimiter', () => {
  // The local limiter starts a job in the same tick; Bottleneck only after its timer hops.
  const startsAtOnce = (setting: Parameters<typeof createLimiter>[0]) => {
    let started = false;
    const done = createLimiter(setting, 1_000).schedule(async () => {
      started = true;
    });
    return { started, done };
  };

  it('starts a job at once for { maxConcurrent: 5, minTime: 0 }: no Bottleneck timer hop', async () => {
    const { started, done } = startsAtOnce({ maxConcurrent: 5, minTime: 0 });
    await done;
    expect(started).toBe(true);
  });

  it('goes through Bottleneck when minTime really spaces requests', async () => {
    const { started, done } = startsAtOnce({ maxConcurrent: 5, minTime: 5 });
    await done;
    expect(started).toBe(false);
  });

  it('checks the setting first: nonsense and client-built Redis limiters are KnotConfigErrors', () => {
    expect(() => createLimiter({ maxConcurrent: 0 }, 1_000)).toThrow(KnotConfigError);
    expect(() => checkLimiterOptions({ datastore: 'ioredis' })).toThrow(/create the Bottleneck yourself/);
    expect(() => checkLimiterOptions({ minTime: -1 })).toThrow(/minTime must be a number of milliseconds/);
  });
});
