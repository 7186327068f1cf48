/**
 * The last choice of the plan list, "The plan is not on this list": answered with what to do
 * instead (the plan may not be connected yet; call customer service), and nothing else is asked.
 * On its own, without the schema's zod, so the form that offers it stays light in the browser.
 */
export const NOT_LISTED_PLAN = 'not-listed';
