import { expect, it } from 'vitest';
import { createMockKnot, type MockProduct } from '../../src/testing.js';

// Each product's own tests check the 403 NO_ACCESS on the wire once it is switched off.
it('names the known products when asked to switch an unknown one', async () => {
  const mock = createMockKnot();
  try {
    expect(() => mock.setProductAccess('vault' as MockProduct, false)).toThrow(
      new RangeError('unknown product "vault"; one of card_switcher, subscription_manager, detect, shopping'),
    );
    expect(() => mock.setProductAccess('detect', false)).not.toThrow();
  } finally {
    await mock.close();
  }
});
