// An expert by name where a payout carries only the id (one cached request per expert, engagements/names.ts);
// the short id while the name loads or when it cannot be read.
import { useResource } from '../../live/use-resource';
import { expertById } from '../engagements/names';
import { ShortId } from './short-id';

export function ExpertName({ id }: { id: string }) {
  const expert = useResource(() => expertById(id), [id]);
  if (!expert.data) return <ShortId id={id} />;
  return (
    <span title={id} data-id={id}>
      {expert.data.name}
    </span>
  );
}
