import { expect, test } from 'vitest';
import * as risk from './index.js';

test('exports (any change to the public API shows up here)', () => {
  expect(Object.keys(risk).sort()).toMatchInlineSnapshot(`
    [
      "AMOUNT_MODEL_WINDOW",
      "BURST_COUNT",
      "BURST_VALUE_COUNT",
      "BURST_VALUE_FACTOR",
      "BURST_VALUE_WINDOW_MS",
      "BURST_WINDOW_MS",
      "DAY_MS",
      "LOOK_ALIKE_CHARS",
      "MIN_HISTORY_FOR_AMOUNTS",
      "MIN_LOG_SPREAD",
      "MIN_RECIPIENT_HISTORY",
      "PHISHING_FUZZY_POINTS",
      "PRIMED_OVER_MAX",
      "RECIPIENT_AMOUNT_WINDOW",
      "RECIPIENT_OVER_MAX",
      "SIGNAL_POINTS",
      "STRONG_BURST_POINTS",
      "STRONG_OVER_HIGH",
      "STRONG_OVER_MAX",
      "STRONG_OVER_MEDIAN",
      "STRONG_OVER_RECIPIENT_MAX",
      "STRONG_UNUSUAL_AMOUNT_POINTS",
      "ShopperProfile",
      "UNUSUAL_OVER_HIGH",
      "UNUSUAL_OVER_MEDIAN",
      "UNUSUAL_Z",
      "WELL_KNOWN_SITES",
      "assessPayment",
      "assessRequest",
      "classifyTransfer",
      "judgeAmount",
      "judgePace",
      "median",
      "robustZ",
      "scoreOf",
      "siteImitation",
      "siteSignals",
      "suspiciousTransferWarning",
    ]
  `);
});
