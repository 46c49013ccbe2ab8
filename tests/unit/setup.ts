// Property tests explore new random cases on every local run; in CI they replay one fixed seed,
// so a landing never hangs on a case nobody has seen (failures print their seed to replay).
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261124 });
