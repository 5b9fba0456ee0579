import { expect, test } from 'vitest';
import * as risk from './index.js';

test('exports (any change to the public API shows up here)', () => {
  expect(Object.keys(risk).sort()).toMatchInlineSnapshot(`
    [
      "AMOUNT_MODEL_WINDOW",
      "BURST_COUNT",
      "BURST_WINDOW_MS",
      "DAY_MS",
      "LOOK_ALIKE_CHARS",
      "MIN_HISTORY_FOR_AMOUNTS",
      "MIN_LOG_SPREAD",
      "SIGNAL_POINTS",
      "UNUSUAL_Z",
      "assessPayment",
      "assessRequest",
      "median",
      "robustZ",
    ]
  `);
});
