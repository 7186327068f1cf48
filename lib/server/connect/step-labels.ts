import 'server-only';
import { getTranslations } from 'next-intl/server';
import { previousStep, STEP_NUMBER, type ConnectFlow, type ConnectStep } from './connect-flow-state';
import { flowTimeLimit } from './time-limits';

/** What every step page's frame says: "Step N of 6", the app, the way back. */
export async function stepFrame(flow: ConnectFlow, step: ConnectStep, appName: string) {
  const t = await getTranslations('connect');
  const previous = previousStep(flow, step);
  return {
    stepLabel: t('stepOf', { n: STEP_NUMBER[step] }),
    step: STEP_NUMBER[step],
    appLabel: t('connecting', { app: appName }),
    timeLimit: step === 'done' ? null : await flowTimeLimit(flow.expiresAt),
    back: previous ? { href: `/connect/${flow.id}/${previous}`, label: t('back') } : flow.entry === 'gallery' ? { href: `/apps/${flow.appId}`, label: t('back') } : null,
  };
}
