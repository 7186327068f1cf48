/**
 * The hidden field that names, sealed, whom a form was drawn for (lib/server/forms/form-drafts.ts).
 * Here, not there, so the client's ActionForm can write it for the staff console.
 */
export const DRAFT_OWNER_FIELD = 'draftFor';

/** Which of the page's forms was sent (its error summary's title), so only that one gets the typing back. */
export const DRAFT_FORM_FIELD = 'draftForm';
