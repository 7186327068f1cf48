import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AccountQueryProvider } from '@/components/account/account-query-provider';

/**
 * react-query and client-side translations live here only: the account's live parts. Elsewhere
 * every string is rendered on the server, so other pages ship no message catalogue or ICU runtime.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  const clientMessages = { account: messages.account, errors: messages.errors, common: messages.common };
  return (
    <NextIntlClientProvider messages={clientMessages}>
      <AccountQueryProvider>{children}</AccountQueryProvider>
    </NextIntlClientProvider>
  );
}
