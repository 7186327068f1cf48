/** The page that asks to confirm disabling a staff account. */
export const disableStaffPath = (username: string) => `/staff/team/${encodeURIComponent(username)}/disable`;
