import { getTranslations } from 'next-intl/server';
import { PAYER } from '@/lib/payer';

const ROLES = ['member', 'minor', 'parent', 'guardian', 'designee', 'end'] as const;

/** The written policy of docs/representatives-policy.md, in the reader's language (on /help). */
export async function RepresentativesPolicy() {
  const t = await getTranslations('representatives');
  return (
    <section aria-labelledby="representatives" className="space-y-2">
      <h2 id="representatives">{t('policyTitle')}</h2>
      <p>{t('policyLead')}</p>
      <ul className="list-disc space-y-2 pl-6">
        {ROLES.map((role) => (
          <li key={role}>{t(`policy_${role}`)}</li>
        ))}
      </ul>
      <p>{t('policy_change', { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty })}</p>
    </section>
  );
}
