import 'server-only';

/**
 * The staff console's form messages, in English only (staff tools are not translated; what they
 * send members is, in the customerService namespace). Keys are what the zod schemas and AppErrors
 * of staff forms name, read by runStaffAction like a next-intl translator.
 */
const STAFF_MESSAGES: Readonly<Record<string, string>> = {
  fixFields: 'Fix the problems below.',
  generic: 'Something went wrong on our side. Nothing was changed. Try again, and tell IT support if it happens again.',
  invalid: 'Check this answer.',
  badCharacters: 'This holds characters that cannot be read. Type it again.',
  required: 'Fill in this field.',
  lookupEmpty: 'Enter a member ID or representative ID, or a name with a date of birth.',
  lookupNeedsBirthDate: 'Enter the full date of birth with the name.',
  lookupNeedsName: 'Enter the last name with the date of birth.',
  birthDate: 'Enter a real date of birth, like 3 12 1984.',
  lookupNoMatch: 'Nobody on file matches. Check the spelling and the date of birth, or ask for the member ID on their card.',
  lookupLimited: 'You have looked up many members in a short time. Wait {minutes, plural, one {# minute} other {# minutes}}; the privacy officer has been told.',
  lookupLimitedPage: 'You have opened many {what} in a short time. Wait {minutes, plural, one {# minute} other {# minutes}}. The privacy officer has been told.',
  chooseApp: 'Choose an app.',
  chooseReason: 'Choose a reason from the list.',
  authorityNotFound: 'That authority is not on this representative’s record.',
  lastDay: 'Enter the last day as a date, like 2027-01-31.',
  authorityEndPast: 'The last day cannot be before today.',
  authorityEndLater: 'The authority already ends on or before that day. Only an earlier end can be recorded here; a longer one needs a new designation.',
  authorityEndBeforeStart: 'The last day cannot be before the authority starts.',
  chooseSharingChoice: 'Choose what the caller wants.',
  chooseCaller: 'Choose who is calling.',
  chooseLanguage: 'Choose the language the caller speaks.',
  linkCallerCannotAct:
    'That caller cannot connect an app for this member. Only the member (unless a parent, guardian or personal representative acts for them), or a representative acting for them today, can.',
  callerCannotChoose:
    'That caller cannot make this member’s sharing choices. Only the member (unless a parent, guardian or personal representative chooses for them), or a parent, legal guardian or personal representative acting for them today, can. A designee cannot.',
  memberDeceased: 'This member has died, so nobody can make a sharing choice for them. A personal representative can ask for the member’s records with a member records request.',
  namePlan: 'Choose the other health plan from the list.',
  planNotListed:
    'Sharing cannot be turned on for a plan that is not on the list: that plan is not connected to ask us for data yet, so it could never get any. Nothing was recorded. Tell the caller, and log a case if they want us to follow up.',
  planNotRegistered: 'That plan is not on the list of plans connected to ask us for data. Choose one from the list.',
  planMemberId: 'Enter the caller’s member ID at that plan.',
  chooseRelation: 'Choose whether it is their previous plan or a plan they have now.',
  chooseSensitive: 'Choose whether behavioral health and substance use data may go too.',
  notFound: 'That member is not on file.',
  noteTooLong: 'Keep the note under 1,000 characters.',
  connectionNotFound: 'That connection is not this member’s, or it has already ended.',
  memberNotFound: 'That member is not on file.',
  appNotConnectable: 'That app is not in the gallery right now, so the member could not connect it.',
  memberCannotConnect: 'This member cannot connect an app today (see “Can they connect?”), so no link was sent.',
  linkLimited: 'A link was sent to this member a short while ago. Wait {minutes, plural, one {# minute} other {# minutes}} before sending another.',
  chooseCaseKind: 'Choose what kind of case this is.',
  describeCase: 'Describe what the caller told you (at least 10 characters).',
  tooLong: 'This is too long.',
  caseNotFound: 'That case does not exist.',
  chooseStatus: 'Choose a status.',
  chooseOwner: 'Choose someone who can work on cases, or nobody.',
  dueDate: 'Enter the due date as a real date, like 2027-01-31.',
  dueDatePast: 'The due date cannot be before today.',
  dueDateFar: 'The due date must be within two years from today.',
  caseAboutYou: 'This case is about you, so someone else must handle it. You can read it, but not change it or add notes.',
  ownerIsSubject: 'The staff user this case is about cannot own it. Choose someone else.',
  caseChangedMeanwhile:
    'Someone else changed this case after you opened it ({parts}). Nothing was saved. The case above now shows their change; your choices are still in the form. Save again to keep yours.',
  reloadPage: 'This form is out of date. Reload the page and try again.',
  reloadCase: 'This form is out of date. Reload the page and make your change again.',
  writeNote: 'Write the note first.',
  staffNotFound: 'That staff account does not exist.',
  rolesFromProvider: 'This account signs in through your organization: its roles come from its groups there.',
  noRoleForYourself: 'You cannot give yourself a role. Ask another administrator.',
  keepOwnStaffManage: 'Keep a role that lets you manage staff, or ask another administrator to change your roles.',
  notYourself: 'You cannot disable your own account.',
  keepOneManager: 'Nobody else could then manage staff accounts. Give another account the administrator role first.',
  // App review (issue 12)
  chooseDecision: 'Choose a decision.',
  criterionRequired: 'Choose a criterion from the list for this decision. A denial or suspension needs one of the security criteria; privacy answers are never a reason.',
  statusChangeNotAllowed: 'That decision is not possible from the app’s current status. Reload the page to see where it stands now.',
  appUnavailable: 'That app does not exist.',
  newSecretFirst:
    'This app was suspended because its credentials were exposed, and its developer has not made a new secret since. Ask them to choose “Make a new secret” on their app’s page, then reinstate it. Reinstating ends the secret that the new one replaced.',
  privacyAnswersChanged:
    'The developer changed {answers} while you were reading. Nothing was saved. The new words are shown below, marked “Changed”: read them, choose their marks and save again. Your other marks are still in the form.',
  reloadApp: 'This form is out of date. Reload the page and make your marks again.',
  notesTooLong: 'Keep the notes under 2,000 characters.',
};

/** Fills `{name}`, and `{name, plural, one {# minute} other {# minutes}}` by the count (ICU's form, English's two cases). */
function fill(template: string, values?: Record<string, string | number | Date>): string {
  return template
    .replace(/\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/g, (whole, name: string, one: string, other: string) =>
      values && name in values ? (Number(values[name]) === 1 ? one : other).replaceAll('#', String(values[name])) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
}

export const staffSay = Object.assign((key: string, values?: Record<string, string | number | Date>) => fill(STAFF_MESSAGES[key] ?? STAFF_MESSAGES.invalid, values), {
  has: (key: string) => Object.hasOwn(STAFF_MESSAGES, key),
});
