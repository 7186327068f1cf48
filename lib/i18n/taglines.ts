/**
 * Section 1557 taglines (45 CFR 92.11(b)): a short sentence, in each of the top 15 languages spoken
 * by people with limited English proficiency in the state, saying that free language help is
 * available and how to get it. They go wherever the notices go: every page's footer, `/help` and
 * every email.
 *
 * Source of the languages: the list Massachusetts publishes for MassHealth, i.e. the languages of
 * the taglines on the Executive Office of Health and Human Services' (EOHHS) MassHealth
 * "Nondiscrimination Notice and Language Assistance" insert that goes with every member notice
 * (mass.gov, MassHealth member notices), which follows the HHS Office for Civil Rights' estimate of
 * the top 15 languages spoken by people with limited English proficiency in Massachusetts
 * (HHS OCR, "Top 15 Languages by State", 2016, the table accompanying the Section 1557 FAQs).
 * Order as on that list. English is the notices' own language and is not a tagline.
 * When the state publishes a new list, change this one (the test counts 15 and checks each
 * `lang` and `dir`).
 *
 * The wording follows HHS OCR's translated sample taglines, with the payer's own phone numbers.
 * Each is shown in its own script, marked with its BCP 47 `lang` and its writing direction.
 */
export interface Tagline {
  /** BCP 47 language tag, for the `lang` attribute. */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The language's name in English (for tests and the source list). */
  englishName: string;
  /** The language's name in its own script. */
  nativeName: string;
  /** The sentence, with {phone} and {tty}. */
  text: string;
}

export const TAGLINES_SOURCE =
  'MassHealth (Massachusetts EOHHS) Nondiscrimination Notice and Language Assistance taglines; HHS OCR top 15 languages for Massachusetts';

export const TAGLINES: readonly Tagline[] = [
  {
    lang: 'es',
    dir: 'ltr',
    englishName: 'Spanish',
    nativeName: 'Español',
    text: 'ATENCIÓN: si habla español, tiene a su disposición servicios gratuitos de asistencia lingüística. Llame al {phone} (TTY: {tty}).',
  },
  {
    lang: 'pt',
    dir: 'ltr',
    englishName: 'Portuguese',
    nativeName: 'Português',
    text: 'ATENÇÃO: Se você fala português, serviços gratuitos de ajuda com o idioma estão disponíveis. Ligue para {phone} (TTY: {tty}).',
  },
  {
    lang: 'zh-Hant',
    dir: 'ltr',
    englishName: 'Chinese',
    nativeName: '繁體中文',
    text: '注意：如果您使用繁體中文，您可以免費獲得語言援助服務。請致電 {phone}（TTY：{tty}）。',
  },
  {
    lang: 'ht',
    dir: 'ltr',
    englishName: 'Haitian Creole',
    nativeName: 'Kreyòl Ayisyen',
    text: 'ATANSYON: Si w pale Kreyòl Ayisyen, gen sèvis èd pou lang ki disponib gratis pou ou. Rele {phone} (TTY: {tty}).',
  },
  {
    lang: 'vi',
    dir: 'ltr',
    englishName: 'Vietnamese',
    nativeName: 'Tiếng Việt',
    text: 'CHÚ Ý: Nếu bạn nói Tiếng Việt, có các dịch vụ hỗ trợ ngôn ngữ miễn phí dành cho bạn. Gọi số {phone} (TTY: {tty}).',
  },
  {
    lang: 'km',
    dir: 'ltr',
    englishName: 'Khmer',
    nativeName: 'ភាសាខ្មែរ',
    text: 'ប្រយ័ត្ន៖ បើសិនជាអ្នកនិយាយ ភាសាខ្មែរ សេវាជំនួយផ្នែកភាសា ដោយមិនគិតឈ្នួល គឺអាចមានសំរាប់បំរើអ្នក។ ចូរ ទូរស័ព្ទ {phone} (TTY: {tty})។',
  },
  {
    lang: 'ru',
    dir: 'ltr',
    englishName: 'Russian',
    nativeName: 'Русский',
    text: 'ВНИМАНИЕ: Если вы говорите на русском языке, то вам доступны бесплатные услуги перевода. Звоните {phone} (телетайп: {tty}).',
  },
  {
    lang: 'ar',
    dir: 'rtl',
    englishName: 'Arabic',
    nativeName: 'العربية',
    text: 'ملحوظة: إذا كنت تتحدث اللغة العربية، فإن خدمات المساعدة اللغوية تتوافر لك بالمجان. اتصل برقم {phone} (رقم هاتف الصم والبكم: {tty}).',
  },
  {
    lang: 'it',
    dir: 'ltr',
    englishName: 'Italian',
    nativeName: 'Italiano',
    text: "ATTENZIONE: se parla italiano, sono disponibili servizi di assistenza linguistica gratuiti. Chiami il numero {phone} (TTY: {tty}).",
  },
  {
    lang: 'ko',
    dir: 'ltr',
    englishName: 'Korean',
    nativeName: '한국어',
    text: '주의: 한국어를 사용하시는 경우, 언어 지원 서비스를 무료로 이용하실 수 있습니다. {phone} (TTY: {tty}) 번으로 전화해 주십시오.',
  },
  {
    lang: 'el',
    dir: 'ltr',
    englishName: 'Greek',
    nativeName: 'Ελληνικά',
    text: 'ΠΡΟΣΟΧΗ: Αν μιλάτε ελληνικά, στη διάθεσή σας βρίσκονται υπηρεσίες γλωσσικής υποστήριξης, οι οποίες παρέχονται δωρεάν. Καλέστε {phone} (TTY: {tty}).',
  },
  {
    lang: 'fr',
    dir: 'ltr',
    englishName: 'French',
    nativeName: 'Français',
    text: "ATTENTION : si vous parlez français, des services d'aide linguistique vous sont proposés gratuitement. Appelez le {phone} (ATS : {tty}).",
  },
  {
    lang: 'pl',
    dir: 'ltr',
    englishName: 'Polish',
    nativeName: 'Polski',
    text: 'UWAGA: Jeżeli mówisz po polsku, możesz skorzystać z bezpłatnej pomocy językowej. Zadzwoń pod numer {phone} (TTY: {tty}).',
  },
  {
    lang: 'hi',
    dir: 'ltr',
    englishName: 'Hindi',
    nativeName: 'हिंदी',
    text: 'ध्यान दें: यदि आप हिंदी बोलते हैं तो आपके लिए मुफ्त में भाषा सहायता सेवाएं उपलब्ध हैं। {phone} (TTY: {tty}) पर कॉल करें।',
  },
  {
    lang: 'gu',
    dir: 'ltr',
    englishName: 'Gujarati',
    nativeName: 'ગુજરાતી',
    text: 'સુચના: જો તમે ગુજરાતી બોલતા હો, તો નિ:શુલ્ક ભાષા સહાય સેવાઓ તમારા માટે ઉપલબ્ધ છે. ફોન કરો {phone} (TTY: {tty}).',
  },
];

/** A tagline's sentence with the payer's numbers in place. */
export function taglineText(tagline: Tagline, numbers: { phone: string; tty: string }): string {
  return tagline.text.replace('{phone}', numbers.phone).replace('{tty}', numbers.tty);
}
