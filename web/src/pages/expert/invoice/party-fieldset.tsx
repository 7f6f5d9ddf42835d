// Supplier or recipient as a bookkeeper enters them: name, address on one line, VAT ID.
import { TextField } from './invoice-field';

export function PartyFieldset({ party, legend }: { party: 'supplier' | 'recipient'; legend: string }) {
  return (
    <fieldset class="party" data-testid={`party-${party}`}>
      <legend>{legend}</legend>
      <TextField path={`${party}.name`} label="Name" />
      <TextField path={`${party}.address`} label="Address" />
      <TextField path={`${party}.vat_id`} label="VAT ID" />
    </fieldset>
  );
}
