import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { staffSessionWords } from '@/components/staff/staff-session-warning';
import type { FormStateAction } from '@/lib/server/actions/form-state';
import { ActionForm } from './action-form';
import { FormDraftProvider } from './form-draft-context';
import { TextField } from './text-field';

// The page shown, as the router tells client components.
const shown = vi.hoisted(() => ({ pathname: '/staff/members/100000000001' }));
vi.mock('next/navigation', () => ({ usePathname: () => shown.pathname }));

const action = (async () => ({})) as unknown as FormStateAction;
const KEPT = { path: '/staff/members/100000000001', form: 'The case was not logged', values: { description: 'LOST-TEXT typed before the session ended' }, message: 'Your session had ended, so this form was not sent.' };

const page = (value?: Parameters<typeof FormDraftProvider>[0]['value']) => {
  const forms = (
    <>
      <ActionForm action={action} errorTitle="The case was not logged">
        <TextField name="description" label="What happened" />
      </ActionForm>
      <ActionForm action={action} errorTitle="No link was sent">
        <TextField name="description" label="Note" />
      </ActionForm>
    </>
  );
  return renderToStaticMarkup(value ? <FormDraftProvider value={value}>{forms}</FormDraftProvider> : forms);
};

describe('forms in the staff console (inside a FormDraftProvider)', () => {
  it('each send whom the page was drawn for, sealed, and which form it is', () => {
    const html = page({ seal: 'staff:casey.csr.sig' });
    expect(html.match(/<input type="hidden" name="draftFor" value="staff:casey.csr.sig"\/>/g)).toHaveLength(2);
    expect(html).toContain('<input type="hidden" name="draftForm" value="The case was not logged"/>');
    expect(html).toContain('<input type="hidden" name="draftForm" value="No link was sent"/>');
  });

  it('give what was typed back to the form that was sent, with the message, and to no other', () => {
    const html = page({ seal: 'staff:casey.csr.sig', kept: KEPT });
    expect(html.match(/LOST-TEXT/g)).toHaveLength(1);
    expect(html.indexOf('LOST-TEXT')).toBeLessThan(html.indexOf('No link was sent'));
    expect(html).toContain(`<p role="status" class="mb-4 rounded-md border border-ok-700 bg-green-50 p-3">${KEPT.message}</p>`);
  });

  it('give nothing to a form of the same name on another page (the layout stays drawn from page to page)', () => {
    shown.pathname = '/staff/members/100000000002';
    try {
      const html = page({ seal: 'staff:casey.csr.sig', kept: KEPT });
      expect(html).not.toContain('LOST-TEXT');
      expect(html).not.toContain(KEPT.message);
      expect(html).toContain('name="draftFor"');
    } finally {
      shown.pathname = '/staff/members/100000000001';
    }
  });

  it('elsewhere (the member site) send nothing more', () => {
    expect(page()).not.toContain('draftFor');
  });
});

describe("the console's idle warning", () => {
  it('speaks of its 30 minutes and leads back to sign-in for the page', () => {
    const words = staffSessionWords('/staff/sign-in?callbackUrl=%2Fstaff%2Fcases');
    expect(words.warning).toBe('You will be signed out in 2 minutes.');
    expect(words.warningDetail).toContain('30 minutes');
    expect(words.staySignedIn).toBe('Stay signed in');
    expect(words.signInHref).toBe('/staff/sign-in?callbackUrl=%2Fstaff%2Fcases');
  });
});
