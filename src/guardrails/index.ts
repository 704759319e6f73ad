export { checkChanges, type CheckResult, type GuardrailRules, type Violation, type ViolationRule } from "./check-changes.js";
export { type ChangeLimits, DEFAULT_LIMITS } from "./limits.js";
export { normalisePath } from "./normalise-path.js";
export { protectedReason } from "./protected-paths.js";
