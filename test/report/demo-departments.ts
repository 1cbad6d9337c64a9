/**
 * The departments of `dmf demo` (seed 2026, 12 departments, as the command's defaults): the one
 * with the most characteristics answered is the "fullest" that the brief's length is held to.
 */
import { fictionalGovernment, type FictionalDepartment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { score } from '../../src/scoring/index.js';

const framework = builtInFramework();

/** The demo's department with the most characteristics answered. */
export function fullestDemoDepartment(): FictionalDepartment {
  const departments = fictionalGovernment(framework, 12, 2026);
  const answered = (d: FictionalDepartment) =>
    score(framework, d.answers).elements.reduce((n, e) => n + e.answered, 0);
  return departments.reduce((a, b) => (answered(b) > answered(a) ? b : a));
}
