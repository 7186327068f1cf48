// The deploying payer's public facts. A state agency changes these, not the message files.
export const PAYER = {
  name: 'MassHealth',
  customerServicePhone: '1-800-841-2900',
  customerServiceTty: '711',
  // Where people who find a vulnerability write (/.well-known/security.txt, lib/security/security-txt.ts).
  securityEmail: 'security@consent-hub.example',
  customerServiceHours: { en: 'Monday to Friday, 8 a.m. to 5 p.m.', es: 'de lunes a viernes, de 8 a.\u00a0m. a 5 p.\u00a0m.' },
  recordsRequestUrl: 'https://www.mass.gov/how-to/request-masshealth-member-records',
  ocrComplaintUrl: 'https://www.hhs.gov/ocr/complaints/index.html',
  ocrAddress: 'Centralized Case Management Operations, U.S. Department of Health and Human Services, 200 Independence Avenue S.W., Room 509F HHH Bldg., Washington, D.C. 20201',
  ftcComplaintUrl: 'https://reportfraud.ftc.gov/',
  ftcAddress: 'Federal Trade Commission, 600 Pennsylvania Avenue NW, Washington, DC 20580',
  hipaaRightsUrl: 'https://www.hhs.gov/hipaa/for-individuals/index.html',
  ftcAppPrivacyUrl: 'https://consumer.ftc.gov/articles/how-protect-your-privacy-apps',
  /** The CARIN Alliance's list of apps that attested to its code of conduct, for apps not in our gallery. */
  carinAppListUrl: 'https://www.carinalliance.com/our-work/trust-framework-and-code-of-conduct/',
} as const;
