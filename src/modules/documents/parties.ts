// The parties as documents print them: the platform from configuration, companies and experts from their
// billing details (falling back to their display name while details are missing).
import type { Config } from '../../config';
import type { Expert, Org } from '../../db/schema';
import type { Party } from './content';

type BillingFields = Pick<
  Org,
  'name' | 'legalName' | 'addressLine1' | 'addressLine2' | 'postcode' | 'city' | 'countryCode' | 'vatId'
>;

function addressLines(row: BillingFields): string[] {
  const cityLine = [row.postcode, row.city].filter(Boolean).join(' ');
  return [row.addressLine1, row.addressLine2, cityLine, row.countryCode].filter((line): line is string =>
    Boolean(line),
  );
}

export function platformParty(config: Config): Party {
  return {
    name: config.PLATFORM_NAME,
    lines: [...config.PLATFORM_ADDRESS, config.PLATFORM_COUNTRY],
    country_code: config.PLATFORM_COUNTRY,
    vat_id: config.PLATFORM_VAT_ID || null,
    tax_number: null,
  };
}

export function orgParty(org: Org): Party {
  return {
    name: org.legalName ?? org.name,
    lines: addressLines(org),
    country_code: org.countryCode,
    vat_id: org.vatId,
    tax_number: null,
  };
}

export function expertParty(expert: Expert): Party & { small_business: boolean } {
  return {
    name: expert.legalName ?? expert.name,
    lines: addressLines(expert),
    country_code: expert.countryCode,
    vat_id: expert.vatId,
    tax_number: expert.taxNumber,
    small_business: expert.smallBusiness,
  };
}
