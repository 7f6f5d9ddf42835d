// Supplier or recipient as a bookkeeper enters them: name, address on one line, VAT ID.
import { useMessages } from '../../../i18n/define';
import { TextField } from './invoice-field';
import { invoiceFields } from './messages';

export function PartyFieldset({ party }: { party: 'supplier' | 'recipient' }) {
  const f = useMessages(invoiceFields);
  return (
    <fieldset class="party" data-testid={`party-${party}`}>
      <legend>{f[party]}</legend>
      <TextField path={`${party}.name`} label={f.name} />
      <TextField path={`${party}.address`} label={f.address} />
      <TextField path={`${party}.vat_id`} label={f.vat_id} />
    </fieldset>
  );
}
