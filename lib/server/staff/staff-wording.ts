import 'server-only';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { AuthorityType } from '@/lib/server/eligibility';
import type { DataCategory } from '@/lib/server/smart/smart-scopes';

type Say = (key: string) => string;
let connect: Say | undefined;

/** The member flow's own English names for data categories and authorities, so staff say what members read. */
function connectSay(): Say {
  connect ??= createTranslator({ locale: 'en', messages: loadMessages('en'), namespace: 'connect' }) as unknown as Say;
  return connect;
}

export const categoryName = (category: DataCategory | string) => connectSay()(`category_${category}`);
export const authorityName = (type: AuthorityType | string) => connectSay()(`authority_${type}`);
