import type { ReactNode } from 'react';
import { AccountQueryProvider } from '@/components/account/account-query-provider';

/** react-query lives here only: the account's live parts, nowhere else on the site. */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return <AccountQueryProvider>{children}</AccountQueryProvider>;
}
