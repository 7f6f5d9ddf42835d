// Held-out evaluation of lead discovery and extraction (issue 16 item 1): German and English small-business sites
// written after the rules were finished, crawled by crawlSite. Recall is the share of the lead entities a human reads
// off a site (type and normalised value) that the crawl returns; an invented email is one returned that is neither the
// lead's nor shown on the site as someone else's (`thirdParty`).
// Three rounds of eight sites, each measured once untouched: 46/53 = 0.868, 43/52 = 0.827, 47/55 = 0.855, no invented
// email in any. Every round found every contact and impressum page; the misses were the entity extractors' (formats
// not seen before). Rounds 1 and 2 were then used to fix the extractors and are regressions now (≥ 0.95 asserted);
// round 3 stayed unseen until round 5 was measured, then both were used to fix the extractors (general rules from their
// misses, no fixture's values): round 3 is at 55/55 since. Round 4 (French, Dutch, Spanish, Italian, Swiss, Irish
// sites) measured 51/87 = 0.586 untouched and has been used since.
// The figures are printed with console.log, which the config hides for passing tests:
//   npx vitest run tests/extractions/discovery-heldout.test.ts --silent=false
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crawlSite } from '../../src/modules/extractions/crawl';
import { type Entity, entityKey } from '../../src/modules/extractions/parse';
import { firstRoundSites, heldOutSites, secondRoundSites } from '../fixtures/sites/heldout';
import { fourthRoundSites } from '../fixtures/sites/heldout/round4';
import { fifthRoundSites } from '../fixtures/sites/heldout/round5';
import { sixthRoundSites } from '../fixtures/sites/heldout/round6';
import { seventhRoundSites } from '../fixtures/sites/heldout/round7';
import { eighthRoundSites } from '../fixtures/sites/heldout/round8';
import { ninthRoundSites } from '../fixtures/sites/heldout/round9';
import { tenthRoundSites } from '../fixtures/sites/heldout/round10';
import { eleventhRoundSites } from '../fixtures/sites/heldout/round11';
import { twelfthRoundSites } from '../fixtures/sites/heldout/round12';
import { thirteenthRoundSites } from '../fixtures/sites/heldout/round13';
import type { FixtureSite } from '../fixtures/sites/types';
import { installNetwork, PUBLIC_IP } from './network';

afterEach(() => vi.restoreAllMocks());

/**
 * Round 4 (sites/heldout/round4) was measured once untouched at 51/87 = 0.586 (rules that knew only German and
 * English), then used to teach the extractors the other four languages' roles, VAT forms and registers: seen
 * since, its floor only rises. 84/87 since round 11's rules (an address an inline script joins from literals).
 */
const FOURTH_ROUND_FLOOR = 84 / 87;

/**
 * Round 5 (sites/heldout/round5, German, Austrian, UK, US and Irish sites written by someone who had not read the
 * extractors) was measured once untouched on 2026-12-07: 62/76 = 0.816, no invented email — the 0.95 was not
 * met. Then used, with round 3, to fix the extractors: 75/76 = 0.987 since (the one miss, an application address
 * printed only on a jobs page the crawl does not visit). Seen now: its floor only rises.
 */
const FIFTH_ROUND_FLOOR = 0.98;

/** Round 3 (the first eight held-out sites' last round): 47/55 = 0.855 untouched, 55/55 since it was used. */
const THIRD_ROUND_FLOOR = 1;

/**
 * Round 6 (sites/heldout/round6: German, Austrian, Swiss, UK, US, Irish and Australian sites on ten more builders,
 * written by someone who had not read the extractors) was measured once untouched on 2026-12-07: 70/82 = 0.854, no
 * invented email — the 0.95 is not met. Then used to fix the extractors (general rules from its misses): 80/82
 * since (the two misses, an address and an emergency mobile printed only on a product page and an emergency page the
 * crawl does not visit). Seen now: its floor only rises.
 */
const SIXTH_ROUND_FLOOR = 0.97;

/**
 * Round 7 (sites/heldout/round7: German, Austrian, Swiss, UK, US, Irish and Canadian sites on ten more builders —
 * Divi, IONOS MyWebsite, Wix, Squarespace, Shopify, Cloudflare-protected Bootstrap, Elementor, Showit, Webflow,
 * GoDaddy — written by someone who had not read the extractors) was measured once untouched on 2026-12-07: 74/80 =
 * 0.925, no invented email — the 0.95 is not met. Every German-language site was read in full; the misses
 * are a US LLC's and a Canadian company's legal name, address, owner and a phone (North American "Owner" and
 * "<street>, <city> <province> <postcode>" forms). Then used to fix the extractors (Canadian addresses, a company a
 * privacy or terms page says operates the site): 77/80 since (left: an owner named only in prose, an owner under a
 * heading with another job, a phone after "Text or call"), 78/80 since round 11's rules read a North American number
 * on an English page of a .com, 79/80 since round 12's rules read a caption of joined roles under a name ("Owner &
 * lead photographer"). Seen now: its floor only rises.
 */
const SEVENTH_ROUND_FLOOR = 79 / 80;

/**
 * Round 8 (sites/heldout/round8: German, Austrian, Swiss, UK, US, Irish and Australian sites on ten more builders —
 * Astra, TYPO3, hand-written tables, Jimdo Creator, Wix Studio, Joomla, Squarespace, Framer, SITE123, Enfold —
 * written by someone who had not read the extractors, after round 7's rules) was measured once untouched on
 * 2026-12-07: 77/84 = 0.917, no invented email — the issue's 0.95 is not met. Misses: four emails only in a mailto
 * button with ?subject= or a CMS's own cloaking (TYPO3 data-mailto-token, Joomla's base64 hidden mail), an Austrian
 * FN register, a US address after a label ("Studio visits by appointment: …"), a Pty Ltd named only in the privacy
 * policy. Then used to fix the crawler and extractors (what the budget leaves goes to the menu's pages, where
 * services pages keep their quote buttons; Joomla's /index.php/… pages are menu pages; "Firmenbuchnummer"; a label
 * before a US street; a privacy page's company whose name the domain spells): 84/84 since.
 */
const EIGHTH_ROUND_FLOOR = 84 / 84;

/**
 * Round 9 (sites/heldout/round9: French, Swiss French, Dutch, Flemish, Spanish, Italian, Ticino, German and Scottish
 * sites on ten more builders — e-monsite, PrestaShop, JouwWeb, Odoo, Hostinger, GeneratePress, OceanWP, Mobirise,
 * Sitejet, Google Sites — written by someone who had not read the extractors, after round 8's rules) was measured
 * once untouched on 2026-12-07 at f7f9752: 79/96 = 0.823, no invented email. Misses: owners and directors under
 * Dutch and Italian role words or after a master's title or a Swiss signing right, Swiss commercial-register entries
 * in French and Italian, Spanish and Italian street forms, company names with "du" or "di … & C.", a building name
 * before a Scottish street, two emails on pages the crawl did not reach. Then used to fix the extractors: 93/96 since.
 */
const NINTH_ROUND_FLOOR = 93 / 96;

/**
 * Round 10 (sites/heldout/round10: German, Austrian, New Zealand, US, French, Luxembourg, Dutch, Spanish, Italian and
 * Portuguese sites on ten more builders — Contao, Kirby, Strikingly, HubSpot CMS, Craft CMS, WooCommerce + Blocksy,
 * one.com, Bricks, Concrete CMS, Tilda — with countries and a language (Portuguese) no earlier round had) was measured
 * once untouched on 2026-12-07 at 38cee11: 67/94 = 0.713, no invented email. Misses: a Portuguese site's legal data,
 * Luxembourg's RCS, seat and managers, a New Zealand NZBN and address, a V.O.F.'s partners and KvK on a page the
 * crawl did not reach, a Spanish S.L.P., phones only in a WhatsApp link or an image's alt text. Then used to fix the
 * extractors (terms pages' registration clauses in six languages, "handelend onder de naam", KvK "onder nummer",
 * "Vennoten", a combined legal page's "Titular:" block, S.L.P., Luxembourg's RCS and "L-" postcodes, a number before a
 * comma in French streets, WhatsApp chat links): 81/94 since; Portuguese and New Zealand forms are not read.
 */
const TENTH_ROUND_FLOOR = 81 / 94;
/**
 * Round 11 (sites/heldout/round11: German, Austrian, Swiss, UK, Irish, US, Australian and Canadian sites, ten builders
 * not used before — REDAXO, Shopware 6, STRATO's CM4all, Twenty Twenty-Four, Cloudrexx, Ghost, Oxygen, BigCommerce,
 * Silverstripe, Carrd): measured once untouched (the crawler of 517e629): 76/85 = 0.894, no invented email. Misses:
 * REDAXO's ROT13 javascript: mailto links, an address assembled by an inline script, a Swiss UID printed as the
 * register's number, US phones printed only as text, an email printed only on a services page the crawl did not reach
 * (a shop's "Compare" link took the last menu slot), an Australian ACN beside the ABN, a Canadian numbered avenue ("9 Ave SE").
 * Then used to fix the crawler and extractors (REDAXO's ROT13 links and "_at_" spans, string literals an inline
 * script joins into an address, a mailto link printed on a third party's line and credits under their own heading
 * are the third party's, the Swiss register as a label and its value, North American numbers on an English page
 * of a .com, a shop's compare / wish list / account pages are no menu pages, the ACN, numbered streets): 85/85 since.
 */
const ELEVENTH_ROUND_FLOOR = 85 / 85;

/**
 * Round 12 (sites/heldout/round12: German, Austrian, Swiss, UK, Irish, US, Canadian and Australian sites on ten more
 * builders — TYPO3 with t3sbootstrap, WebSite X5, Beaver Builder, Joomla with YOOtheme, Drupal's Olivero, Umbraco,
 * Jekyll, WPBakery, Zoho Sites, Nicepage): measured once untouched (the crawler of e9bdddc): 83/88 = 0.943, no
 * invented email. Misses: WebSite X5's emailTo() with the address reversed, two directors on a "Meet the team" page,
 * a US LLC's legal name printed only in its terms, a Canadian clinic's owner named only on its about page.
 * Then used to fix the extractors (WebSite X5's emailTo() read backwards, in an href or an onclick; a team card's
 * caption of joined roles or a role and its remit under the name — "Founder & Director", "Owner & Clinic Director",
 * "Director – Design & Showroom", a founder read with the office held too; a company named before its US entity
 * clause and the trade name it does business under, "X LLC, an Idaho limited liability company doing business as
 * Y", kept from a terms page): 88/88 since.
 */
const TWELFTH_ROUND_FLOOR = 88 / 88;

/**
 * Round 13 (sites/heldout/round13: German, Austrian, Swiss, UK, Irish, US, Canadian and New Zealand sites on ten more
 * builders — Neos, Betheme with CryptX, ProcessWire with EMO, Sulu, MODX, Yola, Astro, Homestead, Pagecloud,
 * Rocketspark): measured once untouched (the crawler of a8903c8): 80/89 = 0.899, no invented email. Misses: Neos's
 * MailObfuscator with per-link offsets, CryptX's DeCryptX links and EMO's base-64 placeholders (three emails), a
 * 24-hour mobile and a showroom phone on pages two clicks deep, a Swiss director named on the team page, an email
 * only in an Astro island's props, a New Zealand registered office and NZBN only in the terms of trade.
 * Then used to fix the extractors (Neos's explicit per-link offset, CryptX's digit-shifted pairs and EMO's shuffled
 * base 64 decoded; an Astro island's props address on the site's own domain; a Swiss "Präsident des Verwaltungsrates";
 * New Zealand's "<number> <street>, <town> <postcode>" and check-digited NZBN; customer-service and showroom links
 * ranked as contact pages): 88/89 since (left: an address only behind a button on a service page the budget misses).
 */
const THIRTEENTH_ROUND_FLOOR = 88 / 89;

const limiter = { limit: async () => ({ success: true }) } as unknown as RateLimit;
const key = (e: Pick<Entity, 'type' | 'value'>) => `${e.type}\n${entityKey(e)}`;

interface Score {
  expected: number;
  found: number;
  invented: string[];
  misses: string[];
}

async function evaluate(sites: FixtureSite[]): Promise<Score> {
  const score: Score = { expected: 0, found: 0, invented: [], misses: [] };
  for (const site of sites) {
    installNetwork([site]);
    const { entities } = await crawlSite(
      `${site.origin}/`,
      {
        fetch: (input, init) => fetch(input, init),
        resolve: async () => [PUBLIC_IP],
        allowedHosts: [],
        limiter,
        sleep: async () => {},
      },
      async () => {},
    );
    vi.restoreAllMocks();
    const found = new Set(entities.map(key));
    const expected = new Set(site.expected.map(key));
    for (const want of site.expected) {
      score.expected++;
      if (found.has(key(want))) score.found++;
      else score.misses.push(`${site.name}: ${want.type} ${want.value}`);
    }
    for (const email of entities.filter((e) => e.type === 'EMAIL')) {
      if (!expected.has(key(email)) && !site.thirdParty?.includes(email.value))
        score.invented.push(`${site.name}: ${email.value}`);
    }
  }
  return score;
}

const report = (label: string, sites: FixtureSite[], score: Score) =>
  console.log(
    `${label}: ${sites.length} sites, lead entity recall ${score.found}/${score.expected} = ${(score.found / score.expected).toFixed(3)}, invented emails ${score.invented.length}`,
    score.misses,
    score.invented,
  );

describe('discovery on sites the rules were not shaped on', () => {
  it('round 13 (German, Austrian, Swiss, UK, Irish, US, Canadian and New Zealand sites): measured 0.899 untouched, 88/89 since', async () => {
    const score = await evaluate(thirteenthRoundSites);
    report('round 13', thirteenthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(THIRTEENTH_ROUND_FLOOR);
  });
  it('round 12 (German, Austrian, Swiss, UK, Irish, US, Canadian and Australian sites): measured 0.943 untouched, all found since', async () => {
    const score = await evaluate(twelfthRoundSites);
    report('round 12', twelfthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(TWELFTH_ROUND_FLOOR);
  });
  it('round 11 (German, Austrian, Swiss, UK, Irish, US, Australian and Canadian sites): measured 0.894 untouched, all found since', async () => {
    const score = await evaluate(eleventhRoundSites);
    report('round 11', eleventhRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(ELEVENTH_ROUND_FLOOR);
  });
  it('round 10 (German, Austrian, New Zealand, US, French, Luxembourg, Dutch, Spanish, Italian and Portuguese sites): measured 0.713 untouched, kept at its floor since', async () => {
    const score = await evaluate(tenthRoundSites);
    report('round 10', tenthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(TENTH_ROUND_FLOOR);
  });

  it('round 9 (French, Swiss French, Dutch, Flemish, Spanish, Italian, Ticino, German and Scottish sites): measured 0.823 untouched, kept at its floor since', async () => {
    const score = await evaluate(ninthRoundSites);
    report('round 9', ninthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(NINTH_ROUND_FLOOR);
  });

  it('round 8 (German, Austrian, Swiss, UK, US, Irish and Australian sites): measured 0.917 untouched, all found since', async () => {
    const score = await evaluate(eighthRoundSites);
    report('round 8', eighthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(EIGHTH_ROUND_FLOOR);
  });

  it('round 7 (German, Austrian, Swiss, UK, US, Irish and Canadian sites): measured 0.925 untouched, kept at its floor since', async () => {
    const score = await evaluate(seventhRoundSites);
    report('round 7', seventhRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(SEVENTH_ROUND_FLOOR);
  });

  it('round 4 (French, Dutch, Spanish, Italian, Swiss German, Irish): measured 0.586 untouched, kept at its floor since', async () => {
    const score = await evaluate(fourthRoundSites);
    report('round 4', fourthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(FOURTH_ROUND_FLOOR);
  });

  it('round 6 (German, Austrian, Swiss, UK, US, Irish and Australian sites): measured 0.854 untouched, kept at its floor since', async () => {
    const score = await evaluate(sixthRoundSites);
    report('round 6 (seen)', sixthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(SIXTH_ROUND_FLOOR);
  });

  it('round 5 (German, Austrian, UK, US and Irish sites): measured 0.816 untouched, kept at its floor since', async () => {
    const score = await evaluate(fifthRoundSites);
    report('round 5 (seen)', fifthRoundSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(FIFTH_ROUND_FLOOR);
  });

  it('round 3: measured 0.855 untouched, invents no email and keeps every lead entity since', async () => {
    const score = await evaluate(heldOutSites);
    report('round 3 (seen)', heldOutSites, score);
    expect(score.invented).toEqual([]);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(THIRD_ROUND_FLOOR);
  });

  it('finds ≥ 95 % of the lead entities of the earlier rounds (used to fix the extractors) and invents no email', async () => {
    const sites = [...firstRoundSites, ...secondRoundSites];
    const score = await evaluate(sites);
    report('rounds 1 and 2 (seen)', sites, score);
    expect(score.found / score.expected).toBeGreaterThanOrEqual(0.95);
    expect(score.invented).toEqual([]);
  });
});
