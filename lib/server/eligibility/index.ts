import 'server-only';

export {
  AUTHORITY_TYPES,
  authorityActiveOn,
  type AuthorityStatus,
  type AuthorityType,
  type RepresentativeAuthority,
} from './authority-active-on';
export {
  NEW_MEMBER_WAIT_DAYS,
  checkConnectEligibility,
  type ConnectEligibility,
  type ConnectEligible,
  type ConnectRefusalReason,
  type ConnectRefused,
  type NextStep,
} from './check-connect-eligibility';
export { continuousEnrollmentPeriods, type EnrollmentPeriod } from './continuous-enrollment';
export {
  DATA_WINDOW_FLOOR,
  dataWindowEnd,
  dataWindowStart,
  enrolledPeriodsInWindow,
  isDateInEnrolledWindow,
  type EnrolledWindowPeriod,
} from './data-window';
export type { EnrollmentSpan, MemberFacts } from './member-facts';
export { MANAGED_CARE_DATA_HERE, planRoutingFor, type PlanInfo, type PlanRouting } from './plan-routing-for';
export { previousMemberAccessEndsOn } from './previous-member-access';
