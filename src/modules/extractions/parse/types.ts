// Shared types of the lead-mining parser (re-exported from index.ts).

export type EntityType = 'EMAIL' | 'PHONE' | 'PERSON' | 'COMPANY_NAME' | 'ADDRESS' | 'VAT_ID' | 'REGISTER';
export type PageType = 'home' | 'impressum' | 'contact' | 'about' | 'legal' | 'other';

/** Where on the page a link sits: the site's navigation (nav, header, menu) or its footer; absent elsewhere. */
export type LinkZone = 'nav' | 'footer';

export interface PageLink {
  /** Absolute, fragment stripped. */
  url: string;
  text: string;
  zone?: LinkZone;
}

export interface ParsedPage {
  url: string;
  title: string;
  lang: string | null;
  /** Visible text with block boundaries as newlines. */
  text: string;
  links: PageLink[];
  mailtos: string[];
  tels: string[];
  /** Decoded Cloudflare email-protection addresses. */
  cfEmails: string[];
  /** Raw `<script type="application/ld+json">` contents (bounded), read by json-ld.ts. */
  jsonLd?: string[];
}

export interface Entity {
  type: EntityType;
  value: string;
  /** 0-100 integer. */
  confidence: number;
  source_url: string;
  role?: string;
}
