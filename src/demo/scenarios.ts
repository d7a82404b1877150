import { complaintScenarios } from './phrases-complaints.js';
import { moneyScenarios } from './phrases-money.js';
import { orderScenarios } from './phrases-orders.js';
import { paymentFailureScenarios } from './phrases-payment.js';
import { posScenarios } from './phrases-pos.js';
import type { Scenario } from './scenario.js';

/** Every scenario the demo draws from; together they cover the whole category taxonomy. */
export const scenarios: readonly Scenario[] = [...paymentFailureScenarios, ...orderScenarios, ...moneyScenarios, ...posScenarios, ...complaintScenarios];
