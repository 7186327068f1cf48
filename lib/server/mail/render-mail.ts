import 'server-only';
import { createTranslator } from 'use-intl/core';
import { categoryNamesInSentence } from '@/lib/i18n/category-names-in-sentence';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { LANGUAGE_ACCESS_NOTICE_KEYS, LANGUAGE_ACCESS_VALUES, renderedTaglines } from '@/lib/i18n/language-access';
import { loadMessages } from '@/lib/i18n/load-messages';
import { escapeHtml } from '@/lib/security/escape-html';
import type { Locale } from '@/lib/i18n/locales';
import { PAYER } from '@/lib/payer';
import { VERIFICATION_CODE_RULES } from '@/lib/server/identity/identity-limits';
import { DATA_CATEGORIES } from '@/lib/server/smart/smart-scopes';
import { assertMailParams, MAIL_TEMPLATES, type MailBlock, type MailTemplate, type MailTemplateDefinition } from './mail-templates';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  senderName: string;
}

type Paragraph = { kind: 'text'; text: string } | { kind: 'highlight'; value: string } | { kind: 'link'; text: string; url: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An instant (a one-time connection's end, to the minute), as Date#toISOString writes it. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** A subject, a plain-text body and a simple HTML body in the member's language, from the `email` messages. */
export function renderMail(template: MailTemplate, locale: Locale, params: Record<string, string>): RenderedMail {
  assertMailParams(template, params);
  const definition: MailTemplateDefinition = MAIL_TEMPLATES[template];
  const t = createTranslator({ locale, messages: loadMessages(locale) });
  const values: Record<string, string> = {
    payer: PAYER.name,
    phone: PAYER.customerServicePhone,
    tty: PAYER.customerServiceTty,
    securityEmail: PAYER.securityEmail,
    minutes: String(VERIFICATION_CODE_RULES.validSeconds / 60),
    ...definition.defaults,
    ...readableParams(locale, params),
  };
  const say = (key: string) => t(`email.${key}` as never, values as never) as string;
  const own = `${definition.namespace ?? 'email'}.${definition.messages}`;
  // A time that ends a sentence ("… a las 2:55 p. m.") keeps one period, not two.
  const sayOwn = (key: string) => (t(`${own}.${key}` as never, values as never) as string).replace(/([ap]\.\s?m\.)\./g, '$1');

  const blocks = (definition.blocks as readonly MailBlock[]).filter((block) => block.kind !== 'text' || !block.ifParam || Boolean(params[block.ifParam]));
  const paragraphs = blocks.map((block): Paragraph => {
    if (block.kind === 'highlight') return { kind: 'highlight', value: values[block.param] };
    const text = sayOwn(block.key);
    return block.kind === 'link' ? { kind: 'link', text, url: values[block.urlParam] } : { kind: 'text', text };
  });
  const closing = [say('closing'), say('signature')];
  const footer = definition.footer ? definition.footer.map(sayOwn) : [say('noHealthInfo'), say('doNotReply')];
  // Section 1557: both notices and the taglines in every email, whatever its template.
  const noticeValues = { ...LANGUAGE_ACCESS_VALUES, link: (chunks: string) => chunks };
  const noticeTitle = t('languageAccess.title' as never) as string;
  const notices = LANGUAGE_ACCESS_NOTICE_KEYS.map((key) => t.markup(`languageAccess.${key}` as never, noticeValues as never) as string);
  const taglinesTitle = t('languageAccess.taglinesTitle' as never) as string;
  const taglines = renderedTaglines();

  const text = [
    say('greeting'),
    ...paragraphs.map((p) => (p.kind === 'highlight' ? `    ${p.value}` : p.kind === 'link' ? `${p.text}\n${p.url}` : p.text)),
    closing.join('\n'),
    '--',
    footer.join('\n'),
    [noticeTitle, ...notices].join('\n\n'),
    [taglinesTitle, ...taglines.map((tagline) => tagline.text)].join('\n\n'),
  ].join('\n\n');

  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">',
    `<p>${escapeHtml(say('greeting'))}</p>`,
    ...paragraphs.map((p) => {
      if (p.kind === 'highlight') return `<p style="font-size: 28px; font-weight: bold; letter-spacing: 4px;">${escapeHtml(p.value)}</p>`;
      if (p.kind === 'link') return `<p>${escapeHtml(p.text)}<br>${linkHtml(p.url)}</p>`;
      return `<p>${escapeHtml(p.text)}</p>`;
    }),
    `<p>${closing.map(escapeHtml).join('<br>')}</p>`,
    `<hr><p style="font-size: 14px; color: #4a4a4a;">${footer.map(escapeHtml).join('<br>')}</p>`,
    `<div style="font-size: 14px; color: #4a4a4a;"><p><strong>${escapeHtml(noticeTitle)}</strong></p>`,
    ...notices.map((notice) => `<p>${linkUrlsIn(escapeHtml(notice), LANGUAGE_ACCESS_VALUES.ocrUrl)}</p>`),
    `<p><strong>${escapeHtml(taglinesTitle)}</strong></p>`,
    ...taglines.map((tagline) => `<p lang="${escapeHtml(tagline.lang)}" dir="${tagline.dir}">${escapeHtml(tagline.text)}</p>`),
    '</div>',
    '</body></html>',
  ].join('\n');

  return { subject: sayOwn('subject'), text, html, senderName: say('senderName') };
}

// Calendar dates read as words in the member's language ("March 31, 2027", "31 de marzo de 2027").
function readableParams(locale: Locale, params: Record<string, string>): Record<string, string> {
  const readable: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    readable[name] = ISO_DATE.test(value) ? formatCalendarDate(value, locale) : ISO_INSTANT.test(value) ? formatDateTime(new Date(value), locale) : value;
  }
  if (params.categories) readable.categories = categoriesInSentence(params.categories, locale);
  return readable;
}

/**
 * The data categories as the senders join them ("Información personal, Proveedores", the connect
 * flow's names), read back into names and written as part of the sentence they sit in. A value
 * that is not a list of this language's names is left as it came.
 */
function categoriesInSentence(value: string, locale: Locale): string {
  const messages = loadMessages(locale) as { connect: Record<string, string> };
  const known = new Set(DATA_CATEGORIES.map((category) => messages.connect[`category_${category}`]));
  const names = value.split(', ');
  return names.every((name) => known.has(name)) ? categoryNamesInSentence(names, locale) : value;
}

// A fixed address inside an already escaped sentence becomes a link.
function linkUrlsIn(escaped: string, url: string): string {
  return escaped.split(escapeHtml(url)).join(linkHtml(url));
}

// Only web links become clickable; anything else is shown as text rather than trusted in an href.
function linkHtml(url: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : escapeHtml(url);
}
